import { describe, expect, it } from "vitest";
import { mayHoldPii } from "./pii-hint.js";
import { PII_RULES } from "./pii-patterns.js";
import { seededRandom } from "../../../test/helpers/seeded-random.js";

/** The regular expression the hand-written scan replaces: the two must agree on every text. */
const REFERENCE = /[@\d]|sk-|AIza|gh[pousr]_|github_pat_|xox[abposr]-|AKIA|ASIA|eyJ|[Bb]earer|(?:ey|EY|en|EN|et|ET|rd|RD|wd|WD)["']?\s{0,3}[:=]|[A-Za-z0-9_-]{32}/;

/** Characters that make up the hints, their near misses, and the spaces `\s` takes. */
const ALPHABET = [..."skAIzaKISghpousr_ithubxoxabeyJBrEYnNtTRdDwW-:=\"' \t\n", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u200b", "é", "😀", "5", "@", ".", ","];

describe("mayHoldPii", () => {
  it("agrees with the reference expression on 50,000 random texts of the hints' characters", () => {
    const next = seededRandom(42);
    let held = 0;
    for (let n = 0; n < 50_000; n++) {
      const length = Math.floor(next() * 14);
      let text = "";
      for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      const expected = REFERENCE.test(text);
      if (expected) held++;
      if (mayHoldPii(text) !== expected) expect.fail(`disagrees on ${JSON.stringify(text)}: the reference says ${expected}`);
    }
    // Both answers were tried often.
    expect(held).toBeGreaterThan(5_000);
    expect(held).toBeLessThan(45_000);
  });

  it.each([
    ["a prompt with none of them", "Summarise the benefits of an in-process gateway for a customer.", false],
    ["a digit", "in 2024", true],
    ["an @", "write to jane@ the office", true],
    ["each key prefix", "sk- AIza AKIA ASIA eyJ Bearer bearer ghp_ ghs_ github_pat_ xoxb- xoxr-", true],
    ["a prefix cut short at the end", "gh", false],
    ["gh and a letter at the end", "ghp", false],
    ["xox and a letter at the end", "xoxb", false],
    ["a key word before a colon, quoted and spaced", 'the "api_key"   : value', true],
    ["four spaces before the colon", "password    : x", false],
    ["a key word at the start", "ey:", true],
    ["a colon with one letter before it", "y:", false],
    ["31 token characters", "a".repeat(31), false],
    ["32 token characters", "a".repeat(31) + "-", true],
    ["a run broken by a space", `${"a".repeat(20)} ${"a".repeat(20)}`, false],
  ])("%s", (_what: string, text: string, expected: boolean) => {
    expect(mayHoldPii(text)).toBe(expected);
    expect(REFERENCE.test(text)).toBe(expected);
  });

  it("finds a hint in every text a PII rule matches", () => {
    const examples = ["sk-proj-abcdefghijklmnopqrstuvwx", "AIzaSyA1234567890abcdefghijklmnopqrstu", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "xoxb-1234567890-abcdef", "AKIAIOSFODNN7EXAMPLE", "Bearer abcDEF123ghiJKL456mnoPQR", "password=hunter2hunter2", "jane@example.com", "+44 20 7946 0958"];
    for (const example of examples) {
      const matched = PII_RULES.some((rule) => new RegExp(rule.source).test(example));
      expect(matched, example).toBe(true);
      expect(mayHoldPii(example), example).toBe(true);
    }
  });
});
