/** The most weight (requests, tokens) that arrived in any window of `windowMs`, by arrival time. */
export function busiestWindow(arrivals: readonly { readonly at: number; readonly weight: number }[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a.at - b.at);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let sum = 0;
    for (let j = i; j < sorted.length && sorted[j]!.at < sorted[i]!.at + windowMs; j++) sum += sorted[j]!.weight;
    most = Math.max(most, sum);
  }
  return most;
}

/** The first message's text of a request the emulator recorded (how tests tell their requests apart). */
export function promptOf(body: unknown): string {
  return (body as { messages: { content: string }[] }).messages[0]!.content;
}
