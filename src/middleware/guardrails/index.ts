export { guardrails } from "./guardrails-middleware.js";
export type {
  GuardrailsOptions,
  InputCheck,
  InputCheckArgs,
  InputCheckFunction,
  InputCheckResult,
  InputGuard,
  OutputCheck,
  OutputCheckArgs,
  OutputCheckFunction,
  OutputCheckResult,
  OutputGuard,
} from "./guardrails-options.js";
export { pii, type PiiOptions } from "./pii-check.js";
export type { PiiKind } from "./vault.js";
export { blocklist, type BlockedPattern, type BlocklistOptions } from "./blocklist.js";
export { maxInputSize, type MaxInputSizeOptions } from "./max-input-size.js";
export { jsonOutput, type JsonOutputOptions } from "./json-output.js";
