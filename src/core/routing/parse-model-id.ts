/**
 * Splits `provider/model` at the first `/`: the model part may itself contain `/`
 * (`openrouter/meta-llama/llama-3-70b`). Any model string passes; no model list is consulted.
 *
 * @returns `undefined` when there is no provider part or no model part.
 */
export function parseModelId(id: string): { provider: string; model: string } | undefined {
  const slash = id.indexOf("/");
  if (slash <= 0 || slash === id.length - 1) return undefined;
  return { provider: id.slice(0, slash), model: id.slice(slash + 1) };
}
