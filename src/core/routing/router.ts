import { ConfigError } from "../errors/config-error.js";
import { ValidationError } from "../errors/validation-error.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { Target } from "../types/target.js";
import { RequestFeatures, matchCondition } from "./match-condition.js";
import { parseModelId } from "./parse-model-id.js";
import type { ProviderRegistry } from "./provider-registry.js";
import type { BalanceStrategy, FallbackOn, HedgeSpec, RouteCondition, RouteSpec, TargetPrice } from "./route-spec.js";
import type { TargetStats } from "./target-stats.js";

/** Where a model string leads: a provider and its model id. The key is chosen per attempt. */
export type Route = Pick<Target, "provider" | "model">;

/** What a call is to try, in order, and how. */
export interface Plan {
  /** The targets, in the order they are tried (each at most once). */
  readonly targets: readonly Route[];
  /** Start the next target beside a slow one (the route's `hedge`). */
  readonly hedge?: HedgeSpec;
  /** Answers that count as a failure to move on from (chat only). */
  readonly fallbackOn?: ReadonlySet<FallbackOn>;
  /** The alias the request named, when it is a route. */
  readonly name?: string;
}

/** Output tokens assumed for `lowest-cost` when a request sets no `maxTokens`. */
const DEFAULT_OUTPUT_TOKENS = 1_024;
/** Distinct model strings remembered after parsing; more are parsed on every call. */
const MAX_SEEN_MODELS = 1024;

type Node =
  | { readonly kind: "target"; readonly route: Route }
  | { readonly kind: "fallback"; readonly entries: readonly Node[]; readonly hedge?: HedgeSpec; readonly fallbackOn?: ReadonlySet<FallbackOn> }
  | {
      readonly kind: "balance";
      readonly entries: readonly { readonly node: Node; readonly weight: number; readonly price?: TargetPrice; readonly first: Route }[];
      readonly strategy: BalanceStrategy;
      readonly hedge?: HedgeSpec;
      readonly fallbackOn?: ReadonlySet<FallbackOn>;
    }
  | { readonly kind: "conditional"; readonly entries: readonly { readonly when?: RouteCondition; readonly node: Node }[]; readonly path: string };

interface Compiled {
  readonly node: Node;
  /** The plan, when it is the same for every request (no load balancing, no condition). */
  readonly fixed?: Plan;
}

/**
 * Turns a request's `model` into the plan of its call. Aliases and routes are compiled once, when
 * the client is made, so a cycle, an unknown provider or an alias that leads nowhere fails
 * `createClient`; a plain `provider/model` costs one map lookup per call.
 */
export class Router {
  readonly #compiled = new Map<string, Compiled>();
  readonly #seen = new Map<string, Plan>();
  readonly #registry: ProviderRegistry;
  readonly #stats: TargetStats;
  readonly #random: () => number;

