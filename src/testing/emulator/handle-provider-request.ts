import type { IncomingMessage, ServerResponse } from "node:http";
import { anthropicWire } from "./anthropic-wire.js";
import { delay } from "./delay.js";
import type { EmulatorState } from "./emulator-state.js";
import { Exchange } from "./exchange.js";
import { googleWire } from "./google-wire.js";
import { isRecord, parseJson, stringOr } from "./json-shape.js";
import { openaiWire } from "./openai-wire.js";
import type { ProviderWire, WireResponse } from "./provider-wire.js";
import { readBody } from "./read-body.js";
import { recordRequest } from "./record-request.js";
import type { Route } from "./request-router.js";
import type { EmulatedProvider } from "./scenario.js";
import { serveScenario } from "./serve-scenario.js";

const wires: Readonly<Record<EmulatedProvider, ProviderWire>> = { openai: openaiWire, anthropic: anthropicWire, google: googleWire };

/**
 * One provider request, in the order a real API works: record it, check auth, parse and validate
 * (answering the provider's 4xx), count it against the rate limits (429), then answer with the
 * next matching script or the generated reply.
 */
export async function handleProviderRequest(
  state: EmulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  route: Extract<Route, { kind: "provider" }>,
): Promise<void> {
  const wire = wires[route.provider];
  const text = await readBody(request);
  const parsed = parseJson(text);
  const body = parsed.ok ? parsed.value : text;
  const query = Object.fromEntries(url.searchParams);
  const facts = { headers: request.headers, query };
  const apiKey = wire.readApiKey(facts);
  const model = route.model ?? (isRecord(body) ? stringOr(body.model, "") : "");
  const { record, settle } = recordRequest({
    id: state.nextRequestId(),
    provider: route.provider,
    method: request.method ?? "POST",
    path: url.pathname,
    query,
    headers: request.headers,
    apiKey,
    model,
    stream: route.stream ?? (isRecord(body) && body.stream === true),
    body,
    receivedAt: state.now(),
  });
  state.requests.push(record);
  const exchange = new Exchange(response, record, state.isClosing, settle, state.now);
  const requestId = wire.newRequestId();
  const send = async (answer: WireResponse, headers: Record<string, string>): Promise<void> => {
    await delay(state.latencyMs, exchange.signal);
    exchange.sendJson(answer.status, answer.body, { ...headers, ...answer.headers });
  };

  const rejection =
    wire.checkAuth(apiKey, state.apiKeys[route.provider], requestId) ??
    (parsed.ok ? wire.validate(body, { ...facts, model, signer: state.signer }, requestId) : wire.invalidJson(parsed.error, requestId));
  if (rejection) return send(rejection, wire.headers(requestId, undefined));

  const view = wire.readConversation(body, model);
  const expectedOutput = Math.min(view.maxTokens ?? state.replyWords, state.replyWords);
  const admission = state.limiter.admit(route.provider, { input: view.inputTokens, output: expectedOutput });
  const headers = wire.headers(requestId, admission.snapshot);
  if (!admission.ok) return send(wire.rateLimited(admission.exceeded, { requestId, model }), headers);

  const scenario = state.scripts.take(record) ?? { type: "reply" };
  await delay(scenario.latencyMs ?? state.latencyMs, exchange.signal);
  await serveScenario(scenario, {
    exchange,
    wire,
    view,
    stream: record.stream,
    headers,
    meta: { requestId, created: Math.floor(state.now() / 1000), model, body, signer: state.signer },
    replyWords: state.replyWords,
    chunkDelayMs: scenario.chunkDelayMs ?? state.chunkDelayMs,
    bodyDelayMs: scenario.bodyDelayMs ?? 0,
    apiKey,
  }).catch((error: unknown) => exchange.fail(error));
}
