/**
 * A worker of the race check (bench/sdkRace.ts) in a process of its own, so that the check can kill
 * it with SIGKILL as a crashed worker dies: with a cache, as the race needs. Says `ready` on its
 * IPC channel once it is about to poll.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { raceActivities } from './activities.js';

const [address, taskQueue, bundle] = process.argv.slice(2) as [string, string, string];
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  taskQueue,
  workflowBundle: { codePath: bundle },
  activities: raceActivities,
  maxCachedWorkflows: 100,
});
process.send?.('ready');
await worker.run();
