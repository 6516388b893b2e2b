/**
 * `npm run check:sdk-race`: does the SDK still have the race that keeps our worker's cache at 0?
 * (docs/design.md, "Worker crashes and queries"; not part of `npm test`.) Run it after upgrading
 * @temporalio/* or the server: it plays the minimal reproduction (bench/sdk-race/workflows.ts) on
 * a dev server of its own, a few times, and says how often the history that results cannot be
 * replayed.
 *
 * Each attempt: worker A (a cache, a process of its own) takes the workflow's first task, which
 * starts a timer, and is killed with SIGKILL; worker B (a cache, this process) polls the same queue.
 * Shortly before the timer fires a query is sent; it is held for A's sticky queue, then answered by
 * B from the history as it is by then, the timer fired. As soon as it is answered, a signal. B then
 * takes the real task and, holding the run from the query, applies the signal alone; the timer's
 * activity goes out before the signal's. A replay of the finished history applies both in one
 * activation, signal first, and fails with a nondeterminism error when the race happened.
 * `RACE_WORKER_CACHE=0` runs the control: worker B without a cache, as ours runs, where it cannot.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { freePort } from '../dev/ports.js';
import { startDevServer } from '../dev/temporal-server.js';
import { raceActivities } from './sdk-race/activities.js';
import { go, race, seen } from './sdk-race/workflows.js';

const ATTEMPTS = whole('RACE_ATTEMPTS', 3, 1, 100);
/** Worker B's cache; 0 is the control, under which the race cannot happen. */
const CACHE = whole('RACE_WORKER_CACHE', 100, 0, 10_000);
const TIMER_MS = 8_000;
/** When the query goes out: this long before the timer fires. */
const QUERY_BEFORE_MS = 2_000;
const HERE = fileURLToPath(new URL('./sdk-race/', import.meta.url));

Runtime.install({ logger: new DefaultLogger('ERROR') });

type Outcome = 'raced' | 'replayed' | { error: string };

function whole(variable: string, fallback: number, min: number, max: number): number {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${variable}: expected a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const server = await startDevServer({ port: await freePort(), logLevel: 'error', allowDownload: false });
  const dir = mkdtempSync(join(tmpdir(), 'pr-sdk-race-'));
  try {
    const { code } = await bundleWorkflowCode({ workflowsPath: join(HERE, 'workflows.ts'), logger: new DefaultLogger('ERROR') });
    const bundle = join(dir, 'workflows.js');
    writeFileSync(bundle, code);
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    const outcomes: Outcome[] = [];
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const outcome = await once(client, server.address, bundle, `race-${attempt}-${Date.now()}`).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }));
      outcomes.push(outcome);
      console.log(`attempt ${attempt}: ${typeof outcome === 'string' ? (outcome === 'raced' ? 'the history does not replay (the race happened)' : 'the history replays') : `could not be played: ${outcome.error}`}`);
    }
    await connection.close();
    report(outcomes);
  } finally {
    await server.teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function once(client: Client, address: string, bundle: string, taskQueue: string): Promise<Outcome> {
  // Worker A takes the first task and dies with the run in its cache and the queue sticky to it.
  const a = fork(join(HERE, 'worker.ts'), [address, taskQueue, bundle], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    a.once('message', () => resolve());
    a.once('exit', (code) => reject(new Error(`worker A exited at start (code ${code})`)));
  });
  const gone = new Promise((resolve) => a.once('exit', resolve));
  let handle: WorkflowHandle<typeof race>;
  let started: number;
  try {
    handle = await client.workflow.start(race, { taskQueue, workflowId: taskQueue, args: [TIMER_MS] });
    started = Date.now();
    await until(async () => (await handle.fetchHistory()).events?.some((e) => e.timerStartedEventAttributes) ?? false);
  } finally {
    a.kill('SIGKILL');
    await gone;
  }

  // Worker B polls the same queue, with a cache.
  const connection = await NativeConnection.connect({ address });
  const b = await Worker.create({ connection, taskQueue, workflowBundle: { codePath: bundle }, activities: raceActivities, maxCachedWorkflows: CACHE });
  try {
    return await b.runUntil(async () => {
      await sleep(Math.max(0, started + TIMER_MS - QUERY_BEFORE_MS - Date.now()));
      await handle.query(seen);
      await handle.signal(go);
      const timeout = new AbortController();
      await Promise.race([
        handle.result().finally(() => timeout.abort()),
        sleep(60_000, undefined, { signal: timeout.signal }).then(() => Promise.reject(new Error('the workflow did not complete within 60 s'))),
      ]);
      const history = await handle.fetchHistory();
      try {
        await Worker.runReplayHistory({ workflowBundle: { codePath: bundle } }, history, handle.workflowId);
        return 'replayed' as const;
      } catch (err) {
        if ((err as Error).name === 'DeterminismViolationError') return 'raced' as const;
        throw err;
      }
    });
  } finally {
    await connection.close();
  }
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

function report(outcomes: Outcome[]): void {
  const raced = outcomes.filter((o) => o === 'raced').length;
  const played = outcomes.filter((o) => typeof o === 'string').length;
  console.log('');
  if (played === 0) {
    console.log('No attempt could be played: the check says nothing about the SDK (see the attempts above).');
    process.exitCode = 2;
  } else if (raced > 0) {
    console.log(`The race still happens: ${raced} of ${played} histories do not replay. Keep PR_WORKFLOW_CACHE_SIZE=0 (docs/design.md).`);
  } else if (CACHE === 0) {
    console.log(`The race did not happen in ${played} attempts without a cache, as expected of the control.`);
  } else {
    console.log(`The race did not happen in ${played} attempts. The SDK may have fixed it: see docs/design.md, "When the SDK is fixed", before turning the cache on.`);
  }
}

await main();
