/** Where one attempt goes: a configured provider, a model id there, and which of its keys. */
export interface Target {
  /** Configured provider name (the part before the first `/`). */
  readonly provider: string;
  /** The provider-side model id (the part after the first `/`). */
  readonly model: string;
  /** Index into the provider's `apiKey` list (-1 for a provider that needs no key); the key itself never leaves the registry. */
  readonly keyIndex: number;
}
