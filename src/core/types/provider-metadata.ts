/**
 * Opaque data keyed by provider type (`openai`, `anthropic`, `google`). Adapters write their own key
 * on responses and read it back when the same data returns in a later request.
 */
export type ProviderMetadata = Readonly<Record<string, Readonly<Record<string, unknown>>>>;
