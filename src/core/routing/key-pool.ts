import { AuthenticationError } from "../errors/authentication-error.js";
import { ConfigError } from "../errors/config-error.js";
import { ProxylessError } from "../errors/proxyless-error.js";
import type { KeySource } from "../config/client-config.js";

/** Keys of a function remembered for scrubbing from errors, beyond those in use. */
const SEEN_KEYS = 64;
/** How long a key answered with a 429 and no retry-after rests. */
const DEFAULT_REST_MS = 1_000;
/** After a key function failed while older keys are at hand: they serve, and it is asked again this much later. */
const RETRY_SOURCE_MS = 5_000;

interface KeyState {
  key: string;
  disabled: boolean;
  /** `Date.now()` until which it rests after a 429. */
  restsUntil: number;
  inFlight: number;
  uses: number;
}

/** What the pool says when a key is disabled. */
export interface KeyDisabled {
  readonly keyIndex: number;
  readonly status: number;
  readonly keysLeft: number;
}

export interface KeyPoolOptions {
  readonly provider: string;
  readonly keys: readonly string[] | KeySource;
  readonly rotation: "round-robin" | "least-used";
  readonly ttlMs: number;
}

/**
 * The keys of one provider and how they take turns. A static pool of two or more disables a key
 * rejected with 401/403 (a single key never is: its errors reach the caller as they are) and rests
 * one answered with a 429 until its retry-after. A key function's keys are fetched when first
 * needed, kept `ttlMs`, and fetched again at once after a 401/403 (the key may have rotated).
 */
export class KeyPool {
  readonly #provider: string;
  readonly #source: KeySource | undefined;
  readonly #rotation: "round-robin" | "least-used";
  readonly #ttlMs: number;
  #keys: KeyState[];
  #fetchedAt = -Infinity;
  #fetching: Promise<void> | undefined;
  #cursor = 0;
  readonly #seen = new Set<string>();
  /** Keys a key function gave that the provider rejected. */
  readonly #rejected = new Set<string>();
  #secrets: readonly string[] | undefined;

  constructor(options: KeyPoolOptions) {
    this.#provider = options.provider;
    this.#rotation = options.rotation;
    this.#ttlMs = options.ttlMs;
    if (typeof options.keys === "function") {
      this.#source = options.keys;
      this.#keys = [];
    } else {
      this.#keys = options.keys.map(stateOf);
    }
  }

  /** Whether a rejected key can give way to another: several keys, or a key function. */
  get pool(): boolean {
    return this.#source !== undefined || this.#keys.length > 1;
  }

  /** Whether the pool has any key (a key function counts as one). */
  get empty(): boolean {
    return this.#source === undefined && this.#keys.length === 0;
  }

