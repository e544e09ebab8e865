import type { ProviderFactory } from "../../core/types/provider-adapter.js";
import { AnthropicAdapter } from "./anthropic-adapter.js";

/**
 * Anthropic's Messages API: available as `anthropic/<model>` with `ANTHROPIC_API_KEY`, no
 * configuration needed. `baseURL` is the host root (`https://api.anthropic.com`), without `/v1`.
 */
export const anthropicFactory: ProviderFactory = {
  type: "anthropic",
  defaultName: "anthropic",
  envKeys: ["ANTHROPIC_API_KEY"],
  requiresApiKey: true,
  priceProvider: "anthropic",
  create: (settings) => new AnthropicAdapter(settings),
};
