/**
 * The programme's public contract: signal, update and query definitions (DESIGN.md §2, "Messages").
 * They live at module top level so the worker, the caseworker client and the partner gateway use the
 * very same objects; the payload schemas are in `domain/`.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AssignPartner,
  Cancel,
  ExtendReflection,
  PlanTravel,
  RecordAssessment,
  RecordConsent,
  RecordPlan,
} from '../domain/commands.js';
import type {
  AsylumApplied,
  AsylumDecision,
  CaseReopened,
  ConcernRaised,
  ConsentWithdrawn,
  DepartureConfirmed,
  FollowUpReported,
  HandoverConfirmed,
  PersonMissing,
  ReferralAcknowledged,
  ReferralAnswered,
} from '../domain/events.js';
import type { Outcome } from '../domain/outcomes.js';
import type { ProgrammeStatus } from '../domain/status.js';

// Authority data, entered by the caseworker.
export const asylumAppliedSignal = defineSignal<[AsylumApplied]>('asylumApplied');
export const asylumDecisionSignal = defineSignal<[AsylumDecision]>('asylumDecision');
export const caseReopenedSignal = defineSignal<[CaseReopened]>('caseReopened');

// Partner events, through the gateway.
export const referralAcknowledgedSignal = defineSignal<[ReferralAcknowledged]>('referralAcknowledged');
export const referralAnsweredSignal = defineSignal<[ReferralAnswered]>('referralAnswered');
export const handoverConfirmedSignal = defineSignal<[HandoverConfirmed]>('handoverConfirmed');
export const followUpReportedSignal = defineSignal<[FollowUpReported]>('followUpReported');
export const concernRaisedSignal = defineSignal<[ConcernRaised]>('concernRaised');

// From the caseworker client or the gateway.
export const departureConfirmedSignal = defineSignal<[DepartureConfirmed]>('departureConfirmed');
export const personMissingSignal = defineSignal<[PersonMissing]>('personMissing');
export const consentWithdrawnSignal = defineSignal<[ConsentWithdrawn]>('consentWithdrawn');

// Caseworker commands: validated, answered at once.
export const extendReflectionUpdate = defineUpdate<{ deadline: string }, [ExtendReflection]>('extendReflection');
export const recordAssessmentUpdate = defineUpdate<{ version: number }, [RecordAssessment]>('recordAssessment');
export const recordPlanUpdate = defineUpdate<{ version: number }, [RecordPlan]>('recordPlan');
export const recordConsentUpdate = defineUpdate<{ scope: string; at: string }, [RecordConsent]>('recordConsent');
export const assignPartnerUpdate = defineUpdate<{ partnerId: string }, [AssignPartner]>('assignPartner');
export const planTravelUpdate = defineUpdate<{ date: string; departureDeadline: string | null }, [PlanTravel]>('planTravel');
export const cancelUpdate = defineUpdate<{ outcome: Outcome }, [Cancel]>('cancel');

export const statusQuery = defineQuery<ProgrammeStatus>('status');

/** Signal names by the gateway's event types and the client's commands. */
export const signalsByName = {
  asylumApplied: asylumAppliedSignal,
  asylumDecision: asylumDecisionSignal,
  caseReopened: caseReopenedSignal,
  referralAcknowledged: referralAcknowledgedSignal,
  referralAnswered: referralAnsweredSignal,
  handoverConfirmed: handoverConfirmedSignal,
  followUpReported: followUpReportedSignal,
  concernRaised: concernRaisedSignal,
  departureConfirmed: departureConfirmedSignal,
  personMissing: personMissingSignal,
  consentWithdrawn: consentWithdrawnSignal,
} as const;
