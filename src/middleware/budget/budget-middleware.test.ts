import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BudgetExceededError } from "../../core/errors/budget-exceeded-error.js";
import { ServerError } from "../../core/errors/server-error.js";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { AttemptRecord, ChatResponse, Cost } from "../../core/types/chat-response.js";
import type { CostEstimate, MiddlewareContext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import { middlewareContext } from "../../testing/middleware-context.js";
import { budget, type BudgetMiddleware } from "./budget-middleware.js";

const cost = (usd: number): Cost => ({ usd, inputUsd: usd / 2, cachedInputUsd: 0, cacheWriteUsd: 0, outputUsd: usd / 2, priceSource: "config", priceDate: "config", pricedModel: "gpt-4o-mini" });

/** An estimate of `usd` for every request: what core's estimateCost gives a priced model. */
const estimating = (usd: number | undefined) => (): CostEstimate | undefined => (usd === undefined ? undefined : { cost: cost(usd), inputTokens: 10, outputTokens: 100, target: "openai/gpt-4o-mini" });

function context(estimate: number | undefined, extra: Partial<MiddlewareContext> = {}): MiddlewareContext {
  return middlewareContext({ scope: "request", estimateCost: estimating(estimate), ...extra });
}

const ask = (metadata?: Record<string, string>): ChatRequest => ({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }], ...(metadata ? { metadata } : {}) });

function answer(usd: number | undefined, cached = false): ChatResponse {
  return {
    id: "r1",
    provider: "openai",
    model: "gpt-4o-mini",
    text: "ok",
    toolCalls: [],
    finishReason: "stop",
    rawFinishReason: "stop",
    usage: { inputTokens: 10, outputTokens: 2, totalTokens: 12 },
    ...(usd !== undefined ? { cost: cost(usd) } : {}),
    meta: { cached, attempts: [], latencyMs: 1, warnings: [] },
    message: { role: "assistant", content: "ok" },
    raw: {},
  };
}

const attempt = (usd?: number): AttemptRecord => ({ number: 1, id: "a1", target: { provider: "openai", model: "gpt-4o-mini", keyIndex: 0 }, durationMs: 1, ...(usd !== undefined ? { cost: cost(usd) } : {}) });

/** Calls `wrapChat` as core would (the method is called on its object). */
function chat(b: BudgetMiddleware, request: ChatRequest, ctx: MiddlewareContext, next: (r: ChatRequest) => Promise<ChatResponse>): Promise<ChatResponse> {
  if (!b.wrapChat) throw new Error("budget has no wrapChat");
  return b.wrapChat({ request, context: ctx, next });
}

async function refusal(promise: Promise<unknown>): Promise<BudgetExceededError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BudgetExceededError);
  return error as BudgetExceededError;
}

describe("reserve and settle", () => {
  it("holds the estimate while the call runs and replaces it with the answer's cost", async () => {
    const b = budget({ limitUsd: 1 });
    let during: unknown;
    const response = await chat(b, ask(), context(0.3), async () => {
      during = await b.spent();
      return answer(0.05);
    });
    expect(response.text).toBe("ok");
    expect(during).toMatchObject({ spentUsd: 0, reservedUsd: 0.3, limitUsd: 1 });
    expect(await b.spent()).toEqual({ spentUsd: 0.05, reservedUsd: 0, limitUsd: 1, remainingUsd: 0.95, windowResetsAt: undefined });
  });

  it("refuses a call whose estimate does not fit, before next, naming the budget and its figures", async () => {
    const b = budget({ name: "daily", limitUsd: 0.01 });
    await chat(b, ask(), context(0.004), () => Promise.resolve(answer(0.004)));
    await chat(b, ask(), context(0.004), () => Promise.resolve(answer(0.004)));
    const next = vi.fn(() => Promise.resolve(answer(0.004)));
    const error = await refusal(chat(b, ask(), context(0.004), next));
    expect(next).not.toHaveBeenCalled();
    expect(error).toMatchObject({ budget: "daily", scope: "global", reason: "limit", code: "budget_exceeded", limitUsd: 0.01, spentUsd: 0.008, reservedUsd: 0, estimateUsd: 0.004, retryable: false });
    expect(error.message).toContain('budget "daily"');
    expect(error.message).toContain("$0.004");
    expect(error.message).toContain("$0.008 is spent");
    expect(error.message).toContain("$0.01 limit");
    // The refusal took nothing.
    expect(await b.spent()).toMatchObject({ spentUsd: 0.008, reservedUsd: 0 });
  });

  it("counts calls in flight: with room for ten reservations the eleventh is refused until one settles", async () => {
    const b = budget({ limitUsd: 1.05 });
    const gates: (() => void)[] = [];
    const held = Array.from({ length: 10 }, () =>
      chat(b, ask(), context(0.1), () => new Promise<ChatResponse>((resolve) => gates.push(() => resolve(answer(0.02))))),
    );
    await vi.waitFor(() => expect(gates).toHaveLength(10));
    const error = await refusal(chat(b, ask(), context(0.1), () => Promise.resolve(answer(0))));
    expect(error.reservedUsd).toBeCloseTo(1, 9);
    gates[0]!();
    await held[0];
    await expect(chat(b, ask(), context(0.1), () => Promise.resolve(answer(0.02)))).resolves.toBeDefined();
    for (const open of gates.slice(1)) open();
    await Promise.all(held);
    expect((await b.spent()).spentUsd).toBeCloseTo(0.22, 9);
  });

  it("ten reservations of a tenth fill the limit exactly, with no float drift", async () => {
    const b = budget({ limitUsd: 0.3 });
    const calls = Array.from({ length: 4 }, () => chat(b, ask(), context(0.1), () => new Promise<ChatResponse>(() => undefined)).catch((e: unknown) => e));
    const outcomes = await Promise.race([Promise.all(calls), new Promise((resolve) => setTimeout(() => resolve("pending"), 20))]);
    expect(outcomes).toBe("pending");
    expect(await b.spent()).toMatchObject({ reservedUsd: 0.3, remainingUsd: 0 });
    expect(await calls[3]).toBeInstanceOf(BudgetExceededError);
  });

  it("a failed call gives its reservation back, charged what its attempts cost", async () => {
    const b = budget({ limitUsd: 1 });
    const ctx = context(0.5);
    const failing = chat(b, ask(), ctx, () => {
      // As core does: the attempts are on the context once they have ended.
      Object.defineProperty(ctx, "attempts", { value: [attempt(0.07), attempt()] });
      return Promise.reject(new ServerError("boom", { provider: "openai" }));
    });
    await expect(failing).rejects.toBeInstanceOf(ServerError);
    expect(await b.spent()).toMatchObject({ spentUsd: 0.07, reservedUsd: 0 });
  });

  it("a cache hit (no cost, cached) is charged nothing; an answer without a cost from a priced model, its reservation", async () => {
    const b = budget({ limitUsd: 1 });
    await chat(b, ask(), context(0.2), () => Promise.resolve(answer(undefined, true)));
    expect((await b.spent()).spentUsd).toBe(0);
    await chat(b, ask(), context(0.2), () => Promise.resolve(answer(undefined)));
    expect((await b.spent()).spentUsd).toBe(0.2);
  });
});

