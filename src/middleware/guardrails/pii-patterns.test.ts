import { describe, expect, it } from "vitest";
import { entropy, validCard, validIban } from "./pii-patterns.js";
import { PiiRedactor } from "./pii-redactor.js";
import { PII_KINDS, type PiiKind } from "./vault.js";

const all = new PiiRedactor(PII_KINDS);
/** The text with each find shown as `<kind:match>`. */
const marked = (text: string, redactor = all): string => redactor.redact(text, (kind, _key, match) => `<${kind}:${match}>`);
const found = (text: string): [PiiKind, string][] => {
  const out: [PiiKind, string][] = [];
  all.redact(text, (kind, _key, match) => {
    out.push([kind, match]);
    return "";
  });
  return out;
};

describe("checksums", () => {
  it("Luhn takes real test card numbers and refuses a changed digit or a bad length", () => {
    for (const card of ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "4222222222222"]) expect(validCard(card)).toBe(true);
    expect(validCard("4111111111111112")).toBe(false);
    expect(validCard("411111111111")).toBe(false);
    expect(validCard("41111111111111111111")).toBe(false);
  });

  it("IBAN mod-97 takes real IBANs, spaced or not, and refuses a changed digit", () => {
    for (const iban of ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "FR1420041010050500013M02606", "NL91ABNA0417164300"]) expect(validIban(iban)).toBe(true);
    expect(validIban("DE89 3704 0044 0532 0130 01")).toBe(false);
    expect(validIban("DE89370400")).toBe(false);
  });

  it("entropy is 0 for one repeated character and log2(n) for n distinct ones", () => {
    expect(entropy("aaaa")).toBe(0);
    expect(entropy("abcd")).toBe(2);
  });
});

describe("what pii() finds", () => {
  it.each([
    ["email", "write to jane.doe+work@mail.example.co.uk today", "jane.doe+work@mail.example.co.uk"],
    ["phone", "call +1 (415) 555-2671 now", "+1 (415) 555-2671"],
    ["phone", "call +44 20 7946 0958 now", "+44 20 7946 0958"],
    ["phone", "call +33612345678 now", "+33612345678"],
    ["phone", "call (415) 555-2671 now", "(415) 555-2671"],
    ["phone", "call 415.555.2671 now", "415.555.2671"],
    ["phone", "call 020 7946 0958 now", "020 7946 0958"],
    ["phone", "call 06 12 34 56 78 now", "06 12 34 56 78"],
    ["card", "pay with 4111 1111 1111 1111 please", "4111 1111 1111 1111"],
    ["card", "pay with 5555-5555-5555-4444 please", "5555-5555-5555-4444"],
    ["card", "amex 378282246310005.", "378282246310005"],
    ["iban", "send to DE89 3704 0044 0532 0130 00 today", "DE89 3704 0044 0532 0130 00"],
    ["iban", "send to GB82WEST12345698765432 today", "GB82WEST12345698765432"],
    ["secret", "key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w end", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w"],
    ["secret", "key sk-ant-api03-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Ji0H end", "sk-ant-api03-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Ji0H"],
    ["secret", "key AIzaSyA1234567890abcdefghijklmnopqrstuv end", "AIzaSyA1234567890abcdefghijklmnopqrstuv"],
    ["secret", "key ghp_abcdefghijklmnopqrstuvwxyz0123456789 end", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"],
    ["secret", "key xoxb-1234567890-abcdefghij end", "xoxb-1234567890-abcdefghij"],
    ["secret", "key AKIAIOSFODNN7EXAMPLE end", "AKIAIOSFODNN7EXAMPLE"],
    ["secret", "Authorization: Bearer abcDEF123ghiJKL456mnoPQR789", "abcDEF123ghiJKL456mnoPQR789"],
    ["secret", "login with password=Tr0ub4dor&3 ok", "Tr0ub4dor&3"],
    ["secret", "token Xk29dLmQp4ZrT8vB3nWc7YsH1fJ6gKa0eU5i here", "Xk29dLmQp4ZrT8vB3nWc7YsH1fJ6gKa0eU5i"],
    ["secret", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"],
  ] as const)("%s in %j", (kind, text, match) => {
    expect(found(text)).toEqual([[kind, match]]);
  });

  it.each([
    "In 2024 we used 15000 tokens for 1,234,567 users",
    "version 1.2.3 on 2024-01-15 at 10:30, ip 192.168.1.100",
    "order 12345678901234 and invoice 4111 1111 1111 1112",
    "count 4000000000 and 99999999999",
    "use sk-learn and scikit; the sk-short key",
    "names like getUserAccountBalanceForPeriod2024Q1 and ThisIsAVeryLongIdentifierName2024",
    "a uuid 550e8400-e29b-41d4-a716-446655440000 and a sha 3f786850e387550fdab836ed7e6dc881de23001b",
    "token: authentication, password: see the docs",
    "an IBAN-like DE00 ABCD EFGH IJKL MNOP with a bad checksum",
    "user@localhost is not an address, nor is @handle",
  ])("nothing in %j", (text) => {
    expect(found(text)).toEqual([]);
  });

  it("a number that fails Luhn is offered to the rules after card: a phone stays a phone", () => {
    expect(marked("dial +1 415 555 2671 2")).toBe("dial <phone:+1 415 555 2671 2>");
  });

  it("finds only the kinds asked for, and leaves the text itself when there is nothing", () => {
    const emails = new PiiRedactor(["email"]);
    expect(marked("a@b.io +44 20 7946 0958", emails)).toBe("<email:a@b.io> +44 20 7946 0958");
    const text = "nothing to see";
    expect(all.redact(text, () => "x")).toBe(text);
  });
});

describe("pii patterns: formats review found", () => {
  const redactor = new PiiRedactor(["secret", "email", "iban", "card", "phone"]);
  const kinds = (text: string): string[] => {
    const found: string[] = [];
    redactor.redact(text, (kind) => {
      found.push(kind);
      return "x";
    });
    return found;
  };

  it("finds a toll-free number with its country code and a card right after a full stop", () => {
    expect(kinds("Call 1-800-555-0199 now")).toEqual(["phone"]);
    expect(kinds("card no.4111111111111111")).toEqual(["card"]);
  });

  it("takes no run of zero-led ids for a phone number", () => {
    expect(kinds("ids 0001 0002 0003")).toEqual([]);
    expect(kinds("call 020 7946 0958")).toEqual(["phone"]);
  });
});
