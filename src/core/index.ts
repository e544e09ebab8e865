export type * from "./types/index.js";
export * from "./errors/index.js";
export type { ClientConfig, KeySource, ProviderConfig } from "./config/client-config.js";
export type { PriceOverride } from "./cost/price-overrides.js";
export type {
  BalanceStrategy,
  BalancedRoute,
  ConditionalRoute,
  FallbackOn,
  FallbackRoute,
  HedgeSpec,
  LoadBalanceRoute,
  RouteCondition,
  RouteSpec,
  TargetPrice,
} from "./routing/route-spec.js";
export { createClientWith, type Client, type ObjectOf } from "./client.js";
export type { WarmupOptions } from "./warm-providers.js";
export type { TransportFactory } from "./routing/transport-set.js";
export { parseModelId } from "./routing/parse-model-id.js";
export { toJsonSchema, validateWithSchema } from "./schema/standard-schema.js";
