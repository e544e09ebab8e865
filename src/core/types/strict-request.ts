import type { ChatRequest } from "./chat-request.js";

/** The names of a ChatRequest's fields. */
type Field = Extract<keyof ChatRequest, string>;

/** `max_tokens` → `maxTokens`, `top_p` → `topP`: the providers' snake_case of our names. */
type CamelCase<K extends string> = K extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : K;

/** Names from the providers' own APIs that mean one of ours though no change of case brings them close. */
interface Meant {
  max_completion_tokens: "maxTokens";
  maxCompletionTokens: "maxTokens";
  max_output_tokens: "maxTokens";
  maxOutputTokens: "maxTokens";
  stop_sequences: "stop";
  stopSequences: "stop";
  timeout: "timeoutMs";
  system: "messages";
}

/** The type a misspelled field must have: a message naming the field meant, shown in the compiler's error. */
export type UnknownField<K extends PropertyKey> = K extends keyof Meant
  ? `unknown field; did you mean "${Meant[K]}"?`
  : K extends string
    ? CamelCase<K> extends keyof ChatRequest
      ? `unknown field; did you mean "${CamelCase<K>}"?`
      : Lowercase<K> extends Lowercase<Field>
        ? `unknown field; did you mean "${LowercaseOf<K>}"?`
        : "unknown field: a ChatRequest has no such field"
    : "unknown field: a ChatRequest has no such field";

/** The field of ChatRequest whose lower case is `Lowercase<K>`. */
type LowercaseOf<K extends string> = { [F in Field]: Lowercase<F> extends Lowercase<K> ? F : never }[Field];

/**
 * What `chat` and `stream` bound a request's type by, besides `ChatRequest`: every field a
 * `ChatRequest` does not have must be of type {@link UnknownField}, which no value is. A generic
 * request parameter turns TypeScript's excess-property check off; this bound puts it back, with the
 * field meant in the error (`Type 'number' is not assignable to type '"unknown field; did you mean
 * "maxTokens"?"'`), and leaves the request's type inferred (for `response.object`).
 */
export type StrictRequest<R> = { readonly [K in Exclude<keyof R, keyof ChatRequest>]: UnknownField<K> };
