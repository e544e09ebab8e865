/**
 * The providers' published request definitions (vendored in test/fixtures/schemas, with their
 * provenance) plus the limits they state only in prose (documented-limits.ts), compiled once, as
 * checks of request bodies. Independent of the emulator's own validation.
 */
import { readFileSync } from "node:fs";
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { anthropicDocumentedLimits, geminiDocumentedLimits, geminiThinkingLevelProblem, openaiDocumentedLimits } from "./documented-limits.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function vendored(path: string): AnySchema {
  return JSON.parse(readFileSync(new URL(`../fixtures/schemas/${path}`, import.meta.url), "utf8")) as AnySchema;
}

function withOurKeywords<T extends Ajv>(ajv: T): T {
  addFormats(ajv);
  ajv.addKeyword({
    keyword: "x-allPropertiesRequired",
    schemaType: "boolean",
    validate: (_: boolean, data: unknown) => {
      if (typeof data !== "object" || data === null) return true;
      const node = data as { properties?: object; required?: unknown };
      const required = Array.isArray(node.required) ? node.required : [];
      return Object.keys(node.properties ?? {}).every((key) => required.includes(key));
    },
  });
  return ajv;
}

const draft2020 = withOurKeywords(new Ajv2020({ strict: false, allErrors: true }));
const draft07 = withOurKeywords(new Ajv({ strict: false, allErrors: true }));

interface BodyCheck {
  readonly published: ValidateFunction;
  readonly documented: ValidateFunction;
}

const checks: Readonly<Record<"openai" | "anthropic" | "google", BodyCheck>> = {
  openai: {
    published: draft2020.compile(vendored("openai/create-chat-completion-request.schema.json")),
    documented: draft2020.compile(openaiDocumentedLimits),
  },
  anthropic: {
    published: draft07.compile(vendored("anthropic/message-create-params.schema.json")),
    documented: draft07.compile(anthropicDocumentedLimits),
  },
  google: {
    published: draft2020.compile(vendored("gemini/generate-content-request.schema.json")),
    documented: draft2020.compile(geminiDocumentedLimits),
  },
};

export type SchemaProvider = keyof typeof checks;

/**
 * What is wrong with a request body by the provider's published definition (`published`) and by
 * what its documentation states besides (`documented`); both empty when the API would take it.
 * @param model the model, for rules that depend on it (Gemini's thinking level).
 */
export function requestBodyProblems(provider: SchemaProvider, body: unknown, model: string): { published: string[]; documented: string[] } {
  const { published, documented } = checks[provider];
  const documentedProblems = documented(body) ? [] : describe(documented.errors);
  if (provider === "google") {
    const level = geminiThinkingLevelProblem(body as never, model);
    if (level) documentedProblems.push(level);
  }
  return { published: published(body) ? [] : describe(published.errors), documented: documentedProblems };
}

/** Every problem of a body, whichever source states the rule. */
export function allRequestBodyProblems(provider: SchemaProvider, body: unknown, model: string): string[] {
  const { published, documented } = requestBodyProblems(provider, body, model);
  return [...published, ...documented];
}

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  // A failed anyOf/oneOf reports every branch; the deepest errors say what is really wrong.
  return (errors ?? [])
    .filter((error) => !["anyOf", "oneOf", "if", "allOf"].includes(error.keyword))
    .map((error) => `${error.instancePath || "/"} ${error.message ?? error.keyword}${error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ""}`);
}
