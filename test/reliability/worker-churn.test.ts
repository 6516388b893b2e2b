/**
 * Scenario 6: two worker processes share the task queue under load, and one of them, chosen at
 * random, is killed with SIGKILL again and again (a replacement is started each time, as an
 * orchestrator would). Programmes move between workers mid-flight; nothing may be lost or doubled.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { useScenario } from './support/scenario.js';

const scenario = useScenario('6-worker-churn');

describe('two workers sharing the queue, one killed at random again and again', () => {
  it('loses and duplicates nothing', async () => {
    const s = await scenario.begin({ queue: 'churn', workers: 2, programmes: 16, budgetMs: 270_000 });
    const workers = scenario.workers;
    s.partners.delayMs = 300;

    let finished = false;
    const driving = scenario.drive().finally(() => {
      finished = true;
    });

    const kills: number[] = [];
    // A replacement starts in the background, as an orchestrator would start it, so the next kill
    // does not wait for it; kills come every 2-5 s, so even a quick run sees several.
    const replacing = new Set<number>();
    const replacements: Promise<void>[] = [];
    while (!finished && kills.length < 4) {
      await sleep(2_000 + Math.random() * 3_000);
      if (finished) break;
      const running = workers.map((_, i) => i).filter((i) => !replacing.has(i));
      if (running.length === 0) continue;
      const index = running[Math.floor(Math.random() * running.length)]!;
      const victim = workers[index]!;
      const inFlight = s.partners.inFlight;
      await victim.stop('SIGKILL');
      expect(victim.exited?.signal).toBe('SIGKILL');
      expect(victim.isGone(), 'the killed worker process is gone').toBe(true);
      kills.push(inFlight);
      replacing.add(index);
      replacements.push(
        s.startWorker(scenario.taskQueue).then((replacement) => {
          workers[index] = replacement;
          replacing.delete(index);
        }),
      );
    }
    await Promise.all(replacements);

    const errors = await driving;
    await scenario.checkFigures(`${kills.length} random SIGKILLs (partner requests in flight: ${kills.join(', ')})`, errors);
    expect(kills.length, 'workers killed').toBeGreaterThanOrEqual(2);
  });
});
