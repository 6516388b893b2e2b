/**
 * The programme's policy: every window and duration it waits for. Defaults follow Danish practice
 * (see docs/design.md §1). The policy is resolved when a programme opens and travels in its input, so a
 * replay always sees the same numbers and tests can pass seconds instead of days.
 */
import { z } from 'zod';
import { DAY, Duration, HOUR } from './durations.js';

/** The default clock skew an event's date may have: five minutes. */
export const EVENT_CLOCK_SKEW = 5 * 60_000;

export const Policy = z.strictObject({
  /** Reflection period from the victim assessment: 30 days. */
  reflectionPeriod: Duration.default(30 * DAY),
  /** Longest reflection period with extensions, counted from the same start: 120 days. */
  maxReflectionPeriod: Duration.default(120 * DAY),
  /** The caseworker is reminded this long before the departure deadline while she has not left. */
  deadlineReminderBefore: Duration.default(7 * DAY),
  /** After a final asylum rejection, the time to leave when that is later than the reflection deadline. */
  departureWindowAfterRejection: Duration.default(30 * DAY),
  /** How long a partner has to answer a referral; reminded at half-window. */
  referralResponseWindow: Duration.default(14 * DAY),
  /** The caseworker is reminded this long before the planned travel date. */
  travelReminderBefore: Duration.default(2 * DAY),
  /** The receiving partner confirms she was received within this window after the planned arrival. */
  handoverWindow: Duration.default(48 * HOUR),
  /** Follow-up checkpoints, counted from the handover. */
  followUpAt: z
    .strictObject({
      'month-1': Duration.default(30 * DAY),
      'month-3': Duration.default(91 * DAY),
      'month-6': Duration.default(182 * DAY),
      'month-12': Duration.default(365 * DAY),
    })
    .default({ 'month-1': 30 * DAY, 'month-3': 91 * DAY, 'month-6': 182 * DAY, 'month-12': 365 * DAY }),
  /** How long a partner has to send a checkpoint report; reminded at half-window. */
  followUpReportWindow: Duration.default(14 * DAY),
  /** The reintegration plan is refined within this window after the handover; reminded at half-window. */
  planRefinementWindow: Duration.default(30 * DAY),
  /** Missing longer than this before departure closes the programme as absconded. */
  missingClosure: Duration.default(14 * DAY),
  /**
   * How far an event's date may lie ahead of the programme's clock (clocks differ a little); an event
   * dated later, or before the programme opened by more than this, is refused as a mistake.
   */
  eventClockSkew: Duration.default(EVENT_CLOCK_SKEW),
  /** An outside event that would end or skip a phase waits this long for the caseworker to confirm it. */
  eventConfirmationWindow: Duration.default(2 * DAY),
  /** An urgent escalation nobody has acknowledged reminds the supervisors again after this long, until someone acts. */
  urgentReminderInterval: Duration.default(12 * HOUR),
  /** Retries of a notification or partner request: first interval, longest interval, and when to give up. */
  deliveryRetryInitial: Duration.default(30_000),
  deliveryRetryMaximum: Duration.default(HOUR),
  deliveryGiveUpAfter: Duration.default(3 * DAY),
});
export type Policy = z.output<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

/**
 * The demo policy, for demonstrations and training: a day of the standard policy lasts ten seconds
 * (the 30-day reflection period takes five minutes, the year of follow-up an hour). Retries are
 * quick too, so a stopped mail sink shows its effect within minutes. `open --policy demo`.
 */
export const DEMO_POLICY: PolicyInput = {
  reflectionPeriod: '5m',
  maxReflectionPeriod: '20m',
  deadlineReminderBefore: '1m10s',
  departureWindowAfterRejection: '5m',
  referralResponseWindow: '2m20s',
  travelReminderBefore: '20s',
  handoverWindow: '20s',
  followUpAt: { 'month-1': '5m', 'month-3': '15m10s', 'month-6': '30m20s', 'month-12': '1h50s' },
  followUpReportWindow: '2m20s',
  planRefinementWindow: '5m',
  missingClosure: '2m20s',
  urgentReminderInterval: '5s',
  deliveryRetryInitial: '2s',
  deliveryRetryMaximum: '30s',
  deliveryGiveUpAfter: '5m',
};

/** The policies `open --policy <name>` offers; a case file's `policy:` block overrides single values. */
export const NAMED_POLICIES: Record<'standard' | 'demo', PolicyInput> = { standard: {}, demo: DEMO_POLICY };
