/**
 * A partner's usual time to answer a referral, measured in the ledger on a database of its own:
 * the median from a delivered request to the answer of the same case (silence counted at the
 * window's end); requests that never arrived and other partners' answers do not count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../dev/scratchDatabase.js';
import { createAnswerTimeActivities } from '../../activities/answerTimes.js';
import { openDatabase, type Database } from '../../store/database.js';
import { appendLedgerRecord, type NewLedgerRecord } from '../../store/ledger.js';
import { recordKey } from '../../store/pseudonym.js';

let scratch: ScratchDatabase;
let db: Database;
const key = 'k'.repeat(40);
const HOUR = 3_600_000;
let n = 0;

function record(casePseudonym: string, partner: string, milestone: 'referral-asked' | 'referral-answered', code: string, sinceOpenedMs: number): NewLedgerRecord {
  n += 1;
  return { key: recordKey(key, 'wf', 'run', String(n)), casePseudonym, homeCountry: 'RO', partner, month: '2026-03', sex: null, ageBand: null, milestone, code, severity: null, outcome: null, sinceOpenedMs };
}

async function referral(casePseudonym: string, partner: string, askedAt: number, answer: { code: string; after: number } | null, delivered = true): Promise<void> {
  await appendLedgerRecord(db, record(casePseudonym, partner, 'referral-asked', delivered ? 'delivered' : 'undeliverable', askedAt));
  if (answer) await appendLedgerRecord(db, record(casePseudonym, partner, 'referral-answered', answer.code, askedAt + answer.after));
}

beforeAll(async () => {
  scratch = await createScratchDatabase('pr_answers');
  db = openDatabase({ url: scratch.url, poolMax: 4 });
});
afterAll(async () => {
  await db?.close();
  await scratch?.drop();
});

describe("a partner's usual time to answer", () => {
  it('is the median over delivered referrals, silence counted, per partner', async () => {
    await referral('a'.repeat(32), 'ro-harbour-house', 5 * HOUR, { code: 'accept', after: 2 * HOUR });
    await referral('b'.repeat(32), 'ro-harbour-house', 1 * HOUR, { code: 'decline', after: 6 * HOUR });
    await referral('c'.repeat(32), 'ro-harbour-house', 0, { code: 'no-answer', after: 14 * 24 * HOUR });
    await referral('d'.repeat(32), 'ro-harbour-house', 0, { code: 'accept', after: 4 * HOUR });
    // Never arrived: no measure of the partner.
    await referral('e'.repeat(32), 'ro-harbour-house', 0, { code: 'no-answer', after: 1000 * HOUR }, false);
    // Asked again in the same case (assigned by hand after a silence): two pairs, each with its own answer.
    await referral('f'.repeat(32), 'ro-harbour-house', 0, { code: 'no-answer', after: 14 * 24 * HOUR });
    await referral('f'.repeat(32), 'ro-harbour-house', 15 * 24 * HOUR, { code: 'accept', after: 1 * HOUR });
    // Another partner in a case this partner was also asked in.
    await referral('a'.repeat(32), 'ro-second', 8 * HOUR, { code: 'accept', after: 30 * HOUR });

    const activities = createAnswerTimeActivities({ db, pseudonymKey: key });
    const times = await activities.usualAnswerTimes({ partnerIds: ['ro-harbour-house', 'ro-second', 'ro-never-asked'] });
    expect(times).toEqual({
      // 1h, 2h, 4h, 6h, 14d, 14d: the median of six.
      'ro-harbour-house': { usualMs: 5 * HOUR, answers: 6 },
      'ro-second': { usualMs: 30 * HOUR, answers: 1 },
    });
  });

  it('refuses input that names no partner', async () => {
    const activities = createAnswerTimeActivities({ db, pseudonymKey: key });
    await expect(activities.usualAnswerTimes({ partnerIds: [] })).rejects.toThrow(/partnerIds/);
  });
});
