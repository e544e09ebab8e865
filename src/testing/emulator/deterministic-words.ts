import { createHash } from "node:crypto";

const vocabulary = [
  "the", "answer", "depends", "on", "context", "and", "a", "few", "simple", "steps", "help", "here", "first", "check",
  "your", "input", "then", "compare", "results", "with", "care", "this", "approach", "works", "well", "for", "most",
  "cases", "you", "can", "also", "try", "another", "option", "if", "needed", "clear", "data", "makes", "every", "choice",
  "easier", "small", "changes", "often", "matter", "more", "than", "expected", "in", "practice",
] as const;

/**
 * `count` words chosen by a generator seeded from `seed`: the same seed always gives the same words,
 * so the emulator answers the same request the same way.
 */
export function deterministicWords(seed: string, count: number): string[] {
  const next = generator(seed);
  return Array.from({ length: count }, () => vocabulary[next() % vocabulary.length] as string);
}

/** xorshift32 seeded from a SHA-256 of the seed text: tiny, fast and good enough for word picks. */
function generator(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}
