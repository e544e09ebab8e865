import { ValidationError } from "../../core/errors/validation-error.js";
import type { TextPart } from "../../core/types/message.js";

/** The text of content given as a string or as text parts. */
export function textOf(content: string | readonly TextPart[] | null | undefined): string {
  if (content === null || content === undefined) return "";
  return typeof content === "string" ? content : content.map((p) => p.text).join("");
}

/** `stop` as a list; `undefined` for none (an empty list too: the APIs reject an empty one). */
export function stopList(stop: string | readonly string[] | undefined): string[] | undefined {
  if (stop === undefined || stop.length === 0) return undefined;
  return typeof stop === "string" ? [stop] : [...stop];
}

/**
 * `stop` as a list no longer than a provider takes.
 * @throws ValidationError naming the provider's limit.
 */
export function stopWithin(stop: string[], max: number, provider: string): string[] {
  if (stop.length <= max) return stop;
  throw new ValidationError([{ path: "stop", message: `${provider} takes at most ${max} stop sequences, got ${stop.length}: send at most ${max}` }]);
}

/** Arguments of a tool call being sent back: the text as received, else the value serialised. */
export function argumentsTextOf(call: { readonly arguments?: unknown; readonly argumentsText?: string }): string {
  return call.argumentsText ?? JSON.stringify(call.arguments ?? {});
}

/**
 * Arguments of a tool call being sent back, as an object (Anthropic `input`, Gemini `args`): what
 * the model sent (`argumentsText`) when it parses, as {@link argumentsTextOf} sends it, else the
 * value. A zod tool's `arguments` are the schema's output, which a transform or a default may have
 * changed from what the model said.
 */
export function argumentsObjectOf(call: { readonly arguments?: unknown; readonly argumentsText?: string }): Record<string, unknown> {
  let value: unknown;
  if (call.argumentsText) {
    try {
      value = JSON.parse(call.argumentsText);
    } catch {
      value = undefined;
    }
  }
  if (!isObject(value)) value = call.arguments;
  return isObject(value) ? value : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
