/**
 * What the README's Python section tells a reader to run, one `npm run -s engine --` command per step, and what
 * tests/engine/python.spec.ts runs (adding `--non-interactive --event-log <file>` to read the results). A fast spec
 * (tests/tools/engine/readmePython.spec.ts) holds the README to exactly these commands and to the consumer program.
 */
export const CONSUMER = "tests/engine/fixtures/consumer-python";
/** The same program in TypeScript, against the npm package, for the graph comparison. */
export const TWIN = "tests/engine/fixtures/consumer-typescript";

export interface Step {
    id: string;
    /** What the run must give, as the README's comment above the command. */
    comment: string;
    args: string[];
    /** The component's message the CLI must print, for a bad arg. */
    error?: string;
}

const at = ["-C", CONSUMER];
const pack = ["--policy-pack", "policies"];
const variant = (name: string) => ["--config-file", `${CONSUMER}/variants/${name}.yaml`];

export const PYTHON_STEPS: Step[] = [
    {
        id: "preview",
        comment: "exit 0: 28 resources to create, no policy violation",
        args: [...at, "preview", "--stack", "prod", ...pack],
    },
    {
        id: "debug",
        comment: "exit 1: apigateway-no-debug-logging-in-production on the component and on both of its MethodSettings",
        args: [...at, "preview", "--stack", "prod", ...pack, ...variant("debug")],
    },
    {
        id: "unknown-environment",
        comment: "exit 1 with the component's message",
        args: [...at, "preview", "--stack", "prod", ...variant("unknown-environment")],
        error: 'ObservableRestApi "orders": environment must be one of "Production", "Staging", "Development", got "Prod"',
    },
    {
        id: "negative-rate",
        comment: "exit 1 with the component's message",
        args: [...at, "preview", "--stack", "prod", ...variant("negative-rate")],
        error: 'ObservableRestApi "orders": throttling.rateLimit must be a positive number, got -1',
    },
    { id: "up", comment: "exit 0: 28 created", args: [...at, "up", "--yes", "--stack", "prod", ...pack] },
    {
        id: "again",
        comment: "exit 0: 28 unchanged",
        args: [...at, "preview", "--expect-no-changes", "--stack", "prod", ...pack],
    },
    { id: "destroy", comment: "exit 0: 28 deleted", args: [...at, "destroy", "--yes", "--stack", "prod"] },
];

/** The README's lines for a step: its comment (and the message, for a bad arg), then the command. */
export function readmeLines(step: Step): string[] {
    return [
        `# ${step.comment}${step.error === undefined ? "" : `: ${step.error}`}`,
        `npm run -s engine -- ${step.args.join(" ")}`,
    ];
}
