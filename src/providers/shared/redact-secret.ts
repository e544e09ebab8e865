/**
 * Removes an API key from text (error messages echo them back sometimes). The key is replaced
 * whole; a provider's own masked form (`sk-…abcd`) is harmless and left alone.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4 || !text.includes(secret)) return text;
  return text.replaceAll(secret, "[redacted]");
}

/**
 * Scrubs a key from an SDK error before it becomes a `cause`: its message, its stack, and any body
 * it carries. The error is modified in place: it is ours once caught.
 */
export function scrubError(error: unknown, secret: string | undefined): unknown {
  if (!secret || !(error instanceof Error)) return error;
  scrubText(error, "message", secret);
  scrubText(error, "stack", secret);
  const bag = error as unknown as Record<string, unknown>;
  for (const key of ["error", "body", "details"]) {
    const value = bag[key];
    if (value === undefined || value === null) continue;
    const text = JSON.stringify(value);
    if (text?.includes(secret)) bag[key] = JSON.parse(redactSecret(text, secret)) as unknown;
  }
  return error;
}

function scrubText(error: Error, key: "message" | "stack", secret: string): void {
  const text = error[key];
  if (typeof text !== "string" || !text.includes(secret)) return;
  // Defined, not assigned: a `DOMException` (fetch's AbortError) has a getter-only `message`.
  Object.defineProperty(error, key, { value: redactSecret(text, secret), writable: true, configurable: true, enumerable: false });
}
