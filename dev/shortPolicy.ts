/**
 * The short policy the tests and the benchmark open programmes with: the follow-up checkpoints come
 * seconds after the handover and a failed delivery is retried within seconds, while every other
 * window lasts an hour (the reflection period two, so a partner asked at once is expected to answer
 * in time and no early warning is given), so nothing times out unless a test shortens the window it
 * exercises.
 */
import type { PolicyInput } from '../domain/policy.js';

export function shortPolicy(overrides: PolicyInput = {}): PolicyInput {
  return {
    reflectionPeriod: '2h',
    maxReflectionPeriod: '8h',
    deadlineReminderBefore: '10m',
    departureWindowAfterRejection: '1h',
    referralResponseWindow: '1h',
    travelReminderBefore: '1m',
    handoverWindow: '1h',
    followUpAt: { 'month-1': '1s', 'month-3': '2s', 'month-6': '3s', 'month-12': '4s' },
    followUpReportWindow: '1h',
    planRefinementWindow: '1h',
    missingClosure: '1h',
    urgentReminderInterval: '1h',
    deliveryRetryInitial: '500ms',
    deliveryRetryMaximum: '2s',
    deliveryGiveUpAfter: '2m',
    ...overrides,
  };
}
