import type { GuardrailNote } from "../../core/types/chat-response.js";

/**
 * The note of a check that ran and found nothing: one frozen object per check, made when the
 * check is, so that a call that passes every check allocates no note.
 */
export function passedNote(check: string, side: "input" | "output"): GuardrailNote {
  return Object.freeze({ check, side, action: "passed" });
}
