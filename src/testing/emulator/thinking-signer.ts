import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signs what the emulator's models "thought" and checks it when it comes back, the way the real
 * APIs do: Anthropic rejects a `thinking` block whose signature it did not produce.
 */
export interface ThinkingSigner {
  /** An opaque base64 tag of `text`, as the provider's signatures look. */
  sign(text: string): string;
  /** `true` when `signature` is this signer's tag of `text`. */
  verify(text: string, signature: string): boolean;
}

/**
 * An HMAC-SHA256 signer keyed with `secret`: a random key per emulator, so a signature made by one
 * emulator (or copied from a real API's fixture) does not verify on another, as real signatures
 * from another provider or account do not.
 */
export function createThinkingSigner(secret: Uint8Array = randomBytes(32)): ThinkingSigner {
  const sign = (text: string): string => createHmac("sha256", secret).update(text).digest("base64");
  return {
    sign,
    verify(text, signature) {
      // Compared as text, not decoded: base64 decoding skips stray characters, a real API does not.
      const expected = Buffer.from(sign(text));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
