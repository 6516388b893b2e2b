/**
 * Cluster scenario 1: two worker processes share the task queue and two gateway replicas stand
 * behind one address; mid-run one worker replica and one gateway replica are killed (SIGKILL) and
 * replaced, as an orchestrator would. Every partner event goes through the gateways. Both replicas
 * of each must have done work, and nothing may be lost or doubled.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { GatewayChannel } from '../reliability/support/eventChannels.js';
import { checkFigures, gatewaySystems, newRuns, settle, taskQueueFor, useStack } from '../reliability/support/scenario.js';
import { ClusterStack } from './support/clusterStack.js';
import { workerIdentities } from './support/workers.js';

const SCENARIO = 'cluster-1-replicas';
const stack = useStack(SCENARIO, (name) => new ClusterStack(name));

describe('worker and gateway replicas on the production server', () => {
  it('share the work, survive losing one of each, and lose or double nothing', async () => {
    const s = stack();
    const startedAt = Date.now();
    const taskQueue = taskQueueFor('replicas');
    const workers = await Promise.all([s.startWorker(taskQueue), s.startWorker(taskQueue)]);
    const gateways = await Promise.all([s.startGatewayReplica(0), s.startGatewayReplica(1)]);
    const systems = gatewaySystems(s);
    const runs = newRuns(s, taskQueue, 10, 270_000);
    s.partners.delayMs = 200;

    const reached = new Map<string, number>();
    const mark = async (step: string): Promise<void> => void reached.set(step, (reached.get(step) ?? 0) + 1);
    const driving = settle(runs, async (run) => {
      await run.open();
      await run.runToTheEnd(new GatewayChannel(systems), mark);
    });

    const until = async (step: string, count: number): Promise<void> => {
      const started = Date.now();
      while ((reached.get(step) ?? 0) < count && Date.now() - started < 120_000) await sleep(100);
    };
    await until('travel', 3);
    const gatewayLoad = [...s.gatewayProxy.connections];
    await workers[0]!.stop('SIGKILL');
    expect(workers[0]!.isGone(), 'the killed worker replica is gone').toBe(true);
    const replacement = s.startWorker(taskQueue);
    await until('departed', 3);
    await gateways[1]!.stop('SIGKILL');
    expect(gateways[1]!.isGone(), 'the killed gateway replica is gone').toBe(true);
    await sleep(3_000);
    await s.startGatewayReplica(1);
    await replacement;

    const errors = await driving;
    const identities = await workerIdentities(runs.map((r) => r.handle));
    await checkFigures(
      s,
      SCENARIO,
      `2 workers, 2 gateways behind a round-robin proxy; one worker and one gateway SIGKILLed and replaced (${identities.size} worker identities completed tasks; gateway connections ${s.gatewayProxy.connections.join('/')})`,
      runs,
      startedAt,
      errors,
    );
    expect(gatewayLoad.every((n) => n > 0), `both gateway replicas took connections before the kill: ${gatewayLoad.join('/')}`).toBe(true);
    expect(identities.size, 'worker processes that completed workflow tasks').toBeGreaterThanOrEqual(2);
  });
});
