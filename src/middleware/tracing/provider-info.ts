import type { TracedProvider } from "./tracing-options.js";

/** What a span says of the provider an attempt went to. */
export interface ProviderInfo {
  /** `gen_ai.provider.name` (`gen_ai.system` in legacy mode). */
  readonly name: string;
  /** `gen_ai.operation.name`: `generate_content` for Gemini, `chat` otherwise. */
  readonly operation: "chat" | "generate_content";
  readonly serverAddress?: string;
  readonly serverPort?: number;
}

interface BuiltinType {
  readonly providerName: string;
  readonly operation: "chat" | "generate_content";
  /** The SDK's own base-URL environment variable, then its default. */
  readonly envBaseURL: string;
  readonly defaultBaseURL: string;
}

/**
 * The built-in types as the conventions name them.
 * @see https://github.com/open-telemetry/semantic-conventions/blob/v1.41.1/docs/registry/attributes/gen-ai.md#gen-ai-provider-name
 */
const BUILTIN: Readonly<Record<string, BuiltinType>> = {
  openai: { providerName: "openai", operation: "chat", envBaseURL: "OPENAI_BASE_URL", defaultBaseURL: "https://api.openai.com/v1" },
  anthropic: { providerName: "anthropic", operation: "chat", envBaseURL: "ANTHROPIC_BASE_URL", defaultBaseURL: "https://api.anthropic.com" },
  // The Gemini Developer API (generativelanguage.googleapis.com), whose operation the conventions
  // call `generate_content`.
  google: { providerName: "gcp.gemini", operation: "generate_content", envBaseURL: "GOOGLE_GEMINI_BASE_URL", defaultBaseURL: "https://generativelanguage.googleapis.com" },
};

/** Reads the environment where there is one; edge runtimes have none. */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === undefined || value === "" ? undefined : value;
}

/**
 * The provider of a configured name, from what `tracing({ providers })` was told: a built-in type
 * is named as the conventions say; an `openai-compatible` server or a custom adapter by its
 * configured name (`groq`, `ollama`), since it is not OpenAI, unless `providerName` says otherwise.
 */
export function describeProvider(configuredName: string, entry: TracedProvider | undefined): ProviderInfo {
  const type = entry?.type ?? configuredName;
  const builtin = Object.hasOwn(BUILTIN, type) ? BUILTIN[type] : undefined;
  const name = entry?.providerName ?? builtin?.providerName ?? configuredName;
  const operation = builtin?.operation ?? "chat";
  const baseURL = entry?.baseURL ?? (builtin ? (readEnv(builtin.envBaseURL) ?? builtin.defaultBaseURL) : undefined);
  const server = baseURL === undefined ? undefined : serverOf(baseURL);
  return { name, operation, ...(server ?? {}) };
}

/** The host and port of a base URL, never more of it (a URL can carry credentials). */
export function serverOf(baseURL: string): { readonly serverAddress: string; readonly serverPort: number } | undefined {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return undefined;
  }
  if (url.hostname === "") return undefined;
  const port = url.port !== "" ? Number(url.port) : url.protocol === "http:" ? 80 : url.protocol === "https:" ? 443 : undefined;
  // IPv6 hosts come bracketed; the conventions want the address itself.
  const address = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return port === undefined ? undefined : { serverAddress: address, serverPort: port };
}
