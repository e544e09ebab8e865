export { circuitBreaker } from "./circuit-breaker-middleware.js";
export type { CircuitBreakerOptions } from "./circuit-breaker-options.js";
export { isCircuitFailure } from "./is-circuit-failure.js";
