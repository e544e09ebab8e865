import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/only-throw-error": "error",
      "no-restricted-imports": "off",
    },
  },
  {
    // The provider contract knows no provider, and runs on every runtime: core imports no SDK and no Node-only module.
    files: ["src/core/**/*.ts"],
    ignores: ["src/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["openai", "openai/*", "@anthropic-ai/*", "@google/*"], message: "src/core knows no provider SDK." },
            { group: ["node:*", "ioredis", "bottleneck"], message: "src/core must run on every runtime: no Node-only modules." },
            { group: ["**/providers/**", "**/testing/**", "**/middleware/**"], message: "src/core imports nothing outside core." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain scripts run as they are on Node, Bun and Deno (test/compat).
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