  /**
   * The key for the next attempt: the next in turn among those not disabled and not resting (a
   * resting one when all rest, the one that is free soonest).
   *
   * @throws AuthenticationError (`code: "all_keys_disabled"`) when every key of a pool was rejected.
   */
  next(): number {
    const keys = this.#keys;
    // A key function's keys are not known until fetched (or fetched again): `key()` chooses then.
    if (keys.length === 0 || (this.#source && performance.now() - this.#fetchedAt >= this.#ttlMs)) return 0;
    const now = Date.now();
    let pick = -1;
    let soonest = -1;
    for (let step = 0; step < keys.length; step++) {
      const index = (this.#cursor + step) % keys.length;
      const state = keys[index] as KeyState;
      if (state.disabled) continue;
      if (state.restsUntil > now) {
        if (soonest === -1 || state.restsUntil < (keys[soonest] as KeyState).restsUntil) soonest = index;
        continue;
      }
      if (pick === -1) {
        pick = index;
        if (this.#rotation === "round-robin") break;
        continue;
      }
      const best = keys[pick] as KeyState;
      if (state.inFlight < best.inFlight || (state.inFlight === best.inFlight && state.uses < best.uses)) pick = index;
    }
    if (pick === -1) pick = soonest;
    if (pick === -1) {
      throw new AuthenticationError(`Every key of provider "${this.#provider}" (${keys.length}) was rejected with 401/403: fix providers.${this.#provider}.apiKey`, {
        provider: this.#provider,
        code: "all_keys_disabled",
      });
    }
    this.#cursor = pick + 1;
    (keys[pick] as KeyState).uses += 1;
    return pick;
  }

  /** The key at an index: at once for static keys and fresh fetched ones; after a fetch otherwise. */
  key(index: number): string | undefined | Promise<string | undefined> {
    if (!this.#source) return this.#keys[index]?.key;
    if (performance.now() - this.#fetchedAt < this.#ttlMs) return this.#usable(index);
    return this.#fetch().then(() => this.#usable(index));
  }

  /**
   * A key function's key for an index chosen before its keys were known: that one if it is still
   * usable, else the first usable one.
   *
   * @throws AuthenticationError when the function gave only keys the provider rejected.
   */
  #usable(index: number): string {
    const keys = this.#keys;
    const chosen = keys[index % Math.max(1, keys.length)];
    const usable = chosen && !chosen.disabled ? chosen : keys.find((k) => !k.disabled);
    if (!usable) {
      throw new AuthenticationError(`The key function of provider "${this.#provider}" gave only keys the provider rejected with 401/403: fix providers.${this.#provider}.apiKey`, {
        provider: this.#provider,
        code: "all_keys_disabled",
      });
    }
    return usable.key;
  }

  /** An attempt on a key starts; the returned function ends it (for `least-used`). */
  begin(index: number): () => void {
    const state = this.#keys[index];
    if (!state) return noop;
    state.inFlight += 1;
    return () => void (state.inFlight -= 1);
  }

  /**
   * What an attempt on a key ended with: a 401/403 disables it (or refetches a key function's), a
   * 429 from the provider rests it.
   *
   * @returns the disabling, when this disabled a key.
   */
  report(index: number, error: unknown, key?: string): KeyDisabled | undefined {
    if (!ProxylessError.isInstance(error)) return undefined;
    // By class, not status: Gemini rejects a bad key with a 400 (API_KEY_INVALID), mapped to AuthenticationError.
    if (error.name === "AuthenticationError" || error.name === "PermissionError") {
      if (error.code === "all_keys_disabled") return undefined;
      if (this.#source) return this.#rejectFetched(key);
      const state = this.#keys[index];
      if (!state || state.disabled || this.#keys.length < 2) return undefined;
      state.disabled = true;
      return { keyIndex: index, status: error.status ?? 401, keysLeft: this.#keys.filter((k) => !k.disabled).length };
    }
    const state = this.#keys[index];
    if (error.status === 429 && state && this.#keys.length > 1) state.restsUntil = Math.max(state.restsUntil, Date.now() + (error.retryAfterMs ?? DEFAULT_REST_MS));
    return undefined;
  }

  /** Whether a key other than `besides` could serve now: not disabled, not resting after a 429. */
  ready(besides: number): boolean {
    const now = Date.now();
    return this.#keys.some((k, i) => i !== besides && !k.disabled && k.restsUntil <= now);
  }

  /**
   * Whether another key is there to try after a rejection: a key of the pool still in use, or a
   * key function that will be asked again (once per rejection: a function that gives the rejected
   * key again has no spare).
   */
  spare(): boolean {
    if (this.#source) return this.#fetchedAt === -Infinity || this.#keys.some((k) => !k.disabled);
    // A single static key is never disabled: it is no spare for itself.
    return this.#keys.length > 1 && this.#keys.some((k) => !k.disabled);
  }

  /** A key function's key was rejected: it is not used again, and the function is asked for a new one. */
  #rejectFetched(key: string | undefined): undefined {
    const state = this.#keys.find((k) => k.key === key);
    if (!state || state.disabled) return undefined;
    state.disabled = true;
    this.#rejected.add(state.key);
    while (this.#rejected.size > SEEN_KEYS) this.#rejected.delete(this.#rejected.values().next().value as string);
    this.#fetchedAt = -Infinity;
    return undefined;
  }

  /** Every key this pool holds or has held: what must never appear in an error. */
  secrets(): readonly string[] {
    return (this.#secrets ??= this.#source ? [...this.#seen] : this.#keys.map((k) => k.key));
  }

  #fetch(): Promise<void> {
    return (this.#fetching ??= this.#load().finally(() => (this.#fetching = undefined)));
  }

  async #load(): Promise<void> {
    const path = `providers.${this.#provider}.apiKey`;
    let given: unknown;
    try {
      given = await (this.#source as KeySource)();
    } catch (error) {
      const why = error instanceof Error ? error.name : "a non-Error was thrown";
      // Keys it gave before, not rejected, serve on: a secrets manager that is down for a moment
      // does not stop the calls. It is asked again a little later.
      if (this.#keys.some((k) => !k.disabled)) {
        this.#fetchedAt = performance.now() - this.#ttlMs + RETRY_SOURCE_MS;
        console.warn(`proxyless: ${path}: the key function failed (${why}); the keys it gave before are used for now`);
        return;
      }
      throw new ConfigError(`${path}: the key function failed (${why}); nothing was sent`, { path, provider: this.#provider, code: "key_source_failed", cause: error });
    }
    const keys = typeof given === "string" ? [given] : Array.isArray(given) ? (given as unknown[]) : [];
    if (keys.length === 0 || keys.some((k) => typeof k !== "string" || k === "")) {
      throw new ConfigError(`${path}: the key function must give a non-empty string or a non-empty list of them`, { path, provider: this.#provider, code: "key_source_failed" });
    }
    const previous = new Map(this.#keys.map((k) => [k.key, k]));
    this.#keys = (keys as string[]).map((key) => previous.get(key) ?? { ...stateOf(key), disabled: this.#rejected.has(key) });
    for (const key of keys as string[]) this.#seen.add(key);
    while (this.#seen.size > SEEN_KEYS) this.#seen.delete(this.#seen.values().next().value as string);
    this.#secrets = undefined;
    this.#fetchedAt = performance.now();
  }
}

function stateOf(key: string): KeyState {
  return { key, disabled: false, restsUntil: 0, inFlight: 0, uses: 0 };
}

function noop(): void {}
