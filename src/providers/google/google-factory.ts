import type { ProviderFactory } from "../../core/types/provider-adapter.js";
import { GoogleAdapter } from "./google-adapter.js";

/**
 * Google Gemini (the Gemini Developer API): available as `google/<model>` with `GOOGLE_API_KEY` or
 * `GEMINI_API_KEY`, no configuration needed. `GOOGLE_API_KEY` wins when both are set, as in
 * `@google/genai`.
 */
export const googleFactory: ProviderFactory = {
  type: "google",
  defaultName: "google",
  envKeys: ["GOOGLE_API_KEY", "GEMINI_API_KEY"],
  requiresApiKey: true,
  priceProvider: "google",
  create: (settings) => new GoogleAdapter(settings),
};
