import { describe, expect, it } from "vitest";
import { PlaceholderStream } from "./placeholder-stream.js";
import { Vault } from "./vault.js";

function vaultOf(): Vault {
  const vault = new Vault();
  vault.placeholder("email", "jane@example.com", "Jane@Example.com", true);
  vault.placeholder("phone", "14155552671", "+1 (415) 555-2671", true);
  vault.placeholder("secret", "sk-x", "sk-x", false);
  return vault;
}

describe("Vault", () => {
  it("numbers per kind in order of appearance; the same value is the same placeholder", () => {
    const vault = new Vault();
    expect(vault.placeholder("email", "a@x.io", "a@x.io", false)).toBe("[EMAIL_1]");
    expect(vault.placeholder("card", "4111111111111111", "4111 1111 1111 1111", false)).toBe("[CARD_1]");
    expect(vault.placeholder("email", "b@x.io", "b@x.io", false)).toBe("[EMAIL_2]");
    expect(vault.placeholder("email", "a@x.io", "A@x.io", false)).toBe("[EMAIL_1]");
    expect(vault.restorable).toBe(false);
  });

  it("restores only the placeholders it may, counting them; text and JSON", () => {
    const vault = vaultOf();
    const counted = { count: 0 };
    expect(vault.restore("to [EMAIL_1], [PHONE_1], [SECRET_1], [EMAIL_9]", counted)).toBe("to Jane@Example.com, +1 (415) 555-2671, [SECRET_1], [EMAIL_9]");
    expect(counted.count).toBe(2);
    const quoted = new Vault();
    quoted.placeholder("secret", "k", 'a"b\\c', true);
    expect(JSON.parse(`{"v":"${quoted.restoreJson("[SECRET_1]")}"}`)).toEqual({ v: 'a"b\\c' });
    const value = { to: ["[EMAIL_1]"], n: 1, keep: { x: "y" } };
    const restored = vault.restoreValue(value) as typeof value;
    expect(restored).toEqual({ to: ["Jane@Example.com"], n: 1, keep: { x: "y" } });
    expect(restored.keep).toBe(value.keep);
    expect(vault.restoreValue(value.keep)).toBe(value.keep);
  });

  it("partialAt finds a possible placeholder at the end only", () => {
    const vault = vaultOf();
    expect(vault.partialAt("mail [EMA")).toBe(5);
    expect(vault.partialAt("mail [EMAIL_1")).toBe(5);
    expect(vault.partialAt("mail [")).toBe(5);
    expect(vault.partialAt("mail [EMAIL_1]")).toBe(-1);
    expect(vault.partialAt("see [note")).toBe(-1);
    // Not restorable: nothing to wait for.
    expect(vault.partialAt("key [SECR")).toBe(-1);
  });
});

describe("PlaceholderStream", () => {
  it("restores a placeholder split across deltas, whatever the cut, and holds nothing it need not", () => {
    const vault = vaultOf();
    const text = "Mail [EMAIL_1] or call [PHONE_1] [sic] today";
    const expected = vault.restore(text);
    for (let cut = 1; cut < text.length; cut++) {
      for (let second = cut + 1; second < text.length; second += 3) {
        const stream = new PlaceholderStream(vault);
        const out = [stream.push(text.slice(0, cut)), stream.push(text.slice(cut, second)), stream.push(text.slice(second)), stream.end()];
        expect(out.join("")).toBe(expected);
      }
    }
    const stream = new PlaceholderStream(vault);
    expect(stream.push("Mail [EM")).toBe("Mail ");
    expect(stream.push("AIL_1] now")).toBe("Jane@Example.com now");
    expect(stream.push(" [x")).toBe(" [x");
  });

  it("lets a partial that never completes through as it was, at the end", () => {
    const stream = new PlaceholderStream(vaultOf());
    expect(stream.push("cut [EMAIL_")).toBe("cut ");
    expect(stream.end()).toBe("[EMAIL_");
  });
});
