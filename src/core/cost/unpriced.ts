import type { Target } from "../types/target.js";
import type { Warning } from "../types/warning.js";

const warnings = new Map<string, Warning>();

/**
 * The warning a response carries when its model has no price: never a silent $0. One object per
 * model (they are data, shared by every response of that model), so an unpriced model costs no
 * allocation per call.
 */
export function unpriced(target: Pick<Target, "provider" | "model">): Warning {
  const id = `${target.provider}/${target.model}`;
  let warning = warnings.get(id);
  if (!warning) {
    warning = Object.freeze({
      type: "other",
      setting: "cost",
      message: `No price for ${id} in the price data, so the response has no cost: add one under \`prices\` in the client config ({ "${id}": { inputPerMTokens, outputPerMTokens } })`,
    });
    if (warnings.size < 1024) warnings.set(id, warning);
  }
  return warning;
}