  /**
   * @param priceOf the price of a target from the client's prices and the price data: what a
   *   `lowest-cost` entry without a `price` of its own is ranked by
   */
  constructor(
    models: Readonly<Record<string, RouteSpec>>,
    registry: ProviderRegistry,
    stats: TargetStats,
    random: () => number = Math.random,
    priceOf: (route: Route) => TargetPrice | undefined = () => undefined,
  ) {
    this.#registry = registry;
    this.#stats = stats;
    this.#random = random;
    const compiling = new Set<string>();
    const compileAlias = (alias: string, chain: readonly string[]): Node => {
      const done = this.#compiled.get(alias);
      if (done) return done.node;
      if (compiling.has(alias)) throw new ConfigError(`models.${chain[0]}: alias cycle ${[...chain, alias].join(" → ")}`, { path: `models.${chain[0]}` });
      compiling.add(alias);
      const node = compile(models[alias] as RouteSpec, `models.${alias}`, [...chain, alias]);
      compiling.delete(alias);
      const fixed = fixedTargets(node);
      this.#compiled.set(alias, { node, ...(fixed ? { fixed: planOf(node, fixed, node.kind === "target" ? undefined : alias) } : {}) });
      return node;
    };
    const compile = (spec: RouteSpec, path: string, chain: readonly string[]): Node => {
      if (typeof spec === "string") {
        // A model id may have a route of its own that names it: inside, it is the model itself.
        const itself = chain.includes(spec) && parseModelId(spec) !== undefined;
        if (Object.hasOwn(models, spec) && !itself) return compileAlias(spec, chain);
        const parsed = parseModelId(spec);
        if (!parsed) throw new ConfigError(`${path}: "${spec}" is neither an alias nor provider/model`, { path });
        if (!registry.has(parsed.provider)) throw new ConfigError(`${path}: ${this.#unknownProvider(parsed.provider, spec)}`, { path });
        return { kind: "target", route: parsed };
      }
      if ("fallback" in spec) {
        return {
          kind: "fallback",
          entries: spec.fallback.map((entry, i) => compile(entry, `${path}.fallback[${i}]`, chain)),
          ...(spec.hedge ? { hedge: spec.hedge } : {}),
          ...(spec.fallbackOn ? { fallbackOn: new Set(spec.fallbackOn) } : {}),
        };
      }
      if ("loadBalance" in spec) {
        const strategy = spec.strategy ?? "weighted";
        const entries = spec.loadBalance.map((entry, i) => {
          const at = `${path}.loadBalance[${i}]`;
          const balanced = typeof entry === "object" && "route" in entry ? entry : { route: entry };
          const node = compile(balanced.route, typeof entry === "object" && "route" in entry ? `${at}.route` : at, chain);
          const first = firstTarget(node);
          const price = balanced.price ?? (strategy === "lowest-cost" ? priceOf(first) : undefined);
          if (strategy === "lowest-cost" && !price) {
            throw new ConfigError(
              `${at}: strategy "lowest-cost" needs a price for every entry, and ${first.provider}/${first.model} has none in the price data or the client's prices: give one ({ route, price: { inputPerMTokens, outputPerMTokens } }) or add it to prices`,
              { path: at },
            );
          }
          return { node, weight: balanced.weight ?? 1, ...(price ? { price } : {}), first };
        });
        return {
          kind: "balance",
          entries,
          strategy,
          ...(spec.hedge ? { hedge: spec.hedge } : {}),
          ...(spec.fallbackOn ? { fallbackOn: new Set(spec.fallbackOn) } : {}),
        };
      }
      return { kind: "conditional", entries: spec.conditional.map((entry, i) => ({ ...(entry.when ? { when: entry.when } : {}), node: compile(entry.route, `${path}.conditional[${i}].route`, chain) })), path };
    };
    for (const alias of Object.keys(models)) compileAlias(alias, []);
  }

