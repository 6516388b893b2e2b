/**
 * Scenario 3: the SMTP server goes away for a minute (connections refused), then refuses mail with
 * 451 for a while; the partners' API answers 503, then does not answer at all. Activities retry with
 * the same Message-ID and Idempotency-Key; when the peers are back, every notification arrives
 * exactly once.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { SignalChannel } from './support/eventChannels.js';
import { checkFigures, newRuns, settle, taskQueueFor, useStack } from './support/scenario.js';
import { refusesConnections } from './support/temporalServer.js';

const SCENARIO = '3-smtp-partner-outage';
const stack = useStack(SCENARIO);

describe('the mail server and the partners\' API failing for a while', () => {
  it('delivers every notification once when they are back', async () => {
    const s = stack();
    const startedAt = Date.now();
    const taskQueue = taskQueueFor('peers');
    await s.startWorker(taskQueue);
    const runs = newRuns(s, taskQueue, 12, 240_000);
    const channel = new SignalChannel();

    await s.smtp.stop();
    const smtpDown = Date.now();
    expect(await refusesConnections(s.smtp.port), 'the SMTP port refuses connections').toBe(true);
    s.partners.mode = 'error-5xx';

    const driving = settle(runs, async (run) => {
      await run.open();
      await run.runToTheEnd(channel);
    });

    await sleep(12_000);
    s.partners.mode = 'hang';
    await sleep(10_000);
    s.partners.mode = 'ok';
    // The mail server stays away for a minute in all.
    await sleep(60_000 - (Date.now() - smtpDown));
    let refusals = 0;
    s.smtp.verdict = () => {
      refusals += 1;
      return { code: 451, message: 'Try again later' };
    };
    await s.smtp.start();
    const downSeconds = Math.round((Date.now() - smtpDown) / 1000);
    await sleep(6_000);
    s.smtp.verdict = undefined;

    const errors = await driving;
    const failed = (mode: string) => s.partners.requests.filter((r) => r.answer === mode).length;
    expect(failed('error-5xx'), 'partner requests answered 503').toBeGreaterThan(0);
    expect(failed('hang'), 'partner requests left unanswered').toBeGreaterThan(0);
    expect(refusals, 'mail refused with 451').toBeGreaterThan(0);
    await checkFigures(
      s,
      SCENARIO,
      `SMTP down ${downSeconds} s then 451 for 6 s (${refusals} refused); partner API 503 (${failed('error-5xx')}) then hanging (${failed('hang')})`,
      runs,
      startedAt,
      errors,
    );
  });
});
