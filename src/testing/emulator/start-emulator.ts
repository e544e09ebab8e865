import { createServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { ConnectionCounts, Emulator, EmulatorOptions, EmulatorProvidersConfig } from "./emulator-options.js";
import type { EmulatorState } from "./emulator-state.js";
import { RateLimiter } from "./rate-limiter.js";
import type { RecordedRequest } from "./record-request.js";
import { createRequestHandler } from "./request-router.js";
import type { EmulatedProvider, ScriptRule } from "./scenario.js";
import { ScriptQueue } from "./script-queue.js";
import { createThinkingSigner } from "./thinking-signer.js";
import { selfSignedCertificate, type CertificatePair } from "./self-signed-certificate.js";

const defaultApiKey = "emulator-key";

/**
 * Starts the provider emulator: a loopback HTTP (or HTTPS) server that speaks the OpenAI Chat Completions,
 * Anthropic Messages and Gemini `generateContent` wire APIs well enough that the official SDKs,
 * pointed at it with `baseURL`, cannot tell it from the real thing. It validates requests like
 * the real APIs, answers deterministically, sends rate-limit headers and provider-shaped errors,
 * and can be scripted to replay fixtures or inject faults.
 *
 * @example
 * ```ts
 * import { startEmulator } from "proxyless/testing";
 * import { createClient } from "proxyless";
 *
 * const emulator = await startEmulator();
 * const llm = createClient({ providers: emulator.providers() });
 * emulator.script({ provider: "anthropic", respond: { type: "error", status: 529 } });
 * // ... test ...
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  const requests: RecordedRequest[] = [];
  const scripts = new ScriptQueue();
  const limiter = new RateLimiter(options.rateLimits ?? {}, options.now ?? Date.now);
  let lastId = 0;
  let closing: Promise<void> | undefined;
  const counts = { opened: 0, tlsHandshakes: 0, tlsResumed: 0 };
  const tls: CertificatePair | undefined = options.https === true ? selfSignedCertificate() : options.https || undefined;

  const state: EmulatorState = {
    latencyMs: options.latencyMs ?? 0,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    replyWords: options.replyWords ?? 24,
    apiKeys: options.apiKeys ?? {},
    now: options.now ?? Date.now,
    requests,
    scripts,
    limiter,
    signer: createThinkingSigner(),
    nextRequestId: () => (lastId += 1),
    isClosing: () => closing !== undefined,
    connections: (): ConnectionCounts => ({ ...counts, open: sockets.size }),
    reset: () => {
      requests.length = 0;
      scripts.clear();
      limiter.clear();
      lastId = 0;
      counts.opened = counts.tlsHandshakes = counts.tlsResumed = 0;
    },
  };

  const handler = createRequestHandler(state);
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createServer(handler);
  // No idle timeout, and so no `Keep-Alive: timeout=` hint: the providers' endpoints keep an idle
  // connection for minutes and say nothing, so a client's own keep-alive decides, as it does there.
  server.keepAliveTimeout = 0;
  const sockets = trackSockets(server, counts);
  if (tls) {
    server.on("secureConnection", (socket: TLSSocket) => {
      counts.tlsHandshakes += 1;
      if (socket.isSessionReused()) counts.tlsResumed += 1;
    });
  }
  await listen(server, options.port ?? 0, host);
  const url = `${tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  const baseURLs = { openai: `${url}/v1`, anthropic: url, google: url } as const;

  return {
    url,
    ...(tls ? { certificate: tls.cert } : {}),
    get connections(): ConnectionCounts {
      return state.connections();
    },
    baseURLs,
    providers(apiKey?: string): EmulatorProvidersConfig {
      const entry = (provider: EmulatedProvider) => ({ apiKey: apiKey ?? options.apiKeys?.[provider]?.[0] ?? defaultApiKey, baseURL: baseURLs[provider] });
      return { openai: entry("openai"), anthropic: entry("anthropic"), google: entry("google") };
    },
    get requests(): readonly RecordedRequest[] {
      return requests;
    },
    script(rule: ScriptRule): void {
      scripts.add(rule);
    },
    reset: () => state.reset(),
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging and streaming responses keep their sockets open: end them rather than wait.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function trackSockets(server: Server, counts: { opened: number }): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    counts.opened += 1;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return sockets;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
