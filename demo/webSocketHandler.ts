/**
 * The demo WebSocket API's backend: one tiny handler for `$connect`, `$disconnect` and `$default`. Like the hello
 * function it misbehaves on request, so that every signal the WebSocket alarms watch can be produced: connecting
 * with `?refuse=1` is refused with a 403 (a failed connect), and a message `{"fail": true}` makes the function throw
 * (an integration error). Anything else is accepted and logged.
 */
export const ECHO_HANDLER_SOURCE = `export const handler = async (event) => {
    const { routeKey, connectionId, eventType } = event.requestContext ?? {};
    console.log(JSON.stringify({ routeKey, connectionId, eventType }));
    if (routeKey === "$connect" && event.queryStringParameters?.refuse === "1") {
        return { statusCode: 403 };
    }
    if (routeKey === "$default") {
        let message;
        try {
            message = JSON.parse(event.body ?? "{}");
        } catch {
            return { statusCode: 400 };
        }
        if (message?.fail === true) {
            throw new Error("failing on request");
        }
    }
    return { statusCode: 200 };
};
`;

/** The routes the demo WebSocket API serves, all with the one function. */
export const ECHO_ROUTE_KEYS: readonly string[] = ["$connect", "$disconnect", "$default"];

/** Far below WebSocket's 29 s integration timeout: the handler does no work. */
export const ECHO_TIMEOUT_SECONDS = 10;
