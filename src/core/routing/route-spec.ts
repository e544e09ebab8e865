import { z } from "zod";

/**
 * A condition on a request, for `conditional` routes. Every field given must hold (AND); `any`
 * holds when one of its conditions does, `not` when its condition does not.
 *
 * - `metadata`: per field of `request.metadata`, a string (equal), `{ in: [...] }`,
 *   `{ notIn: [...] }` or `{ exists: boolean }`.
 * - `hasImages`, `hasFiles`, `hasTools`, `structuredOutput`: whether the request has image parts,
 *   file parts, tools, a `responseFormat` of type json.
 * - `inputTokens`: the estimated input tokens (characters / 4, as the rate limiter's estimate),
 *   compared with `{ gt?, gte?, lt?, lte? }`.
 */
export interface RouteCondition {
  readonly metadata?: Readonly<Record<string, string | { readonly in: readonly string[] } | { readonly notIn: readonly string[] } | { readonly exists: boolean }>>;
  readonly hasImages?: boolean;
  readonly hasFiles?: boolean;
  readonly hasTools?: boolean;
  readonly structuredOutput?: boolean;
  readonly inputTokens?: { readonly gt?: number; readonly gte?: number; readonly lt?: number; readonly lte?: number };
  readonly any?: readonly RouteCondition[];
  readonly not?: RouteCondition;
}

/**
 * Start the next target beside a slow one: after `afterMs`, or after the `percentile` of the
 * first target's recent latencies once it has `minSamples` of them (`afterMs` until then).
 */
export interface HedgeSpec {
  readonly afterMs?: number;
  readonly percentile?: number;
  /** @default 20 */
  readonly minSamples?: number;
}

/** What a route may also move on for, beyond failures: an answer cut by the provider's filter, or a refusal. */
export type FallbackOn = "content_filter" | "refusal";

/** Targets tried in order: the next after the one before has failed. */
export interface FallbackRoute {
  readonly fallback: readonly RouteSpec[];
  readonly hedge?: HedgeSpec;
  readonly fallbackOn?: readonly FallbackOn[];
}

/** Prices in US dollars per million tokens, for `lowest-cost`. */
export interface TargetPrice {
  readonly inputPerMTokens: number;
  readonly outputPerMTokens: number;
}

/** One entry of a `loadBalance`: a route, with its weight (`weighted`) and price (`lowest-cost`). */
export interface BalancedRoute {
  readonly route: RouteSpec;
  /** @default 1 */
  readonly weight?: number;
  readonly price?: TargetPrice;
}

/** How a `loadBalance` orders its entries for a call. */
export type BalanceStrategy = "weighted" | "least-latency" | "least-busy" | "lowest-cost";

/**
 * One entry chosen per call by `strategy`; the others follow it as fallbacks, in the strategy's
 * order, so a failed choice still has somewhere to go.
 */
export interface LoadBalanceRoute {
  readonly loadBalance: readonly (RouteSpec | BalancedRoute)[];
  /** @default "weighted" */
  readonly strategy?: BalanceStrategy;
  readonly hedge?: HedgeSpec;
  readonly fallbackOn?: readonly FallbackOn[];
}

/** The first entry whose `when` holds (an entry without `when` always does). */
export interface ConditionalRoute {
  readonly conditional: readonly { readonly when?: RouteCondition; readonly route: RouteSpec }[];
}

/** A model id (`provider/model`), an alias, or a route. JSON all the way down: it lives in config files. */
export type RouteSpec = string | FallbackRoute | LoadBalanceRoute | ConditionalRoute;

const count = z.number().finite().nonnegative();

const conditionSchema: z.ZodType<RouteCondition> = z.lazy(() =>
  z.strictObject({
    metadata: z
      .record(
        z.string(),
        z.union([z.string(), z.strictObject({ in: z.array(z.string()) }), z.strictObject({ notIn: z.array(z.string()) }), z.strictObject({ exists: z.boolean() })], {
          error: "a metadata condition is a string, { in: [...] }, { notIn: [...] } or { exists: true|false }",
        }),
      )
      .optional(),
    hasImages: z.boolean().optional(),
    hasFiles: z.boolean().optional(),
    hasTools: z.boolean().optional(),
    structuredOutput: z.boolean().optional(),
    inputTokens: z.strictObject({ gt: count.optional(), gte: count.optional(), lt: count.optional(), lte: count.optional() }).optional(),
    any: z.array(conditionSchema).min(1).optional(),
    not: conditionSchema.optional(),
  }),
);

const hedgeSchema = z
  .strictObject({
    afterMs: count.optional(),
    percentile: z.number().gt(0).lt(100).optional(),
    minSamples: z.number().int().positive().optional(),
  })
  .refine((h) => h.afterMs !== undefined || h.percentile !== undefined, { error: "hedge needs afterMs, percentile, or both" });

const fallbackOnSchema = z.array(z.enum(["content_filter", "refusal"])).optional();

export const routeSpecSchema: z.ZodType<RouteSpec> = z.lazy(() =>
  z.union(
    [
      z.string().min(1),
      z.strictObject({ fallback: z.array(routeSpecSchema).min(1), hedge: hedgeSchema.optional(), fallbackOn: fallbackOnSchema }),
      z.strictObject({
        loadBalance: z
          .array(
            z.union([
              routeSpecSchema,
              z.strictObject({
                route: routeSpecSchema,
                weight: z.number().finite().positive().optional(),
                price: z.strictObject({ inputPerMTokens: count, outputPerMTokens: count }).optional(),
              }),
            ]),
          )
          .min(1),
        strategy: z.enum(["weighted", "least-latency", "least-busy", "lowest-cost"]).optional(),
        hedge: hedgeSchema.optional(),
        fallbackOn: fallbackOnSchema,
      }),
      z.strictObject({ conditional: z.array(z.strictObject({ when: conditionSchema.optional(), route: routeSpecSchema })).min(1) }),
    ],
    { error: "a route is a model id or alias, { fallback: [...] }, { loadBalance: [...], strategy? } or { conditional: [{ when?, route }] }" },
  ),
);
