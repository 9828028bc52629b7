/**
 * The components' multi-language schema, as Pulumi infers it from their TypeScript types
 * (`@pulumi/pulumi/provider/experimental`, `ComponentProvider.getSchema()`, the same call the plugin host answers
 * GetSchema with), and the fingerprint of everything the inference reads, so that a fast check can tell whether the
 * committed `components/schema.json` may be stale without running the (slow) inference.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
export const COMPONENTS_DIR = path.join(ROOT, "components");
export const SCHEMA_FILE = path.join(COMPONENTS_DIR, "schema.json");
/** Kept beside the specs, not in the package: it only tells the fast check what the committed schema was made from. */
export const FINGERPRINT_FILE = path.join(ROOT, "tests", "components", "fixtures", "schema.fingerprint");

function sources(dir: string): string[] {
    const out: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "bin" && entry.name !== "node_modules") {
                out.push(...sources(full));
            }
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            out.push(full);
        }
    }
    return out.sort();
}

/**
 * A hash of what the inference reads: the component sources, the package's manifest and tsconfig, and the exact
 * versions of @pulumi/pulumi (the inference) and @pulumi/aws (resource references pin its schema version).
 */
export function schemaFingerprint(): string {
    const hash = createHash("sha256");
    const files = [
        ...sources(COMPONENTS_DIR),
        path.join(COMPONENTS_DIR, "package.json"),
        path.join(COMPONENTS_DIR, "tsconfig.json"),
    ];
    for (const file of files) {
        hash.update(path.relative(COMPONENTS_DIR, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    }
    for (const pkg of ["@pulumi/pulumi", "@pulumi/aws"]) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        hash.update(`${pkg}@${require(path.join(ROOT, "node_modules", pkg, "package.json")).version}\0`);
    }
    return hash.digest("hex");
}

/** The schema Pulumi infers for the package's exported components, as pretty JSON with a final newline. */
export async function inferSchema(): Promise<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ComponentProvider, getPulumiComponents } = require(
        path.join(ROOT, "node_modules", "@pulumi", "pulumi", "provider", "experimental"),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require(path.join(COMPONENTS_DIR, "bin", "index.js"));
    const provider = new ComponentProvider({
        components: getPulumiComponents(entry),
        dirname: COMPONENTS_DIR,
        name: "observable-api",
    });
    return `${JSON.stringify(JSON.parse(await provider.getSchema()), null, 2)}\n`;
}