describe("unpriced models", () => {
  it('"reject" (the default) refuses with reason unpriced and says to add a price', async () => {
    const b = budget({ limitUsd: 1 });
    const next = vi.fn(() => Promise.resolve(answer(0)));
    const error = await refusal(chat(b, ask(), context(undefined), next));
    expect(next).not.toHaveBeenCalled();
    expect(error).toMatchObject({ reason: "unpriced", code: "budget_unpriced", budget: "budget" });
    expect(error.message).toContain("openai/gpt-4o-mini");
    expect(error.message).toContain('`prices` in the client config ({ "openai/gpt-4o-mini": { inputPerMTokens, outputPerMTokens } })');
  });

  it('"allow" lets it through uncounted, with a console warning once per model and a warning on each response', async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const b = budget({ limitUsd: 1, unpriced: "allow" });
      const first = await chat(b, ask(), context(undefined), () => Promise.resolve(answer(0.5)));
      const second = await chat(b, ask(), context(undefined), () => Promise.resolve(answer(0.5)));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain("uncounted");
      expect(first.meta.warnings).toEqual([expect.objectContaining({ setting: "budget.unpriced" })]);
      expect(second.meta.warnings).toHaveLength(1);
      expect(await b.spent()).toMatchObject({ spentUsd: 0, reservedUsd: 0 });
    } finally {
      warn.mockRestore();
    }
  });
});

