import { estimateInputTokens } from "../request/estimate-tokens.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { RouteCondition } from "./route-spec.js";

/** What conditions read of a request, each worked out at most once per call. */
export class RequestFeatures {
  readonly request: ChatRequest;
  #inputTokens: number | undefined;
  #parts: { images: boolean; files: boolean } | undefined;

  constructor(request: ChatRequest) {
    this.request = request;
  }

  /** The estimated input tokens (see `estimateInputTokens`). */
  get inputTokens(): number {
    return (this.#inputTokens ??= estimateInputTokens(this.request));
  }

  get hasImages(): boolean {
    return this.#attachments().images;
  }

  get hasFiles(): boolean {
    return this.#attachments().files;
  }

  #attachments(): { images: boolean; files: boolean } {
    if (this.#parts) return this.#parts;
    const found = { images: false, files: false };
    for (const message of this.request.messages) {
      if (message.role !== "user" || typeof message.content === "string") continue;
      for (const part of message.content) {
        if (part.type === "image") found.images = true;
        else if (part.type === "file") found.files = true;
      }
    }
    return (this.#parts = found);
  }
}

/** Whether a request meets a condition: every field given holds. */
export function matchCondition(condition: RouteCondition, features: RequestFeatures): boolean {
  const { request } = features;
  if (condition.hasImages !== undefined && condition.hasImages !== features.hasImages) return false;
  if (condition.hasFiles !== undefined && condition.hasFiles !== features.hasFiles) return false;
  if (condition.hasTools !== undefined && condition.hasTools !== (request.tools !== undefined && request.tools.length > 0)) return false;
  if (condition.structuredOutput !== undefined && condition.structuredOutput !== (request.responseFormat?.type === "json")) return false;
  if (condition.metadata) {
    for (const [field, expected] of Object.entries(condition.metadata)) {
      if (!matchValue(expected, request.metadata?.[field])) return false;
    }
  }
  if (condition.inputTokens) {
    const { gt, gte, lt, lte } = condition.inputTokens;
    const tokens = features.inputTokens;
    if ((gt !== undefined && !(tokens > gt)) || (gte !== undefined && !(tokens >= gte)) || (lt !== undefined && !(tokens < lt)) || (lte !== undefined && !(tokens <= lte))) {
      return false;
    }
  }
  if (condition.any && !condition.any.some((c) => matchCondition(c, features))) return false;
  if (condition.not && matchCondition(condition.not, features)) return false;
  return true;
}

function matchValue(expected: NonNullable<RouteCondition["metadata"]>[string], actual: string | undefined): boolean {
  if (typeof expected === "string") return actual === expected;
  if ("in" in expected) return actual !== undefined && expected.in.includes(actual);
  if ("notIn" in expected) return actual === undefined || !expected.notIn.includes(actual);
  return (actual !== undefined) === expected.exists;
}
