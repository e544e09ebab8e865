import { ConfigError } from "../../core/errors/config-error.js";

const loaded = new Map<string, Promise<unknown>>();

/**
 * Imports an optional peer dependency once. A missing package becomes a `ConfigError` that says
 * what to install, instead of Node's bare module-not-found.
 */
export function importSdk<T>(specifier: string, provider: string, load: () => Promise<T>): Promise<T> {
  let pending = loaded.get(specifier) as Promise<T> | undefined;
  if (!pending) {
    pending = load().catch((error: unknown) => {
      loaded.delete(specifier);
      const code = (error as { code?: string } | null)?.code;
      if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
        throw new ConfigError(
          `The ${provider} provider needs the "${specifier}" package, which is not installed: run \`npm install ${specifier}\``,
          { cause: error, path: `providers.${provider}` },
        );
      }
      throw error;
    });
    loaded.set(specifier, pending);
  }
  return pending;
}
