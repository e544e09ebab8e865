import { ConfigError } from "../errors/config-error.js";
import { formatIssueList } from "../errors/validation-error.js";
import { toValidationIssues } from "../schema/format-issues.js";
import { clientConfigSchema } from "./config-schema.js";

/** Names people reach for that mean a config key though no edit brings them close. */
const CONFIG_SYNONYMS: Readonly<Record<string, string>> = {
  apikeys: "apiKey",
  keys: "apiKey",
  key: "apiKey",
  endpoint: "baseURL",
  url: "baseURL",
  aliases: "models",
  plugins: "middleware",
};

/**
 * Checks a client config's shape: every problem with its path, and an unknown key (a top-level
 * one too) with the key it most likely meant.
 *
 * @throws ConfigError naming the first offending path, with all of them in the message.
 */
export function checkClientConfig(config: unknown): void {
  const parsed = clientConfigSchema.safeParse(config);
  if (parsed.success) return;
  const issues = toValidationIssues(parsed.error.issues, "", { schema: clientConfigSchema, input: config, synonyms: CONFIG_SYNONYMS });
  const first = issues[0];
  throw new ConfigError(`Invalid client config: ${formatIssueList(issues)}`, first?.path ? { path: first.path } : {});
}
