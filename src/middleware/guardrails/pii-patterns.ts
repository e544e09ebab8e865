import type { PiiKind } from "./vault.js";

/**
 * One way a kind of PII is written: a pattern (no capturing groups: the rules share one regular
 * expression, told apart by group), and what a match must also pass to count (a checksum, a
 * measure of randomness), which a pattern cannot say.
 */
export interface PiiRule {
  readonly kind: PiiKind;
  readonly source: string;
  /** Whether a match is the real thing; absent when the pattern says enough. */
  readonly valid?: (match: string) => boolean;
  /** The value a placeholder stands for: two spellings of one card are one placeholder. */
  readonly key: (match: string) => string;
}

const asIs = (match: string): string => match;
const digitsOf = (match: string): string => match.replace(/\D/g, "");
const compact = (match: string): string => match.replace(/\s/g, "").toUpperCase();

/** Starts a word-like token: what comes before is not part of it. */
const TOKEN_START = "(?<![A-Za-z0-9_-])";
const TOKEN_END = "(?![A-Za-z0-9_-])";

/**
 * The rules in the order they are tried at one place in a text: secrets first (they hold digits
 * a card or phone rule would take), then emails, IBANs, cards and phones. Every match holds
 * something `mayHoldPii` (`pii-hint.ts`) looks for, which the redactor asks first: a rule added
 * must be covered there too (the tests run every rule's examples through the redactor).
 */
export const PII_RULES: readonly PiiRule[] = [
  // OpenAI (sk-, sk-proj-, sk-svcacct-) and Anthropic (sk-ant-api03-...) keys: long, so "sk-learn" is not one.
  { kind: "secret", source: `${TOKEN_START}sk-[A-Za-z0-9_-]{20,}`, key: asIs },
  { kind: "secret", source: `${TOKEN_START}AIza[0-9A-Za-z_-]{35}${TOKEN_END}`, key: asIs },
  { kind: "secret", source: `${TOKEN_START}(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})`, key: asIs },
  { kind: "secret", source: `${TOKEN_START}xox[abposr]-[A-Za-z0-9-]{10,}`, key: asIs },
  { kind: "secret", source: `(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])`, key: asIs },
  // A JWT: three base64url parts, the first two JSON objects (`eyJ` is `{"`).
  { kind: "secret", source: `${TOKEN_START}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}`, key: asIs },
  // The token of an `Authorization: Bearer ...`: only the token goes, the word stays.
  { kind: "secret", source: `(?<=\\b[Bb]earer\\s{1,4})[A-Za-z0-9._~+/-]{20,}=*`, valid: (m) => /\d/.test(m) && /[A-Za-z]/.test(m) && entropy(m) >= 3.5, key: asIs },
  // The value of `password=...`, `api_key: ...`: only the value goes, and only one that is not a plain word.
  {
    kind: "secret",
    source: `(?<=\\b(?:[Aa]pi[_-]?[Kk]ey|API[_-]?KEY|[Aa]ccess[_-]?[Tt]oken|[Ss]ecret|[Pp]assword|[Pp]asswd|[Tt]oken)["']?\\s{0,3}[:=]\\s{0,3}["']?)[^\\s"',;]{8,}`,
    valid: (m) => /[^a-z]/.test(m),
    key: asIs,
  },
  // Any other long random token: judged by its mix of characters, so long identifiers stay.
  { kind: "secret", source: `${TOKEN_START}[A-Za-z0-9_-]{32,}${TOKEN_END}`, valid: randomToken, key: asIs },
  { kind: "email", source: "(?<![A-Za-z0-9._%+-])[A-Za-z0-9_][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])", key: (m) => m.toLowerCase() },
  { kind: "iban", source: "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])", valid: validIban, key: compact },
  // 13-19 digits, single spaces or dashes allowed, starting as issued cards do (2-6), passing Luhn.
  { kind: "card", source: "(?<![\\w-])(?<!\\d\\.)[2-6](?:[ -]?\\d){12,18}(?![\\w])", valid: (m) => validCard(digitsOf(m)), key: digitsOf },
  // International: a +, then 8-15 digits with the usual separators.
  { kind: "phone", source: "(?<![\\w+])\\+[1-9](?:[ .()-]{0,2}\\d){7,14}(?!\\d)", key: digitsOf },
  // North American: (415) 555-2671, 415-555-2671, 415.555.2671, 415 555 2671, 1-800-555-0199.
  { kind: "phone", source: "(?<![\\w+(.-])(?:1[ .-])?(?:\\(\\d{3}\\)[ .-]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\w-])", key: digitsOf },
  // National with a trunk 0: 020 7946 0958, 06 12 34 56 78, 030 12345678, 0612345678.
  { kind: "phone", source: "(?<![\\w+.,-])0[1-9]\\d{0,3}(?:[ ./-]?\\d{2,4}){2,4}(?![\\w-])", valid: (m) => digitsOf(m).length >= 9 && digitsOf(m).length <= 12, key: digitsOf },
];

/** The Luhn checksum of a card number. */
export function validCard(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616: 15-34 characters whose rearranged digits are 1 modulo 97. */
export function validIban(text: string): boolean {
  const iban = text.replace(/ /g, "");
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    // Letters count as two digits, A = 10 ... Z = 35.
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Whether a long token looks random rather than like a name: digits, upper and lower case, high
 * entropy, and often switching between those classes (`getUserAccountBalance2024` switches rarely).
 */
function randomToken(token: string): boolean {
  if ((token.match(/\d/g)?.length ?? 0) < 2 || !/[A-Z]/.test(token) || !/[a-z]/.test(token)) return false;
  if (entropy(token) < 4.5) return false;
  let switches = 0;
  for (let i = 1; i < token.length; i++) if (classOf(token.charCodeAt(i)) !== classOf(token.charCodeAt(i - 1))) switches++;
  return switches / (token.length - 1) >= 0.3;
}

function classOf(code: number): number {
  if (code >= 48 && code <= 57) return 0;
  if (code >= 65 && code <= 90) return 1;
  return code >= 97 && code <= 122 ? 2 : 3;
}
