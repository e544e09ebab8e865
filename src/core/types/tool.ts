import type { ValidationIssue } from "../errors/validation-error.js";
import type { InferSchema, SchemaInput, StandardSchemaV1 } from "./schema.js";
import type { ProviderMetadata } from "./provider-metadata.js";

/**
 * A function the model may call.
 *
 * @example
 * ```ts
 * { name: "get_weather", description: "Weather for a city", parameters: z.object({ city: z.string() }) }
 * ```
 */
export interface ToolDefinition {
  /** 1-64 characters of `a-z A-Z 0-9 _ -`, starting with a letter or `_`: the strictest of the three providers. */
  readonly name: string;
  readonly description?: string;
  /** A JSON Schema object or a zod schema describing the arguments. */
  readonly parameters: SchemaInput;
}

/** `"auto"` (default), `"none"`, `"required"` (any tool) or one named tool. */
export type ToolChoice = "auto" | "none" | "required" | { readonly name: string };

/** A tool call the model made. */
export interface ToolCall {
  /** The provider's id, or a synthesised `call_…` id where the provider sends none (Gemini). */
  readonly id: string;
  readonly name: string;
  /**
   * The parsed JSON arguments; `undefined` when `argumentsText` is not valid JSON. For a tool whose
   * `parameters` are a zod (Standard Schema) schema they are validated too: the schema's output
   * when they match, `undefined` with {@link ToolCall.argumentsIssues} when they do not.
   */
  readonly arguments: unknown;
  /** Why the arguments do not match the tool's zod schema (`argumentsText` keeps what the model sent): for telling the model. */
  readonly argumentsIssues?: readonly ValidationIssue[];
  /** The arguments exactly as the model produced them. */
  readonly argumentsText: string;
  /** `true` when `argumentsText` is not complete JSON: the output was cut off (or malformed). */
  readonly truncated?: boolean;
  /** Opaque per-provider data (Gemini's `thoughtSignature`) that must travel back with the call. */
  readonly providerMetadata?: ProviderMetadata;
}

/** A tool call as accepted in an assistant message: a {@link ToolCall} fits as-is. */
export interface ToolCallInput {
  readonly id: string;
  readonly name: string;
  readonly arguments?: unknown;
  readonly argumentsText?: string;
  readonly providerMetadata?: ProviderMetadata;
}

/** A tool call of one tool: its name, and arguments of its zod schema's type (`undefined` when they do not match). */
export type ToolCallFor<T> = T extends { readonly name: infer N extends string; readonly parameters: infer P }
  ? Omit<ToolCall, "name" | "arguments"> & { readonly name: N; readonly arguments: P extends StandardSchemaV1 ? InferSchema<P> | undefined : unknown }
  : ToolCall;

/**
 * The tool calls a request can get back: a union over its tools, told apart by `name` (when the
 * tools are written `as const`, so that their names are literal types), each with its arguments typed from zod
 * parameters. `ToolCall` for a request without tools.
 */
export type ToolCallOf<R> = R extends { readonly tools: readonly (infer T)[] } ? ToolCallFor<T> : ToolCall;
