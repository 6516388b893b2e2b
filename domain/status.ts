/**
 * What the `status` query answers, and the programme's own record of itself (plain JSON: it is also
 * the workflow's state). Timestamps are workflow time, ISO 8601 in UTC.
 */
import type { Outcome } from './outcomes.js';
import type { AgeBand, AsylumStatus, ConsentRecord, ConsentScope, Sex } from './programme.js';
import type { CheckpointName, StaffTopic } from './notifications.js';
import type { ContactRecord, OnBehalfOf } from './events.js';
import type { Resolution, ResponseAction } from './commands.js';

/** A partner's contact as the partner gave it: a record, or its own contact id. */
export type Contact = ContactRecord | string;

/** How a partner's answer reached the programme: through the gateway, or recorded by a caseworker. */
export type AnswerSource = { via: 'gateway' } | { via: OnBehalfOf['channel']; recordedBy: string; receivedAt: string };

export const STAGES = ['reflection', 'asylum', 'preparation', 'travel', 'handover', 'follow-up', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_WORDS: Record<Stage, string> = {
  reflection: 'Reflection period',
  asylum: 'Waiting for the asylum decision',
  preparation: 'Preparing the return: referral to a partner',
  travel: 'Planning and confirming travel',
  handover: 'Waiting for the partner to confirm she was received',
  'follow-up': 'Follow-up after return',
  closed: 'Closed',
};

export interface TimelineEntry {
  /** Order of arrival, from 1. */
  seq: number;
  /** Workflow time when the programme recorded it. */
  at: string;
  /** A message name (`referralAnswered`, `planTravel`) or something the programme did (`partnerAsked`). */
  kind: string;
  eventId?: string;
  /** `caseworker:cw-anna`, `partner:ngo-ro-1`, `programme`. */
  by: string;
  result: 'recorded' | 'refused';
  /** Why an event was refused, in words that name the field or the rule. */
  reason?: string;
  /** Codes and dates only. */
  detail?: Record<string, string | number | boolean | string[]>;
}

export type CandidateState = 'waiting' | 'asked' | 'acknowledged' | 'accepted' | 'declined' | 'no-answer' | 'undeliverable' | 'withdrawn';

export interface ReferralCandidate {
  partnerId: string;
  source: 'directory' | 'assigned';
  state: CandidateState;
  askedAt?: string;
  respondBy?: string;
  acknowledgedAt?: string;
  answeredAt?: string;
  /** The partner's key contact and alternate for her, from its acknowledgement. */
  contacts?: { key: Contact; alternate: Contact; source: AnswerSource };
  /** What the partner answered, with its reasons and its view of the risk assessment. */
  answer?: {
    answer: 'accept' | 'decline';
    declineReasons: string[];
    riskFeedback: string | null;
    riskFactors: string[];
    note: string | null;
    source: AnswerSource;
  };
}

export type CheckpointState = 'scheduled' | 'requested' | 'received' | 'missed' | 'stopped';

export interface Checkpoint {
  name: CheckpointName;
  dueAt: string | null;
  reportBy: string | null;
  state: CheckpointState;
  reportedAt?: string;
  concerns?: string[];
  /** What the partner reported: her situation per area, how it knows, what was done, what comes next. */
  report?: FollowUpReport;
}

export interface FollowUpReport {
  /** Per area on the fixed scale (secure … critical, unknown); early reports hold their own form. */
  situation: Record<string, string | boolean>;
  /** The form of `situation`: `areas` (housing … legalStatus), or `early` (housing, income, wellbeing). */
  form: 'areas' | 'early';
  seenInPerson: boolean | null;
  supportReceived: string[];
  nextSteps: string[];
  note: string | null;
  source: AnswerSource;
}

/** Who did something about an escalation or a concern, and when: `supervisor:sup-demo`, `caseworker:cw-anna`. */
export interface Response {
  by: string;
  at: string;
}

export interface Escalation {
  id: number;
  topic: StaffTopic;
  severity: 'escalation' | 'urgent';
  raisedAt: string;
  resolvedAt: string | null;
  /** The supervisor who took it on, when, and what will be done (absent while nobody has). */
  acknowledged?: Response & { action: ResponseAction };
  /** Who resolved it and how; absent when the awaited event came after all and the programme resolved it. */
  resolution?: Response & { resolution: Resolution };
  /** Reminders sent while an urgent escalation stayed unacknowledged. */
  reminders?: number;
}

export interface Concern {
  kind: string;
  at: string;
  by: string;
  eventId?: string;
  correctedAt?: string;
  /** The escalation the concern raised (absent for concerns raised before escalations were numbered on them). */
  escalationId?: number;
  /** What was done about it, in order. */
  actions?: Array<Response & { action: ResponseAction }>;
  resolved?: Response & { resolution: Resolution };
}

/** The reintegration plan refined after the handover: due within the policy window, reminded at half. */
export interface PlanRefinement {
  dueBy: string;
  /** When a plan was recorded after the handover: the refinement. */
  refinedAt: string | null;
}

/** An outside event that would end or skip a phase, recorded and put to the caseworker to confirm. */
export interface EventToConfirm {
  /** The event's entry in the timeline. */
  seq: number;
  kind: 'departureConfirmed' | 'personMissing';
  happenedAt: string;
  by: string;
  confirmBy: string;
  state: 'pending' | 'confirmed' | 'rejected';
  decidedBy?: string;
  decidedAt?: string;
}

/** A recorded event a caseworker found mistaken: kept in the timeline, no longer counted. */
export interface Correction {
  seq: number;
  kind: string;
  by: string;
  at: string;
  reason: string;
}

/** Before a child's referral: the guardian and the best-interests assessment, as recorded. */
export interface ChildSafeguards {
  guardian: { appointedAt: string; appointedBy: string; recordedBy: string } | null;
  bestInterests: { assessedAt: string; conclusion: 'return-in-best-interests' | 'return-against-best-interests'; assessedBy: string } | null;
}

/**
 * A warning nobody else gives: the partner now asked usually answers later than the departure
 * deadline allows, so the caseworker hears it while an extension can still be asked for.
 */
export interface EarlyWarning {
  at: string;
  partnerId: string;
  /** When an answer is to be expected: asked at + the partner's usual time to answer. */
  expectedAnswerBy: string;
  /** Where the usual time came from: the partner's measured answers, or the policy window. */
  basis: 'measured' | 'policy-window';
  departureDeadline: string;
  /** The last moment to ask for the extension (its first deadline), or null when none can be asked or none would reach the answer. */
  askExtensionBy: string | null;
  /** The new deadline to ask for: the expected answer and the usual notice before a deadline, at most the longest allowed. */
  extendUntil?: string | null;
}

export interface Deadline {
  key: string;
  at: string;
  what: string;
}

export interface ProgrammeStatus {
  caseRef: string;
  homeCountry: string;
  caseworkerId: string;
  stage: Stage;
  stageWords: string;
  outcome: Outcome | null;
  openedAt: string;
  closedAt: string | null;
  nextDeadline: Deadline | null;
  deadlines: Deadline[];
  reflection: { startsAt: string; firstDeadline: string; deadline: string; latestPossible: string; extended: boolean };
  departureDeadline: string | null;
  asylum: AsylumStatus;
  /** Sex, age band, child: what she needs, as codes (absent for programmes opened before it was asked). */
  profile?: { sex: Sex | null; ageBand: AgeBand | null; child: boolean };
  /** A child's guardian and best-interests assessment (only for a child). */
  childSafeguards?: ChildSafeguards;
  consent: Record<ConsentScope, (ConsentRecord & { withdrawnAt?: string }) | null>;
  assessment: { version: number; riskLevel: string; needs: string[]; recordedAt: string } | null;
  plan: { version: number; elements: string[]; supportMonths: number; recordedAt: string } | null;
  partner: { id: string; state: CandidateState } | null;
  referral: { candidates: ReferralCandidate[]; exhaustedAt: string | null };
  travel: { date: string; destination: string; escort: boolean; meetingPoint: string } | null;
  departedAt: string | null;
  enforcedReturnReferredAt: string | null;
  missingSince: string | null;
  handover: {
    dueBy: string | null;
    confirmedAt: string | null;
    /** Where and by whom she was received, as the partner confirmed it. */
    where?: string | null;
    receivedBy?: Contact | null;
    source?: AnswerSource;
  };
  checkpoints: Checkpoint[];
  /** After the handover: the plan's refinement, when it is due and when it came (absent before). */
  planRefinement?: PlanRefinement;
  concerns: Concern[];
  /** Events waiting for the caseworker's confirmation, and how each was decided (absent before). */
  eventsToConfirm?: EventToConfirm[];
  /** Events corrected as mistaken (absent before). */
  corrections?: Correction[];
  /** Early warnings given to the caseworker (absent before). */
  earlyWarnings?: EarlyWarning[];
  escalations: Escalation[];
  escalated: boolean;
  duplicatesIgnored: number;
  timeline: TimelineEntry[];
}

/** The workflow result: the closed programme's summary, from which reports are built. */
export type ProgrammeResult = ProgrammeStatus & { outcome: Outcome };

/** The `status` query, declared once: everyone may ask, and it answers a `ProgrammeStatus`. */
export const STATUS_QUERY = { name: 'status', description: 'Stage, deadlines, partner, checkpoints and the timeline.' } as const;
