import type { RedactedThinkingBlockParam, ThinkingBlockParam } from "@anthropic-ai/sdk/resources/messages";
import type { ProviderMetadata } from "../../core/types/provider-metadata.js";

/** A thinking block as the API returned it: its signature (or encrypted data) must travel back unchanged. */
export type AnthropicThinkingBlock = ThinkingBlockParam | RedactedThinkingBlockParam;

/**
 * The message-level `providerMetadata` for a response's thinking blocks:
 * `{ anthropic: { thinking: [...] } }`, or `undefined` when there are none. Multi-turn tool use
 * with thinking requires the blocks back, in order and unmodified, in the next request.
 *
 * @see https://platform.claude.com/docs/en/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export function thinkingMetadata(blocks: readonly AnthropicThinkingBlock[]): ProviderMetadata | undefined {
  return blocks.length > 0 ? { anthropic: { thinking: [...blocks] } } : undefined;
}

/**
 * The thinking blocks stored by {@link thinkingMetadata} on an assistant message, as they were
 * received. Anything else under the key (edited by hand, from another version) is skipped rather
 * than sent: the API rejects a block whose signature does not match.
 */
export function thinkingBlocksOf(metadata: ProviderMetadata | undefined): AnthropicThinkingBlock[] {
  const stored = metadata?.anthropic?.thinking;
  return Array.isArray(stored) ? stored.filter(isThinkingBlock) : [];
}

function isThinkingBlock(value: unknown): value is AnthropicThinkingBlock {
  if (typeof value !== "object" || value === null) return false;
  const block = value as Record<string, unknown>;
  if (block.type === "thinking") return typeof block.thinking === "string" && typeof block.signature === "string";
  return block.type === "redacted_thinking" && typeof block.data === "string";
}
