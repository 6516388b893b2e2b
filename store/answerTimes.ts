/**
 * Each partner's usual time to answer a referral, from the ledger's `referral-asked` (delivered) and
 * `referral-answered` records of the same case: the median of the time between them. An answer a
 * caseworker recorded on the partner's behalf counts from when it was recorded (the ledger keeps
 * the programme's time), which may be a little later than when it reached the centre.
 */
import type { UsualAnswerTime } from '../domain/ledger/answerTimes.js';
import type { Database } from './database.js';

export async function usualAnswerTimes(db: Database, partnerIds: string[]): Promise<Record<string, UsualAnswerTime>> {
  // Each delivered request with the first answer of that partner in that programme after it (a
  // partner asked twice is two pairs, never four); a case has one programme, so one opening.
  const { rows } = await db.pool.query<{ partner: string; usual_ms: number; answers: string }>(
    `SELECT asked.partner,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY answered.since_opened_ms - asked.since_opened_ms) AS usual_ms,
            count(*) AS answers
       FROM ledger asked
       CROSS JOIN LATERAL (
             SELECT a.since_opened_ms FROM ledger a
              WHERE a.case_pseudonym = asked.case_pseudonym
                AND a.partner = asked.partner
                AND a.milestone = 'referral-answered'
                AND a.since_opened_ms >= asked.since_opened_ms
              ORDER BY a.since_opened_ms
              LIMIT 1) answered
      WHERE asked.milestone = 'referral-asked' AND asked.code = 'delivered' AND asked.partner = ANY($1)
      GROUP BY asked.partner`,
    [partnerIds],
  );
  return Object.fromEntries(rows.map((r) => [r.partner, { usualMs: Math.round(Number(r.usual_ms)), answers: Number(r.answers) }]));
}
