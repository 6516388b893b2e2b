/**
 * The cheapest Temporal workflow that does what a programme does most: wait for one signal, then
 * complete. The benchmark runs it beside the programme on the same server in the same run, so a
 * figure is read against the floor measured under the same noise.
 */
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const proceedSignal = defineSignal('proceed');

export async function baseline(): Promise<void> {
  let signalled = false;
  setHandler(proceedSignal, () => {
    signalled = true;
  });
  await condition(() => signalled);
}
