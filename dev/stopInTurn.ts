/**
 * Ending everything a run started, one part after the other: a part that fails to stop (its peer
 * already gone, its connection already closed) must not keep the parts after it from stopping, or a
 * failed run would leave servers and databases behind.
 */
export async function stopInTurn(stops: Array<() => Promise<unknown> | undefined>): Promise<void> {
  for (const stop of stops) await Promise.resolve().then(stop).catch(() => undefined);
}
