import type { IncomingMessage } from "node:http";
import type { EmulatorState } from "./emulator-state.js";
import type { Exchange } from "./exchange.js";
import { isRecord, parseJson } from "./json-shape.js";
import { readBody } from "./read-body.js";
import { recordToJson, type RecordedRequest } from "./record-request.js";
import type { EmulatedProvider, Scenario, ScriptRule } from "./scenario.js";

/** `GET /__emulator/requests`, `GET /__emulator/connections`, `POST /__emulator/script`, `POST /__emulator/reset`. */
export type ControlAction = "requests" | "connections" | "script" | "reset";

const providers: readonly EmulatedProvider[] = ["openai", "anthropic", "google"];
/** The record fields a JSON `match` may compare. */
const matchKeys = ["model", "provider", "stream"] as const;
const scenarioTypes: readonly Scenario["type"][] = ["reply", "replay", "error", "hang", "reset", "stream-error", "cut", "malformed"];

/**
 * The emulator driven from another process (a demo, a benchmark, a test in another language):
 * read the recorded requests and the connection counts, add a script given as JSON, reset.
 */
export async function handleControlRequest(state: EmulatorState, action: ControlAction, request: IncomingMessage, exchange: Exchange): Promise<void> {
  if (action === "requests") return exchange.sendJson(200, state.requests.map(recordToJson));
  if (action === "connections") return exchange.sendJson(200, state.connections());
  if (action === "reset") {
    state.reset();
    return exchange.sendJson(200, { ok: true });
  }
  const parsed = parseJson(await readBody(request));
  const rule = parsed.ok ? scriptRuleFromJson(parsed.value) : `invalid JSON: ${parsed.error}`;
  if (typeof rule === "string") return exchange.sendJson(400, { error: { message: `proxyless emulator: ${rule}`, type: "invalid_script" } });
  state.scripts.add(rule);
  exchange.sendJson(200, { ok: true });
}

/**
 * A {@link ScriptRule} from JSON: `match` is data (`{ model?, provider?, stream? }`, all must equal) and
 * `times` may be the string `"Infinity"`, which JSON cannot write as a number.
 *
 * @returns the rule, or what is wrong with it.
 */
export function scriptRuleFromJson(value: unknown): ScriptRule | string {
  if (!isRecord(value)) return "a script rule must be a JSON object";
  const { provider, match, times, respond } = value;
  if (provider !== undefined && !providers.includes(provider as EmulatedProvider)) return `unknown provider ${JSON.stringify(provider)}`;
  if (!isRecord(respond) || !scenarioTypes.includes(respond.type as Scenario["type"])) {
    return `"respond.type" must be one of ${scenarioTypes.join(", ")}`;
  }
  if (respond.type === "error" && typeof respond.status !== "number") return 'an "error" scenario needs a numeric "status"';
  if (["stream-error", "cut", "malformed"].includes(respond.type as string) && typeof respond.afterEvents !== "number") {
    return `a "${String(respond.type)}" scenario needs a numeric "afterEvents"`;
  }
  const count = times === "Infinity" ? Infinity : times;
  if (count !== undefined && !(typeof count === "number" && count >= 1)) return '"times" must be a number of at least 1 or "Infinity"';
  if (match !== undefined && !isRecord(match)) return '"match" must be an object like { "model": "gpt-4o" }';
  const wanted = Object.entries(match ?? {});
  const unknown = wanted.find(([key]) => !matchKeys.includes(key as (typeof matchKeys)[number]));
  if (unknown) return `"match" knows ${matchKeys.join(", ")}, not ${JSON.stringify(unknown[0])}`;
  return {
    ...(provider !== undefined ? { provider: provider as EmulatedProvider } : {}),
    ...(wanted.length > 0 ? { match: (request: RecordedRequest) => wanted.every(([key, expected]) => request[key as (typeof matchKeys)[number]] === expected) } : {}),
    ...(count !== undefined ? { times: count } : {}),
    respond: respond as unknown as Scenario,
  };
}
