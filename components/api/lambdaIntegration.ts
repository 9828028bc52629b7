/** Lambda proxy integrations: the URI API Gateway invokes a function through. Pure. */

/**
 * `arn:<partition>:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`: the Lambda
 * service's invocation path, as every AWS example of an AWS_PROXY integration writes its `uri` (the
 * x-amazon-apigateway-integration examples of the API Gateway developer guide).
 */
export function lambdaInvocationUri(partition: string, region: string, functionArn: string): string {
    return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/**
 * The child-resource role of a route: `$connect` gives `connect`; a custom key gives `route-<slug>`, so it can
 * never collide with a predefined one, and two custom keys with the same slug get a short hash of the key.
 */
export function routeSlugs(routeKeys: readonly string[], hash: (text: string) => string): string[] {
    const seen = new Set<string>();
    return routeKeys.map((key) => {
        const predefined = /^\$(connect|disconnect|default)$/.exec(key);
        let slug = predefined
            ? predefined[1]
            : `route-${
                  key
                      .toLowerCase()
                      .replace(/[^a-z0-9]+/g, "-")
                      .replace(/^-+|-+$/g, "") || "key"
              }`;
        if (seen.has(slug)) {
            slug = `${slug}-${hash(key).slice(0, 6)}`;
        }
        seen.add(slug);
        return slug;
    });
}