describe("scope", () => {
  it("keeps one account per metadata value", async () => {
    const b = budget({ limitUsd: 0.1, scope: { metadata: "tenant" } });
    await chat(b, ask({ tenant: "acme" }), context(0.08), () => Promise.resolve(answer(0.08)));
    const error = await refusal(chat(b, ask({ tenant: "acme" }), context(0.08), () => Promise.resolve(answer(0.08))));
    expect(error).toMatchObject({ scope: "metadata.tenant", scopeValue: "acme" });
    expect(error.message).toContain('(tenant "acme")');
    await expect(chat(b, ask({ tenant: "globex" }), context(0.08), () => Promise.resolve(answer(0.08)))).resolves.toBeDefined();
    expect((await b.spent("acme")).spentUsd).toBe(0.08);
    expect((await b.spent("globex")).spentUsd).toBe(0.08);
    expect((await b.spent("initech")).spentUsd).toBe(0);
    await expect(b.spent()).rejects.toThrow(TypeError);
  });

  it('a request without the field is a ValidationError naming it (missing "reject", the default)', async () => {
    const b = budget({ limitUsd: 1, scope: { metadata: "tenant" } });
    const next = vi.fn(() => Promise.resolve(answer(0)));
    const error = await chat(b, ask({ user: "u1" }), context(0.1), next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("metadata.tenant");
    expect(next).not.toHaveBeenCalled();
  });

  it('missing "shared": requests without the field share one account, read with spent(null), apart from any tenant', async () => {
    const b = budget({ limitUsd: 1, scope: { metadata: "tenant", missing: "shared" } });
    await chat(b, ask(), context(0.1), () => Promise.resolve(answer(0.1)));
    // A tenant whose value looks like the shared account's key is still its own.
    await chat(b, ask({ tenant: "none" }), context(0.1), () => Promise.resolve(answer(0.3)));
    expect((await b.spent(null)).spentUsd).toBe(0.1);
    expect((await b.spent("none")).spentUsd).toBe(0.3);
  });

  it("stacked budgets: a call must fit in both, and the one that passed it gives its reservation back", async () => {
    const perTenant = budget({ name: "tenant", limitUsd: 1, scope: { metadata: "tenant" } });
    const total = budget({ name: "total", limitUsd: 0.15 });
    const run = (tenant: string) =>
      chat(perTenant, ask({ tenant }), context(0.1), (request) => chat(total, request, context(0.1), () => Promise.resolve(answer(0.1))));
    await run("acme");
    const error = await refusal(run("globex"));
    expect(error.budget).toBe("total");
    expect(await perTenant.spent("globex")).toMatchObject({ spentUsd: 0, reservedUsd: 0 });
    expect((await perTenant.spent("acme")).spentUsd).toBe(0.1);
  });
});

describe("windows", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2030, 0, 1, 23, 0, 0));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("spend counts in fixed windows aligned to windowMs (a day: midnight UTC) and starts again after", async () => {
    const b = budget({ limitUsd: 0.1, windowMs: 86_400_000 });
    await chat(b, ask(), context(0.08), () => Promise.resolve(answer(0.08)));
    const error = await refusal(chat(b, ask(), context(0.08), () => Promise.resolve(answer(0.08))));
    expect(error.windowResetsAt).toBe(Date.UTC(2030, 0, 2));
    expect(error.message).toContain("2030-01-02T00:00:00.000Z");
    expect((await b.spent()).windowResetsAt).toBe(Date.UTC(2030, 0, 2));
    vi.setSystemTime(Date.UTC(2030, 0, 2, 0, 0, 1));
    await expect(chat(b, ask(), context(0.08), () => Promise.resolve(answer(0.08)))).resolves.toBeDefined();
    expect(await b.spent()).toMatchObject({ spentUsd: 0.08, windowResetsAt: Date.UTC(2030, 0, 3) });
  });

  it("a call counts in the window it started in", async () => {
    const b = budget({ limitUsd: 1, windowMs: 60_000 });
    await chat(b, ask(), context(0.5), () => {
      vi.setSystemTime(Date.now() + 60_000);
      return Promise.resolve(answer(0.4));
    });
    expect((await b.spent()).spentUsd).toBe(0);
  });
});

describe("streams", () => {
  async function* events(usd: number | undefined): AsyncGenerator<StreamEvent> {
    for (const event of [{ type: "text-delta", text: "o" }, { type: "text-delta", text: "k" }, { type: "finish", response: answer(usd) }] as const) yield await Promise.resolve(event);
  }

  function stream(b: BudgetMiddleware, ctx: MiddlewareContext, source: () => AsyncIterable<StreamEvent>): AsyncIterable<StreamEvent> {
    if (!b.wrapStream) throw new Error("budget has no wrapStream");
    return b.wrapStream({ request: ask(), context: ctx, next: source });
  }

  it("a finished stream is charged its finish response's cost", async () => {
    const b = budget({ limitUsd: 1 });
    const seen: string[] = [];
    for await (const event of stream(b, context(0.3, { kind: "stream" }), () => events(0.04))) seen.push(event.type);
    expect(seen).toEqual(["text-delta", "text-delta", "finish"]);
    expect(await b.spent()).toMatchObject({ spentUsd: 0.04, reservedUsd: 0 });
  });

  it("a stream the consumer leaves after some events keeps its reservation charged", async () => {
    const b = budget({ limitUsd: 1 });
    for await (const event of stream(b, context(0.3, { kind: "stream" }), () => events(0.04))) {
      expect(event.type).toBe("text-delta");
      break;
    }
    expect(await b.spent()).toMatchObject({ spentUsd: 0.3, reservedUsd: 0 });
  });

  it("a stream that fails before its first event is charged what its attempts cost", async () => {
    const b = budget({ limitUsd: 1 });
    const ctx = context(0.3, { kind: "stream", attempts: [attempt(0.01)] });
    // eslint-disable-next-line require-yield -- a stream that fails before its first event
    const failing = async function* (): AsyncGenerator<StreamEvent> {
      await Promise.resolve();
      throw new ServerError("boom", { provider: "openai" });
    };
    await expect(
      (async () => {
        for await (const _ of stream(b, ctx, failing)) void _;
      })(),
    ).rejects.toBeInstanceOf(ServerError);
    expect(await b.spent()).toMatchObject({ spentUsd: 0.01, reservedUsd: 0 });
  });

  it("a refused stream throws at its first read and sends nothing", async () => {
    const b = budget({ limitUsd: 0.1 });
    const next = vi.fn(() => events(0));
    const iterator = stream(b, context(0.3, { kind: "stream" }), next)[Symbol.asyncIterator]();
    await refusal(iterator.next());
    expect(next).not.toHaveBeenCalled();
  });
});
