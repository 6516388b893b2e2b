/**
 * Each partner's usual time to answer a referral, from the ledger's `referral-asked` (delivered) and
 * `referral-answered` records of the same case: the median of the time between them.
 */
import type { UsualAnswerTime } from '../domain/ledger/answerTimes.js';
import type { Database } from './database.js';

export async function usualAnswerTimes(db: Database, partnerIds: string[]): Promise<Record<string, UsualAnswerTime>> {
  const { rows } = await db.pool.query<{ partner: string; usual_ms: number; answers: string }>(
    `SELECT asked.partner,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY answered.since_opened_ms - asked.since_opened_ms) AS usual_ms,
            count(*) AS answers
       FROM ledger asked
       JOIN ledger answered
         ON answered.case_pseudonym = asked.case_pseudonym
        AND answered.partner = asked.partner
        AND answered.milestone = 'referral-answered'
        AND answered.since_opened_ms >= asked.since_opened_ms
      WHERE asked.milestone = 'referral-asked' AND asked.code = 'delivered' AND asked.partner = ANY($1)
      GROUP BY asked.partner`,
    [partnerIds],
  );
  return Object.fromEntries(rows.map((r) => [r.partner, { usualMs: Math.round(Number(r.usual_ms)), answers: Number(r.answers) }]));
}
