/** The timeline in words: English from the client's own wording, Danish here. Unknown kinds show as they are. */
import { eventWords } from '../../client/format/events.js';
import type { Language } from '../i18n.js';

const DA: Record<string, string> = {
  asylumApplied: 'Asyl søgt',
  asylumDecision: 'Asylafgørelse',
  caseReopened: 'Asylsag genoptaget',
  referralAcknowledged: 'Partneren kvitterede for henvisningen',
  referralAnswered: 'Partneren svarede på henvisningen',
  handoverConfirmed: 'Partneren bekræftede modtagelsen',
  followUpReported: 'Opfølgningsrapport',
  concernRaised: 'Bekymring rejst',
  departureConfirmed: 'Afrejse bekræftet',
  personMissing: 'Savnet / fundet',
  consentWithdrawn: 'Samtykke trukket tilbage',
  extendReflection: 'Refleksionsperiode forlænget',
  recordAssessment: 'Vurdering registreret',
  recordPlan: 'Reintegrationsplan registreret',
  recordConsent: 'Samtykke registreret',
  assignPartner: 'Partner tildelt manuelt',
  planTravel: 'Rejse planlagt',
  reassignProgramme: 'Forløbet givet til en anden sagsbehandler',
  acknowledgeEscalation: 'Eskalering kvitteret',
  resolveEscalation: 'Eskalering løst af en supervisor',
  recordConcernAction: 'Handling på en bekymring registreret',
  resolveConcern: 'Bekymring afsluttet',
  cancel: 'Forløb annulleret',
  opened: 'Forløb oprettet',
  stageEntered: 'Ny fase',
  partnersFound: 'Partnere fundet i landet',
  partnerContacted: 'Partner kontaktet',
  partnerUnreachable: 'Partneren kunne ikke nås',
  referralWaitsForConsent: 'Henvisningen venter på samtykke til deling',
  referralUnanswered: 'Partneren svarede ikke i tide',
  travelPlanSuspended: 'Rejseplan sat i bero',
  departed: 'Rejst',
  enforcedReturnReferral: 'Henvist til tvangsmæssig udsendelse',
  checkpointMissed: 'Opfølgningsrapport udeblev',
  followUpStopped: 'Opfølgning stoppet',
  escalated: 'Eskaleret',
  escalationResolved: 'Eskalering løst',
  escalationReminded: 'Supervisorer mindet om en eskalering uden kvittering',
  planNotRefined: 'Planen blev ikke justeret i tide',
  staffNotified: 'Medarbejdere underrettet',
  staffNotificationFailed: 'Underretning af medarbejdere mislykkedes',
  endedEarly: 'Afsluttet før tid',
};

export function timelineWords(lang: Language, kind: string): string {
  return lang === 'da' ? (DA[kind] ?? eventWords(kind)) : eventWords(kind);
}
