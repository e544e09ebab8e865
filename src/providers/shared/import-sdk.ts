import { ConfigError } from "../../core/errors/config-error.js";
import { importByName, isModuleNotFound } from "../../core/import-by-name.js";

const loaded = new Map<string, Promise<unknown>>();

/** Where a provider's SDK module comes from. */
export interface SdkSource {
  /** The package's name, imported on first use when no module is given. */
  readonly specifier: string;
  /** The exports proxyless uses (the client class first: `OpenAI`, `Anthropic`, `GoogleGenAI`, then error classes): checked on a given module. */
  readonly entries: readonly string[];
  /** The module the config gave (`providers.<name>.sdk`), if any. */
  readonly given?: unknown;
}

/**
 * The SDK module of a provider: the one the config gave, or the package imported once, by name (a
 * bundler leaves the SDKs an app does not use alone; a bundle that must carry one inside it passes
 * the module as `providers.<name>.sdk`). A missing
 * package becomes a `ConfigError` that says what to install, instead of Node's bare
 * module-not-found; a given module without the SDK's class says what to pass instead.
 *
 * @param load how to import the package; by name unless a test says otherwise.
 */
export function importSdk<T>({ specifier, entries, given }: SdkSource, provider: string, load: (specifier: string) => Promise<unknown> = importByName): Promise<T> {
  if (given !== undefined) {
    const lacking = typeof given === "object" && given !== null ? entries.filter((name) => typeof (given as Record<string, unknown>)[name] !== "function") : entries;
    if (lacking.length > 0) {
      return Promise.reject(
        new ConfigError(`providers.${provider}.sdk must be the "${specifier}" module itself (import * as sdk from "${specifier}"), which exports ${entries.join(", ")}; this value has no ${lacking.join(", ")}`, {
          path: `providers.${provider}.sdk`,
        }),
      );
    }
    return Promise.resolve(given as T);
  }
  let pending = loaded.get(specifier) as Promise<T> | undefined;
  if (!pending) {
    pending = load(specifier).then(
      (module) => module as T,
      (error: unknown) => {
        loaded.delete(specifier);
        if (isModuleNotFound(error)) {
          throw new ConfigError(`The ${provider} provider needs the "${specifier}" package, which is not installed: run \`npm install ${specifier}\`` +
              ` (in a bundle that runs without node_modules, pass the module itself as providers.${provider}.sdk)`, {
            cause: error,
            path: `providers.${provider}`,
          });
        }
        throw error;
      },
    );
    loaded.set(specifier, pending);
  }
  return pending;
}
