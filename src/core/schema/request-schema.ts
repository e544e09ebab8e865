import { z } from "zod";
import { isStandardSchema } from "./standard-schema.js";
import { SCHEMA_NAME, SCHEMA_NAME_RULE, TOOL_NAME, TOOL_NAME_RULE } from "./name-rules.js";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

const schemaInput = z.custom<object>(
  (v) => isStandardSchema(v) || isPlainObject(v),
  "must be a JSON Schema object or a zod schema",
);

const bytes = z.union([z.string().min(1, "must not be empty"), z.instanceof(Uint8Array)], {
  error: "must be a base64 string or a Uint8Array",
});
const mediaType = z.string().regex(/^[\w.+-]+\/[\w.+*-]+$/, "must be a media type such as image/png");

const textPart = z.strictObject({ type: z.literal("text"), text: z.string() });

/** Exactly one of `url` or `data`: one object with a check reads better in errors than a union. */
const oneSource = (part: { url?: string | undefined; data?: unknown }, ctx: z.RefinementCtx): void => {
  if ((part.url === undefined) === (part.data === undefined)) {
    ctx.addIssue({ code: "custom", message: "give exactly one of url or data", path: [] });
  }
};

const imagePart = z
  .strictObject({
    type: z.literal("image"),
    url: z.url().optional(),
    data: bytes.optional(),
    mediaType: mediaType.optional(),
  })
  .superRefine((part, ctx) => {
    oneSource(part, ctx);
    if (part.data !== undefined && part.mediaType === undefined) {
      ctx.addIssue({ code: "custom", message: "is required with data", path: ["mediaType"] });
    }
  });

const filePart = z
  .strictObject({
    type: z.literal("file"),
    url: z.url().optional(),
    data: bytes.optional(),
    mediaType,
    filename: z.string().optional(),
  })
  .superRefine(oneSource);

const textContent = z.union([z.string(), z.array(textPart)], { error: "must be a string or an array of text parts" });

const providerMetadata = z.record(z.string(), z.record(z.string(), z.unknown()));

const toolCallInput = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.unknown().optional(),
  argumentsText: z.string().optional(),
  providerMetadata: providerMetadata.optional(),
});

const message = z.discriminatedUnion(
  "role",
  [
    z.strictObject({ role: z.literal("system"), content: textContent }),
    z.strictObject({
      role: z.literal("user"),
      content: z.union(
        [z.string(), z.array(z.discriminatedUnion("type", [textPart, imagePart, filePart])).min(1)],
        { error: "must be a string or a non-empty array of parts" },
      ),
    }),
    z.strictObject({
      role: z.literal("assistant"),
      content: z.union([z.string(), z.array(textPart), z.null()]).optional(),
      toolCalls: z.array(toolCallInput).optional(),
      providerMetadata: providerMetadata.optional(),
    }),
    z.strictObject({
      role: z.literal("tool"),
      toolCallId: z.string().min(1),
      content: textContent,
      isError: z.boolean().optional(),
    }),
  ],
  { error: "must be one of system, user, assistant, tool" },
);

const tool = z.strictObject({
  name: z.string().regex(TOOL_NAME, TOOL_NAME_RULE),
  description: z.string().optional(),
  parameters: schemaInput,
});

/** The shape of a `ChatRequest`; cross-field rules live in `validate-request.ts`. */
export const chatRequestSchema = z.strictObject({
  model: z.string().min(1, "must be provider/model or an alias"),
  messages: z.array(message).min(1, "must contain at least one message"),
  tools: z.array(tool).optional(),
  toolChoice: z
    .union([z.enum(["auto", "none", "required"]), z.strictObject({ name: z.string().min(1) })], {
      error: 'must be "auto", "none", "required" or { name }',
    })
    .optional(),
  responseFormat: z
    .strictObject({ type: z.literal("json"), schema: schemaInput.optional(), name: z.string().regex(SCHEMA_NAME, SCHEMA_NAME_RULE).optional() })
    .optional(),
  maxTokens: z.int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  stop: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  seed: z.int().optional(),
  reasoning: z
    .strictObject({
      effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh", "max"]).optional(),
      budgetTokens: z.int().nonnegative().optional(),
    })
    .optional(),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  cache: z
    .strictObject({
      ttlMs: z.int().positive().optional(),
      mode: z.enum(["default", "bypass", "refresh", "no-store"]).optional(),
    })
    .optional(),
  signal: z.instanceof(AbortSignal, { error: "must be an AbortSignal" }).optional(),
  timeoutMs: z.int().positive().optional(),
});
