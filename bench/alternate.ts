/**
 * Runs the calls in turn, in a random order each round (a fixed rotation gives each contender the
 * same predecessor every time); returns each one's durations (ms) after the warm-up. Call `i` of
 * one contender and call `i` of another ran side by side: their difference is a paired sample.
 */
export async function alternate(calls: (() => Promise<unknown>)[], iterations: number, warmup: number): Promise<number[][]> {
  const samples: number[][] = calls.map(() => []);
  for (let i = 0; i < warmup + iterations; i++) {
    const first = Math.floor(Math.random() * calls.length);
    for (let k = 0; k < calls.length; k++) {
      const which = (first + k) % calls.length;
      const start = performance.now();
      await calls[which]!();
      if (i >= warmup) samples[which]!.push(performance.now() - start);
    }
  }
  return samples;
}
