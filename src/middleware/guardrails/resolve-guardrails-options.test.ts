import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { blocklist } from "./blocklist.js";
import { guardrails } from "./guardrails-middleware.js";
import { jsonOutput } from "./json-output.js";
import { maxInputSize } from "./max-input-size.js";
import { pii } from "./pii-check.js";

function configError(make: () => unknown): ConfigError {
  try {
    make();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("guardrails() options", () => {
  it("makes a request-scope middleware named guardrails unless told", () => {
    expect(guardrails({ input: [pii()] })).toMatchObject({ name: "guardrails", scope: "request" });
    expect(guardrails({ output: [jsonOutput()], name: "safety" }).name).toBe("safety");
  });

  it.each([
    [() => guardrails({}), undefined, /give at least one check in input or output/],
    [() => guardrails(null as never), undefined, /options must be an object/],
    [() => guardrails({ inputs: [pii()] } as never), "inputs", /unknown option "inputs"/],
    [() => guardrails({ input: pii() as never }), "input", /input must be an array of checks, got an object/],
    [() => guardrails({ input: [jsonOutput() as never] }), "input[0]", /input\[0\] \(jsonOutput\) checks the output only: put it in output/],
    [() => guardrails({ output: [pii() as never] }), "output[0]", /output\[0\] \(pii\) checks the input only: put it in input/],
    [() => guardrails({ output: ["no" as never] }), "output[0]", /output\[0\] must be a check .* or a function, got a string/],
    [() => guardrails({ input: [pii()], name: "" }), "name", /name must be a non-empty string/],
    [() => pii({ mode: "reverse" as never }), "mode", /pii: mode must be "redact" or "reversible"/],
    [() => pii({ kinds: ["email", "ssn" as never] }), "kinds[1]", /pii: kinds\[1\] must be one of secret, email, iban, card, phone, got "ssn"/],
    [() => pii({ kind: ["email"] } as never), "kind", /pii: unknown option "kind"/],
    [() => maxInputSize({}), undefined, /maxInputSize: set chars, tokens or both/],
    [() => maxInputSize({ tokens: 0 }), "tokens", /tokens must be a whole number of tokens ≥ 1/],
    [() => blocklist([]), "patterns", /give a non-empty array of strings or regular expressions/],
    [() => blocklist(["x"], { midStream: "yes" as never }), "midStream", /midStream must be true or false/],
    [() => blocklist(["x"], { maxMatchLength: 1.5 }), "maxMatchLength", /maxMatchLength must be a whole number/],
    [() => jsonOutput({ schema: "object" as never }), "schema", /schema must be a zod schema, a Standard Schema or a JSON Schema object, got a string/],
  ] as const)("%#: a bad option fails at once, naming it", (make, path, message) => {
    const error = configError(make);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});
