/**
 * A programme as the benchmark opens it: the tests' short policy (follow-up checkpoints seconds after
 * the handover) with every other window far beyond the run, so no reminder or escalation fires by
 * accident and a parked programme stays idle for as long as the benchmark lasts.
 */
import type { PolicyInput } from '../domain/policy.js';
import type { ProgrammeInput } from '../domain/programme.js';
import { CASEWORKER_ID } from './stack.js';

export const BENCH_POLICY: PolicyInput = {
  reflectionPeriod: '1d',
  maxReflectionPeriod: '4d',
  deadlineReminderBefore: '1h',
  departureWindowAfterRejection: '1d',
  referralResponseWindow: '1h',
  travelReminderBefore: '1m',
  handoverWindow: '1h',
  followUpAt: { 'month-1': '1s', 'month-3': '2s', 'month-6': '3s', 'month-12': '4s' },
  followUpReportWindow: '1h',
  missingClosure: '1h',
  deliveryRetryInitial: '500ms',
  deliveryRetryMaximum: '2s',
  deliveryGiveUpAfter: '2m',
};

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

/** Case references unique within a run: `<prefix>-2026-<n>` (the format allows six digits). */
export function caseRefs(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-2026-${String(++n).padStart(6, '0')}`;
}
