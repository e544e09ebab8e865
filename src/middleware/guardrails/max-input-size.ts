import { ConfigError } from "../../core/errors/config-error.js";
import { GuardrailError } from "../../core/errors/guardrail-error.js";
import { estimateInputTokens } from "../../core/request/estimate-tokens.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import { checkName, checkOptions, positiveCount } from "./check-options.js";
import type { CallRecord } from "./guard-rules.js";
import type { InputGuard } from "./guardrails-options.js";
import { passedNote } from "./notes.js";
import { someRequestText } from "./request-text.js";

/** Options of {@link maxInputSize}: set `chars`, `tokens` or both. */
export interface MaxInputSizeOptions {
  /**
   * The most characters of text the request may hold: every text `pii()` reads (message contents,
   * text parts, earlier tool calls' arguments), added up. Attachments do not count.
   * @default undefined (no limit)
   */
  readonly chars?: number;
  /**
   * The most input tokens the request may take, as `estimateInputTokens` counts them (characters / 4,
   * tool definitions and the output schema included, 4 per message, 1 000 per attachment).
   * @default undefined (no limit)
   */
  readonly tokens?: number;
  /** The check's name in errors and in `meta.guardrails`. @default "maxInputSize" */
  readonly name?: string;
}

const KNOWN = ["chars", "tokens", "name"];

/**
 * Refuses a request larger than a limit with a `GuardrailError` before anything is sent: a prompt
 * pasted whole, a conversation grown past what a call should cost.
 *
 * @throws ConfigError for a limit that is not a whole number ≥ 1, or for no limit at all.
 * @example
 * ```ts
 * guardrails({ input: [maxInputSize({ chars: 40_000, tokens: 8_000 })] });
 * ```
 */
export function maxInputSize(options: MaxInputSizeOptions): InputGuard {
  const given = checkOptions("maxInputSize", options ?? {}, KNOWN);
  const name = checkName("maxInputSize", given.name);
  const chars = positiveCount(name, "chars", given.chars, "characters");
  const tokens = positiveCount(name, "tokens", given.tokens, "tokens");
  if (chars === undefined && tokens === undefined) {
    throw new ConfigError(`guardrails: ${name}: set chars, tokens or both, such as maxInputSize({ tokens: 8000 })`);
  }
  const passed = passedNote(name, "input");
  const refuse = (reason: string): never => {
    throw new GuardrailError({ check: name, side: "input", reason });
  };

  function apply(request: ChatRequest, call: CallRecord): ChatRequest {
    if (chars !== undefined) {
      let total = 0;
      // Stops counting once past the limit: a huge request costs no more than a large one.
      someRequestText(request, (text) => (total += text.length) > chars);
      if (total > chars) refuse(`the input has more than ${chars} characters of text`);
    }
    if (tokens !== undefined) {
      const estimate = estimateInputTokens(request);
      if (estimate > tokens) refuse(`the input is about ${estimate} tokens, more than ${tokens}`);
    }
    call.notes.push(passed);
    return request;
  }
  return { name, input: { apply } };
}
