// @ts-check
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
    {
        ignores: ["node_modules/**", "**/bin/**", "bench/**", "**/*.js", "**/*.mjs"],
    },
    ...tseslint.configs.recommended,
    {
        // The Pulumi rules need type information: they look at the type of every template-literal expression.
        files: ["index.ts", "demo/**/*.ts", "components/**/*.ts", "tools/**/*.ts", "tests/**/*.ts", "policies/**/*.ts"],
        languageOptions: {
            parserOptions: {
                projectService: true,
                tsconfigRootDir: import.meta.dirname,
            },
        },
        plugins: { pulumi },
        rules: {
            "pulumi/no-output-in-template-literal": "error",
            "pulumi/no-output-instance-in-template-literal": "error",
            // Property bags from the engine, the wire and policy args are untyped by nature; `unknown` there only adds casts.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
);
