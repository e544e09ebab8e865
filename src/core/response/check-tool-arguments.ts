import { isStandardSchema, validateWithSchema } from "../schema/standard-schema.js";
import type { ToolCall, ToolDefinition } from "../types/tool.js";

/**
 * Validates the arguments of each call to a tool whose `parameters` are a zod (Standard Schema)
 * schema, in place: the schema's output when they match (what `ToolCallOf` types them as), or no
 * arguments and the issues when they do not; `argumentsText` keeps what the model sent either way.
 * A JSON Schema tool's arguments stay as parsed: nothing types them, and the providers' own
 * checks (strict mode) are what holds them.
 */
export async function checkToolArguments(calls: readonly ToolCall[], tools: readonly ToolDefinition[]): Promise<void> {
  for (const call of calls) {
    if (call.arguments === undefined) continue;
    const tool = tools.find((candidate) => candidate.name === call.name);
    if (!tool || !isStandardSchema(tool.parameters)) continue;
    const result = await validateWithSchema(tool.parameters, call.arguments);
    const out = call as { -readonly [K in keyof ToolCall]: ToolCall[K] };
    if (result.ok) out.arguments = result.value;
    else {
      out.arguments = undefined;
      out.argumentsIssues = result.issues;
    }
  }
}
