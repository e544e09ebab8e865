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
  error.message = redactSecret(error.message, secret);
  if (error.stack) error.stack = redactSecret(error.stack, secret);
  const bag = error as unknown as Record<string, unknown>;
  for (const key of ["error", "body", "details"]) {
    const value = bag[key];
    if (value === undefined || value === null) continue;
    const text = JSON.stringify(value);
    if (text?.includes(secret)) bag[key] = JSON.parse(redactSecret(text, secret)) as unknown;
  }
  return error;
}
