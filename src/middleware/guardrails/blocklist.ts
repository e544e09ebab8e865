import { ConfigError } from "../../core/errors/config-error.js";
import { GuardrailError } from "../../core/errors/guardrail-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import { describeValue } from "../../core/config/known-options.js";
import { BlockMatcher, type BlockedPattern } from "./block-matcher.js";
import { BlockScanner } from "./block-scanner.js";
import { checkName, checkOptions, positiveCount } from "./check-options.js";
import type { CallRecord, OutputJudgement, OutputSubject } from "./guard-rules.js";
import type { InputGuard, OutputGuard } from "./guardrails-options.js";
import { passedNote } from "./notes.js";
import { someRequestText } from "./request-text.js";

/** Options of {@link blocklist}. */
export interface BlocklistOptions {
  /**
   * Streams: search the text as it arrives and end the stream at the first match, holding back the
   * last `maxMatchLength` characters so that a blocked term never reaches the caller, even split
   * across deltas. `false`: only the complete text, at `finish`.
   * @default true
   */
  readonly midStream?: boolean;
  /**
   * Streams: the longest text a match may span mid-stream, and so how many characters are held
   * back. A RegExp match longer than this may be found only at `finish`, after part of it was let through.
   * @default the longest string entry, or 64 when there is a RegExp
   */
  readonly maxMatchLength?: number;
  /** The check's name in errors and in `meta.guardrails`. @default "blocklist" */
  readonly name?: string;
}

const KNOWN = ["midStream", "maxMatchLength", "name"];
const REGEXP_SPAN = 64;

export type { BlockedPattern };

/**
 * Refuses a call whose text holds a blocked term or pattern, with a `GuardrailError` whose reason
 * names the entry (`matched blocked term #2`), never the text. Strings match as whole words or
 * phrases in any case (`"drop table"` matches `DROP  TABLE`, not `backdrop tables`); a RegExp as
 * written. On the input side (every text of the request) nothing is sent; on the output side it
 * reads the answer's text and tool call arguments, and a stream ends as soon as a match appears.
 *
 * @throws ConfigError for an empty list, an entry that is not a non-empty string or a RegExp, a
 *   RegExp that matches empty text, or a bad option.
 * @example
 * ```ts
 * guardrails({
 *   input: [blocklist(["ignore previous instructions", /\bsystem prompt\b/i])],
 *   output: [blocklist(["confidential"])],
 * });
 * ```
 */
export function blocklist(patterns: readonly BlockedPattern[], options: BlocklistOptions = {}): InputGuard & OutputGuard {
  const given = checkOptions("blocklist", options, KNOWN);
  const name = checkName("blocklist", given.name);
  const matcher = new BlockMatcher(name, patterns);
  const midStream = given.midStream ?? true;
  if (typeof midStream !== "boolean") throw new ConfigError(`guardrails: ${name}: midStream must be true or false, got ${describeValue(midStream)}`, { path: "midStream" });
  const span = positiveCount(name, "maxMatchLength", given.maxMatchLength, "characters") ?? Math.max(matcher.longestTerm, matcher.hasRegExp ? REGEXP_SPAN : 1);
  const passedInput = passedNote(name, "input");
  const refuse = (side: "input" | "output") => (reason: string): never => {
    throw new GuardrailError({ check: name, side, reason });
  };
  const refuseOutput = refuse("output");

  function apply(request: ChatRequest, call: CallRecord): ChatRequest {
    let reason: string | undefined;
    someRequestText(request, (text) => (reason = matcher.find(text)) !== undefined);
    if (reason !== undefined) refuse("input")(reason);
    call.notes.push(passedInput);
    return request;
  }

  function judge({ response }: OutputSubject): OutputJudgement {
    const reason = findInAnswer(matcher, response);
    if (reason !== undefined) refuseOutput(reason);
    return { response };
  }

  return {
    name,
    input: { apply },
    output: midStream ? { judge, scanner: () => new BlockScanner(matcher, span, refuseOutput) } : { judge },
  };
}

function findInAnswer(matcher: BlockMatcher, response: ChatResponse): string | undefined {
  const inText = matcher.find(response.text);
  if (inText !== undefined) return inText;
  for (const call of response.toolCalls) {
    const inCall = matcher.find(call.argumentsText);
    if (inCall !== undefined) return inCall;
  }
  return undefined;
}
