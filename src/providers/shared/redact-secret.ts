import { redactSecrets, scrubSecrets } from "../../core/errors/scrub-secrets.js";

/**
 * Removes an API key from text (error messages echo them back sometimes). The key is replaced
 * whole; a provider's own masked form (`sk-…abcd`) is harmless and left alone.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  return secret ? redactSecrets(text, [secret]) : text;
}

/**
 * Scrubs a key from an SDK error before it becomes a `cause`: every string reachable from it (its
 * message, its stack, the body and headers it carries, its own causes), at any depth. Core scrubs
 * every attempt's error again with every key the client holds.
 */
export function scrubError(error: unknown, secret: string | undefined): unknown {
  return scrubSecrets(error, [secret]);
}
