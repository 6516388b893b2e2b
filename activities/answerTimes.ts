/** The partners' usual time to answer, for the programme's early warning (read from the ledger). */
import { z } from 'zod';
import type { AnswerTimeActivities } from '../domain/ledger/answerTimes.js';
import { PartnerId } from '../domain/notifications.js';
import { describeProblems } from '../domain/validation.js';
import { usualAnswerTimes } from '../store/answerTimes.js';
import type { Store } from '../store/store.js';
import { FailureType, permanentFailure } from './failures.js';

const Input = z.strictObject({ partnerIds: z.array(PartnerId).min(1).max(50) });

export function createAnswerTimeActivities(store: Store): AnswerTimeActivities {
  return {
    async usualAnswerTimes(raw) {
      const parsed = Input.safeParse(raw);
      if (!parsed.success) throw permanentFailure(FailureType.InvalidInput, `usualAnswerTimes: the input is not valid:\n${describeProblems(parsed.error)}`);
      return usualAnswerTimes(store.db, parsed.data.partnerIds);
    },
  };
}
