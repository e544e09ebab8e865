import type { ProviderFactory } from "../core/types/provider-adapter.js";
import { anthropicFactory } from "./anthropic/anthropic-factory.js";
import { googleFactory } from "./google/google-factory.js";
import { openAICompatibleFactory, openAIFactory } from "./openai/openai-factory.js";

/** The provider types `createClient` knows. */
export const builtinProviders: readonly ProviderFactory[] = [openAIFactory, openAICompatibleFactory, anthropicFactory, googleFactory];
