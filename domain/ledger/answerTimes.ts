/**
 * How long a partner usually takes to answer a referral, measured in the evaluation ledger: from the
 * request's delivery to the answer (accept, decline, or silence until the window closed). The early
 * warning compares it with the time left before the departure deadline.
 */

/** Fewer answers than this are no measure: the programme uses the policy's response window instead. */
export const MEASURED_AFTER_ANSWERS = 3;

export interface UsualAnswerTime {
  /** The median time to an answer, in milliseconds. */
  usualMs: number;
  /** How many referrals it was measured over. */
  answers: number;
}

/** The workflow's view of the activity. */
export interface AnswerTimeActivities {
  /** Each partner's usual time to answer, for the partners that have answered in the ledger. */
  usualAnswerTimes(input: { partnerIds: string[] }): Promise<Record<string, UsualAnswerTime>>;
}
