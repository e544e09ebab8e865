import { ConfigError } from "../errors/config-error.js";
import { ValidationError } from "../errors/validation-error.js";
import type { Target } from "../types/target.js";

/** Where a model string leads: a provider and its model id. The key is chosen per attempt. */
export type Route = Pick<Target, "provider" | "model">;
import { parseModelId } from "./parse-model-id.js";
import type { ProviderRegistry } from "./provider-registry.js";

/** Distinct model strings remembered after parsing; more are parsed on every call. */
const MAX_SEEN_MODELS = 1024;

/**
 * Resolves a request's `model` to a target: aliases first (resolved once, at construction, so a
 * cycle or an unknown provider fails `createClient`), then `provider/model`.
 */
export class Router {
  readonly #aliases = new Map<string, Route>();
  readonly #seen = new Map<string, Route>();
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
   * Where a model string leads. The key is not chosen here but when an attempt starts, so that
   * every attempt (a retry too) can go to another key of a pool.
   *
   * @throws ValidationError for a model string that names no alias and no known provider.
   */
  resolve(model: string): Route {
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
    return resolved;
  }

  #unknownProvider(provider: string, model: string): string {
    return `unknown provider "${provider}" in "${model}" (configured: ${this.#registry.names().join(", ")})`;
  }
}
