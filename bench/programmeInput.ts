/**
 * A programme as the benchmark opens it: the tests' short policy (follow-up checkpoints seconds after
 * the handover), with the reflection period and the departure deadline days away instead of an hour,
 * so a parked programme stays idle, no reminder or deadline firing, for as long as the benchmark lasts.
 */
import { shortPolicy } from '../dev/shortPolicy.js';
import type { ProgrammeInput } from '../domain/programme.js';
import { CASEWORKER_ID } from './stack.js';

const BENCH_POLICY = shortPolicy({ reflectionPeriod: '1d', maxReflectionPeriod: '4d', deadlineReminderBefore: '1h', departureWindowAfterRejection: '1d' });

export function programmeInput(caseRef: string): ProgrammeInput {
  const now = new Date().toISOString();
  const consent = { at: now, source: 'in-person' as const, recordedBy: CASEWORKER_ID };
  return {
    caseRef,
    homeCountry: 'RO',
    caseworkerId: CASEWORKER_ID,
    victimAssessment: { decidedBy: CASEWORKER_ID, decidedAt: now },
    consent: { participation: consent, sharing: consent, followUp: consent },
    language: 'en',
    policy: BENCH_POLICY,
  };
}

const issued = new Map<string, number>();

/**
 * Case references unique within a run: `<prefix>-2026-<n>` (the format allows six digits). A prefix
 * asked for again (the same measurement for another worker) goes on counting where it left off.
 */
export function caseRefs(prefix: string): () => string {
  return () => {
    const n = (issued.get(prefix) ?? 0) + 1;
    issued.set(prefix, n);
    return `${prefix}-2026-${String(n).padStart(6, '0')}`;
  };
}
