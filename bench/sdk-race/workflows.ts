/**
 * The smallest workflow that shows the SDK race (docs/design.md, "Worker crashes and queries"): a
 * timer, then an activity; a signal whose handler starts another activity. Live, a worker that
 * answered a query from the history as it was (the timer already fired) applies only the signal at
 * the next task and sends the timer's activity first; a replay applies the signal first and sends
 * the signal's activity first, so the history cannot be replayed. (The two activities are of two
 * types: a replay checks an activity's type and sequence, not its arguments.)
 */
import { condition, defineQuery, defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

export interface RaceActivities {
  afterTimer(): Promise<void>;
  onSignal(): Promise<void>;
}

const { afterTimer, onSignal } = proxyActivities<RaceActivities>({ startToCloseTimeout: '10s' });

export const go = defineSignal('go');
export const seen = defineQuery<string[]>('seen');

export async function race(timerMs: number): Promise<void> {
  const order: string[] = [];
  const notes: Promise<void>[] = [];
  setHandler(seen, () => order);
  setHandler(go, () => {
    order.push('signal');
    notes.push(onSignal());
  });
  await sleep(timerMs);
  order.push('timer');
  notes.push(afterTimer());
  await condition(() => order.includes('signal'));
  await Promise.all(notes);
}
