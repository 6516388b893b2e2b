/**
 * Scenario 4: every partner and Return Agency event goes through the gateway process, which is killed
 * (SIGKILL and SIGTERM in turn) and started again while the partners keep sending. The partners'
 * systems retry with the same webhook-id and body; each event must land in its programme exactly once.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { useScenario } from './support/scenario.js';
import { refusesConnections } from './support/temporalServer.js';

const scenario = useScenario('4-gateway-restart');

describe('the gateway restarted while partners keep sending', () => {
  it('records every retried event exactly once', async () => {
    const s = await scenario.begin({ queue: 'gateway', events: 'gateway', programmes: 12, budgetMs: 240_000 });
    let gateway = scenario.gateway!;

    let finished = false;
    const driving = scenario.drive().finally(() => {
      finished = true;
    });

    let restarts = 0;
    while (!finished && restarts < 6) {
      await sleep(3_000);
      if (finished) break;
      const signal = restarts % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
      await gateway.stop(signal);
      expect(gateway.isGone(), 'the stopped gateway process is gone').toBe(true);
      expect(await refusesConnections(s.gatewayPort), 'the gateway port refuses connections').toBe(true);
      await sleep(1_000);
      gateway = await s.startGateway();
      restarts += 1;
    }

    const errors = await driving;
    const failedAttempts = Object.values(scenario.systems).reduce((sum, system) => sum + system.failedAttempts, 0);
    expect(restarts, 'gateway restarts').toBeGreaterThanOrEqual(2);
    expect(failedAttempts, 'partner attempts that found the gateway away').toBeGreaterThan(0);
    await scenario.checkFigures(`${restarts} gateway restarts (SIGKILL/SIGTERM); ${failedAttempts} partner attempts failed and were retried`, errors);
  });
});
