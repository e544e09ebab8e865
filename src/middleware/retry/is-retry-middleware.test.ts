import { describe, expect, it } from "vitest";
import type { Middleware } from "../../core/types/middleware.js";
import { isRetryMiddleware } from "./is-retry-middleware.js";
import { retry } from "./retry-middleware.js";

describe("isRetryMiddleware", () => {
  it("recognises what retry() made, whatever its name, and nothing else", () => {
    expect(isRetryMiddleware(retry())).toBe(true);
    expect(isRetryMiddleware(retry({ name: "retry-fast" }))).toBe(true);
    const lookalike: Middleware = { name: "retry", scope: "attempt" };
    expect(isRetryMiddleware(lookalike)).toBe(false);
    expect(isRetryMiddleware(undefined)).toBe(false);
  });

  it("a spread copy, which still retries, is still one; keys and JSON do not show the mark", () => {
    const mw = retry();
    expect(isRetryMiddleware({ ...mw, name: "mine" })).toBe(true);
    expect(Object.keys(mw)).toEqual(["name", "scope", "wrapChat", "wrapStream"]);
    expect(JSON.stringify(mw)).toBe('{"name":"retry","scope":"attempt"}');
  });
});
