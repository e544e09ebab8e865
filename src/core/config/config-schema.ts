import { z } from "zod";
import { routeSpecSchema } from "../routing/route-spec.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

const adapter = z.custom<object>(
  (v) => isObject(v) && typeof v.doChat === "function" && typeof v.doStream === "function",
  "must be a ProviderAdapter (an object with doChat and doStream)",
);

const fetchFunction = z.custom<(...args: unknown[]) => unknown>((v) => typeof v === "function", "must be a fetch function: (input, init) => Promise<Response>");

const transportOptions = z.union([
  z.literal(false),
  z.strictObject({
    keepAliveMs: z.number().int().positive().optional(),
    connections: z.number().int().positive().optional(),
    allowH2: z.boolean().optional(),
    ca: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  }),
], { error: "must be false or { keepAliveMs?, connections?, allowH2?, ca? }" });

const isMiddleware = (v: unknown): v is Record<string, unknown> =>
  isObject(v) &&
  typeof v.name === "string" &&
  (v.scope === undefined || v.scope === "request" || v.scope === "attempt") &&
  (v.idle === undefined || typeof v.idle === "function") &&
  ["transformRequest", "wrapChat", "wrapStream"].some((hook) => typeof v[hook] === "function");

const middleware = z.custom<object>(
  (v) => isMiddleware(v) && (v.attempt === undefined || (isMiddleware(v.attempt) && v.attempt.scope === "attempt" && v.attempt.attempt === undefined)),
  'must be a middleware: { name, scope?: "request" | "attempt", at least one of transformRequest, wrapChat, wrapStream, and optionally idle: a function, and attempt: a companion middleware with scope "attempt" }',
);

export const providerConfigSchema = z.strictObject({
  type: z.string().min(1).optional(),
  apiKey: z.union([z.string().min(1), z.array(z.string().min(1)).min(1), z.custom<() => unknown>((v) => typeof v === "function")], {
    error: "must be a non-empty string, a non-empty list of them, or a function that returns them",
  }).optional(),
  keyRotation: z.enum(["round-robin", "least-used"]).optional(),
  keyTtlMs: z.number().finite().positive().optional(),
  priceProvider: z.string().min(1).optional(),
  baseURL: z.url({ error: "must be an absolute URL" }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  clientOptions: z.record(z.string(), z.unknown()).optional(),
  sdk: z.custom<object>((v) => typeof v === "object" && v !== null, "must be the SDK's module (import * as sdk from \"openai\")").optional(),
  fetch: fetchFunction.optional(),
  transport: transportOptions.optional(),
  adapter: adapter.optional(),
});

/** The shape of a `ClientConfig`; alias resolution is checked by the router. */
export const clientConfigSchema = z.strictObject({
  providers: z
    .record(z.string().regex(/^[\w.-]+$/, "provider names use letters, digits, _ . - (no /)"), providerConfigSchema)
    .optional(),
  models: z.record(z.string().min(1), routeSpecSchema).optional(),
  contextWindows: z.record(z.string().min(1), z.number().int().positive()).optional(),
  prices: z
    .union([
      z.literal(false),
      z.record(
        z.string().min(1),
        z.strictObject({
          inputPerMTokens: z.number().finite().nonnegative(),
          outputPerMTokens: z.number().finite().nonnegative(),
          cachedInputPerMTokens: z.number().finite().nonnegative().optional(),
          cacheWritePerMTokens: z.number().finite().nonnegative().optional(),
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD").optional(),
        }),
      ),
    ])
    .optional(),
  transport: transportOptions.optional(),
  fetch: fetchFunction.optional(),
  warmup: z.boolean().optional(),
  middleware: z.array(middleware).optional(),
  retry: z.literal(false, { error: "retry: only false (no default retry) may be set here; to tune retries, add retry({ ... }) to middleware" }).optional(),
});
