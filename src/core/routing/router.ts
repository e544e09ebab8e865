import { ConfigError } from "../errors/config-error.js";
import { ValidationError } from "../errors/validation-error.js";
import type { Target } from "../types/target.js";
import { parseModelId } from "./parse-model-id.js";
import type { ProviderRegistry } from "./provider-registry.js";

/** Distinct model strings remembered after parsing; more are parsed on every call. */
const MAX_SEEN_MODELS = 1024;

/**
 * Resolves a request's `model` to a target: aliases first (resolved once, at construction, so a
 * cycle or an unknown provider fails `createClient`), then `provider/model`.
 */
export class Router {
  readonly #aliases = new Map<string, { provider: string; model: string }>();
  readonly #seen = new Map<string, { provider: string; model: string }>();
  readonly #registry: ProviderRegistry;

  constructor(models: Readonly<Record<string, string>>, registry: ProviderRegistry) {
    this.#registry = registry;
    for (const alias of Object.keys(models)) {
      const seen = [alias];
      let current = models[alias] as string;
      while (Object.hasOwn(models, current)) {
        if (seen.includes(current)) {
          throw new ConfigError(`models.${alias}: alias cycle ${[...seen, current].join(" → ")}`, { path: `models.${alias}` });
        }
        seen.push(current);
        current = models[current] as string;
      }
      const parsed = parseModelId(current);
      if (!parsed) {
        throw new ConfigError(`models.${alias}: "${current}" is neither an alias nor provider/model`, { path: `models.${alias}` });
      }
      if (!registry.has(parsed.provider)) {
        throw new ConfigError(`models.${alias}: ${this.#unknownProvider(parsed.provider, current)}`, { path: `models.${alias}` });
      }
      this.#aliases.set(alias, parsed);
    }
  }

  /**
   * The target for a model string, with the key to use this time.
   *
   * @throws ValidationError for a model string that names no alias and no known provider.
   * @throws ConfigError when the provider has no API key.
   */
  target(model: string): Target {
    let resolved = this.#aliases.get(model) ?? this.#seen.get(model);
    if (!resolved) {
      resolved = parseModelId(model);
      if (!resolved) {
        throw new ValidationError([{ path: "model", message: `"${model}" is neither an alias nor provider/model` }]);
      }
      if (!this.#registry.has(resolved.provider)) {
        throw new ValidationError([{ path: "model", message: this.#unknownProvider(resolved.provider, model) }]);
      }
      // Model strings repeat from call to call; a bounded memo spares parsing them each time.
      if (this.#seen.size < MAX_SEEN_MODELS) this.#seen.set(model, resolved);
    }
    return { provider: resolved.provider, model: resolved.model, keyIndex: this.#registry.nextKeyIndex(resolved.provider) };
  }

  #unknownProvider(provider: string, model: string): string {
    return `unknown provider "${provider}" in "${model}" (configured: ${this.#registry.names().join(", ")})`;
  }
}
