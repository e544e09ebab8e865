import type { StreamEvent, ToolCallDeltaEvent } from "../../core/types/stream-event.js";
import { PlaceholderStream } from "./placeholder-stream.js";
import { restoreToolCall } from "./restore-response.js";
import type { Vault } from "./vault.js";

/**
 * The originals put back into a stream's other channels: reasoning and refusal deltas, and each
 * tool call's argument fragments (as JSON), each held back at a possible partial placeholder on
 * its own. A tool call's fragments are flushed at a complete `tool-call` event, the rest at `finish`.
 */
export class SideChannels {
  readonly #vault: Vault;
  readonly #reasoning: PlaceholderStream;
  readonly #refusal: PlaceholderStream;
  readonly #tools = new Map<number, PlaceholderStream>();

  constructor(vault: Vault) {
    this.#vault = vault;
    this.#reasoning = new PlaceholderStream(vault);
    this.#refusal = new PlaceholderStream(vault);
  }

  /** The event with its text restored, or `undefined` while all of it is held. */
  restore(event: StreamEvent): StreamEvent | undefined {
    switch (event.type) {
      case "reasoning-delta":
      case "refusal-delta": {
        const text = (event.type === "reasoning-delta" ? this.#reasoning : this.#refusal).push(event.text);
        if (text === "") return undefined;
        return text === event.text ? event : { type: event.type, text };
      }
      case "tool-call-delta": {
        let channel = this.#tools.get(event.index);
        if (!channel) this.#tools.set(event.index, (channel = new PlaceholderStream(this.#vault, true)));
        const argumentsDelta = channel.push(event.argumentsDelta);
        // The first fragment carries the id and name: it goes on even when its text is held.
        if (argumentsDelta === "" && event.id === undefined && event.name === undefined) return undefined;
        return argumentsDelta === event.argumentsDelta ? event : { ...event, argumentsDelta };
      }
      case "tool-call": {
        const toolCall = restoreToolCall(this.#vault, event.toolCall);
        return toolCall === event.toolCall ? event : { type: "tool-call", toolCall };
      }
      default:
        return event;
    }
  }

  /** What the tool channels hold, as deltas to send before a complete tool call. */
  flushTools(): ToolCallDeltaEvent[] {
    const out: ToolCallDeltaEvent[] = [];
    for (const [index, channel] of this.#tools) {
      const argumentsDelta = channel.end();
      if (argumentsDelta !== "") out.push({ type: "tool-call-delta", index, argumentsDelta });
    }
    return out;
  }

  /** What every channel holds, as deltas to send before `finish`. */
  flush(): StreamEvent[] {
    const out: StreamEvent[] = [];
    const reasoning = this.#reasoning.end();
    if (reasoning !== "") out.push({ type: "reasoning-delta", text: reasoning });
    const refusal = this.#refusal.end();
    if (refusal !== "") out.push({ type: "refusal-delta", text: refusal });
    out.push(...this.flushTools());
    return out;
  }
}
