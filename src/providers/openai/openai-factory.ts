import type { ProviderFactory } from "../../core/types/provider-adapter.js";
import { ConfigError } from "../../core/errors/config-error.js";
import { OpenAIAdapter } from "./openai-adapter.js";

/** OpenAI itself: available as `openai/<model>` with `OPENAI_API_KEY`, no configuration needed. */
export const openAIFactory: ProviderFactory = {
  type: "openai",
  defaultName: "openai",
  envKeys: ["OPENAI_API_KEY"],
  requiresApiKey: true,
  priceProvider: "openai",
  create: (settings) => new OpenAIAdapter({ ...settings, type: "openai" }),
};

/**
 * Any server speaking OpenAI's Chat Completions (Groq, Together, vLLM, Ollama, OpenRouter, ...).
 * Needs a `baseURL`; its key comes from config only (it never reads `OPENAI_API_KEY`).
 */
export const openAICompatibleFactory: ProviderFactory = {
  type: "openai-compatible",
  envKeys: [],
  requiresApiKey: false,
  create: (settings) => {
    if (settings.baseURL === undefined) {
      throw new ConfigError(`providers.${settings.name}.baseURL is required for an openai-compatible provider`, {
        path: `providers.${settings.name}.baseURL`,
      });
    }
    return new OpenAIAdapter({ ...settings, type: "openai-compatible" });
  },
};
