export type * from "./types/index.js";
export * from "./errors/index.js";
export type { ClientConfig, ProviderConfig } from "./config/client-config.js";
export { createClientWith, type Client, type ObjectOf } from "./client.js";
export { parseModelId } from "./routing/parse-model-id.js";
export { toJsonSchema, validateWithSchema } from "./schema/standard-schema.js";