  /**
   * The plan of a call: the targets to try in order, and how.
   *
   * @throws ValidationError for a model string that names no alias and no known provider, or a
   *   conditional route none of whose entries matches the request.
   */
  plan(request: ChatRequest): Plan {
    const model = request.model;
    const compiled = this.#compiled.get(model);
    if (compiled) return compiled.fixed ?? this.#expand(compiled.node, request, model);
    let plan = this.#seen.get(model);
    if (!plan) {
      const route = parseModelId(model);
      if (!route) throw new ValidationError([{ path: "model", message: `"${model}" is neither an alias nor provider/model` }]);
      if (!this.#registry.has(route.provider)) throw new ValidationError([{ path: "model", message: this.#unknownProvider(route.provider, model) }]);
      plan = { targets: [route] };
      // Model strings repeat from call to call; a bounded memo spares parsing them each time.
      if (this.#seen.size < MAX_SEEN_MODELS) this.#seen.set(model, plan);
    }
    return plan;
  }

  /**
   * Where a model string leads, for a middleware's `context.route()`: the target of a model id or
   * of an alias of one; for an alias of a route (which may lead to several targets), the route
   * itself, as `{ provider: "route", model }` where `model` names the alias and, when given the
   * request, the targets it would take for it (in a stable order: a load balancer's draw does not
   * change it, a conditional route's branch does).
   */
  resolve(model: string, request?: ChatRequest): Route {
    const compiled = this.#compiled.get(model);
    if (!compiled) return this.plan({ model, messages: [] }).targets[0] as Route;
    if (compiled.node.kind === "target") return compiled.node.route;
    const plan = compiled.fixed ?? (request ? this.#expand(compiled.node, request, model) : undefined);
    if (!plan) return { provider: "route", model };
    const targets = plan.targets.map((t) => `${t.provider}/${t.model}`);
    if (!compiled.fixed) targets.sort();
    return { provider: "route", model: `${model}→${targets.join(",")}` };
  }

  #expand(node: Node, request: ChatRequest, name: string): Plan {
    const features = new RequestFeatures(request);
    const targets: Route[] = [];
    let how: { hedge?: HedgeSpec; fallbackOn?: ReadonlySet<FallbackOn> } | undefined;
    const visit = (n: Node): void => {
      switch (n.kind) {
        case "target":
          if (!targets.some((t) => t.provider === n.route.provider && t.model === n.route.model)) targets.push(n.route);
          return;
        case "fallback":
          how ??= n;
          for (const entry of n.entries) visit(entry);
          return;
        case "balance":
          how ??= n;
          for (const entry of this.#order(n, features)) visit(entry.node);
          return;
        case "conditional": {
          const entry = n.entries.find((e) => e.when === undefined || matchCondition(e.when, features));
          if (!entry) {
            throw new ValidationError([{ path: "model", message: `no entry of ${n.path}.conditional matches this request (give the last entry no "when" to make it the default)` }]);
          }
          visit(entry.node);
          return;
        }
      }
    };
    visit(node);
    return { targets, ...(how?.hedge ? { hedge: how.hedge } : {}), ...(how?.fallbackOn ? { fallbackOn: how.fallbackOn } : {}), name };
  }

  /** A load balancer's entries, in the order its strategy gives for this request. */
  #order(node: Extract<Node, { kind: "balance" }>, features: RequestFeatures): readonly Extract<Node, { kind: "balance" }>["entries"][number][] {
    const entries = node.entries;
    switch (node.strategy) {
      case "weighted":
        return weightedOrder(entries, this.#random);
      case "least-busy":
        return stableSort(entries, (e) => this.#stats.inFlight(e.first));
      case "least-latency":
        // A target never measured goes first, so that every one gets measured.
        return stableSort(entries, (e) => this.#stats.averageLatency(e.first) ?? -1);
      case "lowest-cost": {
        const input = features.inputTokens;
        const output = features.request.maxTokens ?? DEFAULT_OUTPUT_TOKENS;
        return stableSort(entries, (e) => (e.price ? input * e.price.inputPerMTokens + output * e.price.outputPerMTokens : Infinity));
      }
    }
  }

  #unknownProvider(provider: string, model: string): string {
    return `unknown provider "${provider}" in "${model}" (configured: ${this.#registry.names().join(", ")})`;
  }
}

function planOf(node: Node, targets: readonly Route[], name: string | undefined): Plan {
  const how = node.kind === "fallback" ? node : undefined;
  return { targets, ...(how?.hedge ? { hedge: how.hedge } : {}), ...(how?.fallbackOn ? { fallbackOn: how.fallbackOn } : {}), ...(name ? { name } : {}) };
}

/** The targets of a route that is the same for every request, or `undefined` for one that is not. */
function fixedTargets(node: Node): Route[] | undefined {
  if (node.kind === "target") return [node.route];
  if (node.kind !== "fallback") return undefined;
  // A fallback whose own first node is dynamic sets hedge/fallbackOn itself: only plain lists of targets are fixed.
  const out: Route[] = [];
  for (const entry of node.entries) {
    const inner = fixedTargets(entry);
    if (!inner) return undefined;
    for (const route of inner) if (!out.some((t) => t.provider === route.provider && t.model === route.model)) out.push(route);
  }
  return out;
}

/** The first target a route would try, for the statistics of a load balancer's entry. */
function firstTarget(node: Node): Route {
  switch (node.kind) {
    case "target":
      return node.route;
    case "fallback":
      return firstTarget(node.entries[0] as Node);
    case "balance":
      return (node.entries[0] as { first: Route }).first;
    case "conditional":
      return firstTarget((node.entries[0] as { node: Node }).node);
  }
}

/** Weighted draws without replacement: the first is chosen with probability weight / total, and so on. */
function weightedOrder<T extends { readonly weight: number }>(entries: readonly T[], random: () => number): T[] {
  if (entries.length === 1) return [...entries];
  const left = [...entries];
  const out: T[] = [];
  while (left.length > 0) {
    let total = 0;
    for (const e of left) total += e.weight;
    let draw = random() * total;
    let at = 0;
    while (at < left.length - 1 && draw >= (left[at] as T).weight) {
      draw -= (left[at] as T).weight;
      at += 1;
    }
    out.push(...left.splice(at, 1));
  }
  return out;
}

function stableSort<T>(entries: readonly T[], score: (entry: T) => number): T[] {
  return entries
    .map((entry, index) => ({ entry, index, score: score(entry) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((e) => e.entry);
}
