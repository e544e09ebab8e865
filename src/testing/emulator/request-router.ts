import type { IncomingMessage, ServerResponse } from "node:http";
import { handleControlRequest, type ControlAction } from "./control-endpoints.js";
import type { EmulatorState } from "./emulator-state.js";
import { Exchange } from "./exchange.js";
import { handleProviderRequest } from "./handle-provider-request.js";
import type { EmulatedProvider } from "./scenario.js";

/** Where a request goes. Gemini names its model and streaming in the path; the others in the body. */
export type Route =
  | { readonly kind: "provider"; readonly provider: EmulatedProvider; readonly model?: string; readonly stream?: boolean }
  | { readonly kind: "control"; readonly action: ControlAction };

const geminiPath = /\/v1(?:beta|alpha)?\/models\/([^:]+):(generateContent|streamGenerateContent)$/;

/**
 * Maps method and path to an endpoint. OpenAI matches any prefix before `/chat/completions` so
 * OpenAI-compatible base URLs (`/openai/v1`) work.
 */
export function routeRequest(method: string, pathname: string): Route | undefined {
  if (pathname.startsWith("/__emulator/")) {
    const action = pathname.slice("/__emulator/".length);
    if (method === "GET" && (action === "requests" || action === "connections")) return { kind: "control", action };
    if (method === "POST" && (action === "script" || action === "reset")) return { kind: "control", action };
    return undefined;
  }
  if (method !== "POST") return undefined;
  if (pathname.endsWith("/chat/completions")) return { kind: "provider", provider: "openai" };
  if (pathname.endsWith("/v1/messages")) return { kind: "provider", provider: "anthropic" };
  const gemini = geminiPath.exec(pathname);
  if (gemini) {
    return { kind: "provider", provider: "google", model: decodeURIComponent(gemini[1] as string), stream: gemini[2] === "streamGenerateContent" };
  }
  return undefined;
}

/** The `node:http` request listener: routes, and turns anything unexpected into a 500 instead of a crash. */
export function createRequestHandler(state: EmulatorState): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    dispatch(state, request, response).catch((error: unknown) => new Exchange(response, undefined, state.isClosing, noop).fail(error));
  };
}

// Async so that even a synchronous throw (a malformed percent-escape in a Gemini path) becomes a 500.
async function dispatch(state: EmulatorState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://emulator.invalid");
  const method = request.method ?? "GET";
  const route = routeRequest(method, url.pathname);
  if (route?.kind === "provider") return handleProviderRequest(state, request, response, url, route);
  if (route?.kind === "control") return handleControlRequest(state, route.action, request, new Exchange(response, undefined, state.isClosing, noop));
  new Exchange(response, undefined, state.isClosing, noop).sendJson(404, {
    error: { message: `proxyless emulator: no endpoint for ${method} ${url.pathname}`, type: "not_found" },
  });
}

function noop(): void {}
