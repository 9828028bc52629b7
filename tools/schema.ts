/**
 * `npm run schema`: writes components/schema.json from Pulumi's inference over the built components, and the
 * fingerprint the fast staleness spec compares. Run it after changing a component's args or outputs, or after
 * bumping @pulumi/pulumi or @pulumi/aws (resource references pin the aws schema version).
 */
import * as fs from "fs";
import * as path from "path";
import { ensureBuilt } from "./lib/freshness";
import { COMPONENTS_DIR, FINGERPRINT_FILE, SCHEMA_FILE, inferSchema, schemaFingerprint } from "./lib/componentSchema";

const ROOT = path.resolve(__dirname, "..");

async function main(): Promise<void> {
    ensureBuilt(COMPONENTS_DIR, ROOT, (line) => process.stderr.write(`${line}\n`));
    const schema = await inferSchema();
    fs.writeFileSync(SCHEMA_FILE, schema);
    fs.mkdirSync(path.dirname(FINGERPRINT_FILE), { recursive: true });
    fs.writeFileSync(FINGERPRINT_FILE, `${schemaFingerprint()}\n`);
    process.stdout.write(
        `${path.relative(process.cwd(), SCHEMA_FILE)}: ${Object.keys(JSON.parse(schema).resources).length} components\n`,
    );
}

main().catch((err) => {
    process.stderr.write(`schema: ${(err as Error).message}\n`);
    process.exit(1);
});
