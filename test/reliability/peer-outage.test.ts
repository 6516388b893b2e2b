/**
 * Scenario 3: the SMTP server goes away for a minute (connections refused), then refuses mail with
 * 451 for a while; the partners' API answers 503, then does not answer at all. Activities retry with
 * the same Message-ID and Idempotency-Key; when the peers are back, every notification arrives
 * exactly once.
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../dev/childProcess.js';
import { useScenario } from './support/scenario.js';
import { refusesConnections } from './support/temporalServer.js';

const scenario = useScenario('3-smtp-partner-outage');

describe('the mail server and the partners\' API failing for a while', () => {
  it('delivers every notification once when they are back', async () => {
    const s = await scenario.begin({ queue: 'peers', programmes: 12, budgetMs: 240_000 });

    await s.smtp.stop();
    const smtpDown = Date.now();
    expect(await refusesConnections(s.smtp.port), 'the SMTP port refuses connections').toBe(true);
    s.partners.outage = { status: 503 };

    const driving = scenario.drive();

    await sleep(12_000);
    s.partners.outage = { hang: true };
    await sleep(10_000);
    s.partners.outage = undefined;
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
    const answered = (answer: number | 'hang') => s.partners.requests.filter((r) => r.answer === answer).length;
    expect(answered(503), 'partner requests answered 503').toBeGreaterThan(0);
    expect(answered('hang'), 'partner requests left unanswered').toBeGreaterThan(0);
    expect(refusals, 'mail refused with 451').toBeGreaterThan(0);
    await scenario.checkFigures(`SMTP down ${downSeconds} s then 451 for 6 s (${refusals} refused); partner API 503 (${answered(503)}) then hanging (${answered('hang')})`, errors);
  });
});
