/**
 * Whether a text holds something every PII rule's match holds (`pii-patterns.ts`): an `@`, a
 * digit, a key's prefix (`sk-`, `AIza`, `ghp_`, `github_pat_`, `xoxb-`, `AKIA`, `ASIA`, `eyJ`,
 * `Bearer`), the end of a word such as `key`, `token`, `secret` or `password` before a `:` or `=`,
 * or a run of 32 token characters. A text without any has nothing to find, and most prompts have
 * none: one pass over its characters decides, where the rules' search costs many.
 *
 * Written by hand, one character at a time, rather than as a regular expression: as one, the
 * 32-character run and a dozen alternatives were tried at every position, and that test cost more
 * than the rest of `guardrails()` on a prompt with no digit. The test beside it holds it equal to
 * that expression on every text it tries.
 */
export function mayHoldPii(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 48 && code <= 57) || code === 64) return true;
    if (!isTokenChar(code)) {
      run = 0;
      if ((code === 58 || code === 61) && keyWordBefore(text, i)) return true;
      continue;
    }
    if (++run >= 32 || prefixAt(text, i, code)) return true;
  }
  return false;
}

/** `[A-Za-z0-9_-]`. */
function isTokenChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45;
}

/** A key's prefix starts at `i` (whose character code is `code`). */
function prefixAt(text: string, i: number, code: number): boolean {
  switch (code) {
    case 115: // s
      return text.startsWith("k-", i + 1);
    case 65: // A
      return text.startsWith("Iza", i + 1) || text.startsWith("KIA", i + 1) || text.startsWith("SIA", i + 1);
    case 103: // g
      return (text.charCodeAt(i + 1) === 104 && oneOf("pousr", text, i + 2) && text.charCodeAt(i + 3) === 95) || text.startsWith("ithub_pat_", i + 1);
    case 120: // x
      return text.startsWith("ox", i + 1) && oneOf("abposr", text, i + 3) && text.charCodeAt(i + 4) === 45;
    case 101: // e
      return text.startsWith("yJ", i + 1);
    case 66: // B
    case 98: // b
      return text.startsWith("earer", i + 1);
    default:
      return false;
  }
}

/** The character at `i` is one of `chars` (none past the end). */
function oneOf(chars: string, text: string, i: number): boolean {
  return i < text.length && chars.includes(text.charAt(i));
}

/** The end of a key word (`ey`, `en`, `et`, `rd`, `wd`, either case), a quote and up to three spaces may stand before the `:` or `=` at `at`. */
function keyWordBefore(text: string, at: number): boolean {
  let j = at - 1;
  for (let spaces = 0; spaces < 3 && j >= 0 && isSpace(text.charCodeAt(j)); spaces++) j--;
  if (j >= 0 && (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39)) j--;
  if (j < 1) return false;
  const pair = text.slice(j - 1, j + 1);
  return KEY_WORD_ENDS.has(pair);
}

const KEY_WORD_ENDS = new Set(["ey", "EY", "en", "EN", "et", "ET", "rd", "RD", "wd", "WD"]);

/** What `\s` matches in a JavaScript regular expression. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}
