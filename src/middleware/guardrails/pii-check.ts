import { ConfigError } from "../../core/errors/config-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import { describeValue } from "../../core/config/known-options.js";
import { checkName, checkOptions } from "./check-options.js";
import type { CallRecord } from "./guard-rules.js";
import type { InputGuard } from "./guardrails-options.js";
import { passedNote } from "./notes.js";
import { PiiRedactor } from "./pii-redactor.js";
import { mapRequestText, someRequestText } from "./request-text.js";
import { PII_KINDS, Vault, type PiiKind } from "./vault.js";

/** Options of {@link pii}. */
export interface PiiOptions {
  /**
   * `redact`: the model sees placeholders (`[EMAIL_1]`) and the answer is handed on as it is.
   * `reversible`: the same, and the originals are put back into the answer wherever the model
   * wrote a placeholder: `text`, `message`, tool call arguments, the `object`, and a stream's
   * deltas (a placeholder split across deltas is held back until it is complete) and `finish`.
   * @default "redact"
   */
  readonly mode?: "redact" | "reversible";
  /**
   * What to look for: `email`, `phone` (international `+…` and common national formats, never a
   * bare number such as a year or a count), `card` (13-19 digits that pass Luhn), `iban` (with a
   * valid mod-97 checksum), `secret` (API keys: `sk-…`, `sk-ant-…`, `AIza…`, `ghp_…`, `xoxb-…`,
   * `AKIA…`, JWTs, bearer tokens, `password=…` values, long random tokens).
   * @default ["email", "phone", "card", "iban", "secret"]
   */
  readonly kinds?: readonly PiiKind[];
  /** The check's name in errors and in `meta.guardrails`. @default "pii" */
  readonly name?: string;
}

const KNOWN = ["mode", "kinds", "name"];

/**
 * An input check that replaces personal data and secrets in every text of the request before it
 * leaves the process (system, user, assistant and tool messages, and earlier tool calls'
 * arguments) with placeholders, `[EMAIL_1]`, `[PHONE_1]`, `[CARD_1]`, `[IBAN_1]`, `[SECRET_1]`:
 * numbered per call in the order they appear, the same value always the same placeholder. The
 * request given is never changed; a new one is sent. `meta.guardrails` counts what was replaced,
 * by kind, never the values.
 *
 * @throws ConfigError for an unknown option, mode or kind.
 * @example
 * ```ts
 * guardrails({ input: [pii({ mode: "reversible" })] });
 * // "Mail jane@example.com" is sent as "Mail [EMAIL_1]"; an answer "I wrote to [EMAIL_1]" comes back as "I wrote to jane@example.com".
 * ```
 */
export function pii(options: PiiOptions = {}): InputGuard {
  const given = checkOptions("pii", options, KNOWN);
  const name = checkName("pii", given.name);
  const mode = given.mode ?? "redact";
  if (mode !== "redact" && mode !== "reversible") {
    throw new ConfigError(`guardrails: pii: mode must be "redact" or "reversible", got ${describeValue(mode)}`, { path: "mode" });
  }
  const redactor = new PiiRedactor(kindsOf(given.kinds));
  const reversible = mode === "reversible";
  const passed = passedNote(name, "input");

  function apply(request: ChatRequest, call: CallRecord): ChatRequest {
    let count = 0;
    const kinds: Partial<Record<PiiKind, number>> = {};
    // Placeholder-shaped text the caller wrote is seen first, so that no placeholder made is one of them.
    let bracketed: string[] | undefined;
    if (reversible) {
      someRequestText(request, (text) => {
        if (text.includes("[")) (bracketed ??= []).push(text);
        return false;
      });
    }
    const replace = (kind: PiiKind, key: string, match: string): string => {
      count++;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (!call.vault) {
        call.vault = new Vault();
        for (const text of bracketed ?? []) call.vault.reserve(text);
      }
      return call.vault.placeholder(kind, key, match, reversible);
    };
    const redacted = mapRequestText(request, (text) => redactor.redact(text, replace));
    if (count === 0) {
      call.notes.push(passed);
      return request;
    }
    if (reversible) call.restoredBy ??= name;
    call.notes.push({ check: name, side: "input", action: "redacted", count, kinds });
    return redacted;
  }
  return { name, input: { apply } };
}

function kindsOf(value: unknown): readonly PiiKind[] {
  if (value === undefined) return PII_KINDS;
  const list = PII_KINDS.join(", ");
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError(`guardrails: pii: kinds must be a non-empty array of ${list}, got ${describeValue(value)}`, { path: "kinds" });
  }
  value.forEach((kind: unknown, i) => {
    if (!PII_KINDS.includes(kind as PiiKind)) {
      throw new ConfigError(`guardrails: pii: kinds[${i}] must be one of ${list}, got ${typeof kind === "string" ? JSON.stringify(kind) : describeValue(kind)}`, { path: `kinds[${i}]` });
    }
  });
  return value as PiiKind[];
}
