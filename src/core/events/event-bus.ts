import type { ClientEvent, ClientEventListener } from "../types/client-event.js";

type AnyListener = (event: ClientEvent) => void;

/**
 * The listeners of one client. Events are delivered in a task of their own after the one that
 * emitted them (a `setTimeout(0)` per batch), so even a slow listener never holds up the call: the
 * caller has its answer first. A listener that throws (or rejects) is reported on the console once
 * per listener and otherwise ignored: it never changes the call.
 */
export class EventBus {
  readonly #listeners = new Map<ClientEvent["type"], Set<AnyListener>>();
  readonly #warned = new WeakSet<AnyListener>();

  /** Adds a listener; returns what removes it. */
  on<T extends ClientEvent["type"]>(type: T, listener: ClientEventListener<T>): () => void {
    if (typeof listener !== "function") throw new TypeError(`llm.on("${type}", listener): the listener must be a function`);
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    const any = listener as AnyListener;
    set.add(any);
    return () => void set.delete(any);
  }

  /** Whether anyone listens to `type`: an event nobody hears need not be built. */
  wants(type: ClientEvent["type"]): boolean {
    return (this.#listeners.get(type)?.size ?? 0) > 0;
  }

  emit(event: ClientEvent): void {
    const set = this.#listeners.get(event.type);
    if (!set || set.size === 0) return;
    this.#queue.push(event);
    if (this.#queue.length === 1) setTimeout(this.#flush, 0);
  }

  readonly #queue: ClientEvent[] = [];

  /** Delivers to the listeners there are now: one removed since the event was emitted gets nothing. */
  readonly #flush = (): void => {
    for (const event of this.#queue.splice(0)) {
      const set = this.#listeners.get(event.type);
      if (!set) continue;
      for (const listener of [...set]) if (set.has(listener)) this.#deliver(listener, event);
    }
  };

  #deliver(listener: AnyListener, event: ClientEvent): void {
    try {
      const result: unknown = listener(event);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
        Promise.resolve(result).catch((error: unknown) => this.#report(listener, event, error));
      }
    } catch (error) {
      this.#report(listener, event, error);
    }
  }

  #report(listener: AnyListener, event: ClientEvent, error: unknown): void {
    if (this.#warned.has(listener)) return;
    this.#warned.add(listener);
    console.warn(`proxyless: a "${event.type}" listener failed (ignored; reported once): ${error instanceof Error ? error.message : "a non-Error value"}`);
  }
}
