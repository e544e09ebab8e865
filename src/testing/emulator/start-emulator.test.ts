import { describe, expect, it } from "vitest";
import { startEmulator } from "./start-emulator.js";
import { authHeaders, post } from "../../../test/helpers/wire-test-client.js";

describe("startEmulator", () => {
  it("listens on a free loopback port and describes itself", async () => {
    const emulator = await startEmulator({ apiKeys: { anthropic: ["sk-ant-configured"] } });
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.baseURLs).toEqual({ openai: `${emulator.url}/v1`, anthropic: emulator.url, google: emulator.url });
      expect(emulator.providers()).toEqual({
        openai: { apiKey: "emulator-key", baseURL: `${emulator.url}/v1` },
        anthropic: { apiKey: "sk-ant-configured", baseURL: emulator.url },
        google: { apiKey: "emulator-key", baseURL: emulator.url },
      });
      expect(emulator.providers("k").google.apiKey).toBe("k");
    } finally {
      await emulator.close();
    }
  });

  it("closes promptly with hanging and streaming connections open", async () => {
    const emulator = await startEmulator({ chunkDelayMs: 1000 });
    emulator.script({ respond: { type: "hang" } });
    const hanging = post(`${emulator.baseURLs.openai}/chat/completions`, { model: "m", messages: [{ role: "user", content: "x" }] }, authHeaders.openai);
    const streaming = post(`${emulator.baseURLs.openai}/chat/completions`, { model: "m", stream: true, messages: [{ role: "user", content: "x" }] }, authHeaders.openai);
    while (emulator.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(500);
    await expect(hanging).rejects.toThrow();
    await expect(streaming).rejects.toThrow();
    await Promise.all(emulator.requests.map((request) => request.completed));
    expect(emulator.requests.every((request) => !request.clientClosed)).toBe(true);
    await emulator.close();
  });

  it("waits latencyMs before answering", async () => {
    const emulator = await startEmulator({ latencyMs: 80 });
    try {
      const started = Date.now();
      await post(`${emulator.baseURLs.openai}/chat/completions`, { model: "m", messages: [{ role: "user", content: "x" }] }, authHeaders.openai);
      expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    } finally {
      await emulator.close();
    }
  });

  it("fails to start on a port in use", async () => {
    const first = await startEmulator();
    try {
      const port = Number(new URL(first.url).port);
      await expect(startEmulator({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
