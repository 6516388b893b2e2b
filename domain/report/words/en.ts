/** The report in English: the words the centre has always published it with. */
import { Resolution } from '../../commands.js';
import { DeclineReason } from '../../ledger/record.js';
import { Outcome } from '../../outcomes.js';
import type { ReportWords, TableWords } from './catalogue.js';

/** Outcome and decline reason codes head their columns as they are, in every language. */
const codes = (all: readonly string[]) => Object.fromEntries(all.map((c) => [c, c]));

const durations = (what: string) => ({ median: `median ${what}`, q1: 'lower quartile', q3: 'upper quartile' });

const followUpColumns = {
  reached: 'checkpoints reached',
  received: 'report received',
  missed: 'report missed',
  completion: 'completion',
  stopped: 'stopped (no consent)',
  pending: 'waiting for the report',
};

const situation = (months: number): TableWords => ({
  title: `Her situation at ${months} months, by area`,
  description: `What the receiving partner's report at ${months} months said of each area: secure (no need), adequate (needs met with support), fragile (needs partly met), critical (acute need or danger), unknown (not assessed this time). Every report counts once in each area. Not recorded: a report in the earlier form (housing, income, wellbeing), or one the ledger recorded under counting rule 2026.1, before it kept the situation.`,
  columns: {
    reports: 'reports received',
    secure: 'secure',
    adequate: 'adequate',
    fragile: 'fragile',
    critical: 'critical',
    unknown: 'unknown (not assessed)',
    notRecorded: 'not recorded',
  },
});

const RESOLUTION_WORDS: Record<Resolution, string> = {
  'she-is-safe': 'she is safe',
  'risk-reduced': 'risk reduced',
  unfounded: 'unfounded',
  'handed-to-authority': 'handed to an authority',
  'no-longer-relevant': 'no longer relevant',
  other: 'other',
};

export const en: ReportWords = {
  title: (label) => `Prepared return: status report ${label}`,
  period: (p) =>
    `Programmes opened in ${p.label} (from ${p.from.slice(0, 10)} up to, not including, ${p.to.slice(0, 10)}). Made ${p.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`,
  headings: { keyFigures: 'Key figures', charts: 'Charts', notes: 'About these figures', none: '(none)' },
  groups: {
    overall: 'All programmes',
    country: 'By home country',
    partner: 'By partner organisation',
    sex: 'By sex',
    ageBand: 'By age band',
    checkpoint: 'By checkpoint',
    area: 'By area',
  },
  rows: {
    overall: 'All programmes',
    overallDeclined: 'All declined offers',
    noPartner: 'no partner accepted',
    sex: {},
    ageBand: {},
    checkpoint: { 'month-1': '1 month', 'month-3': '3 months', 'month-6': '6 months', 'month-12': '12 months' },
    area: { housing: 'housing', livelihood: 'livelihood', health: 'health', safety: 'safety', family: 'family', legalStatus: 'legal status' },
  },
  tables: {
    outcomes: {
      title: 'Programmes opened, by outcome',
      description: 'Programmes opened in the period and how they ended; "still open" programmes have not ended yet.',
      columns: { opened: 'opened', ...codes(Outcome.options), open: 'still open' },
    },
    uptake: {
      title: 'Offers taken up, declined or dropped',
      description:
        'Taken up: she travelled home within the programme. Declined: she withdrew before departure. Dropped: missing or closed by a caseworker before departure.',
      columns: {
        opened: 'opened',
        takenUp: 'taken up (departed)',
        declined: 'declined',
        dropped: 'dropped',
        residenceGranted: 'residence granted',
        notYetDeparted: 'not yet departed',
      },
    },
    departure: {
      title: 'Time from opening to departure',
      description: 'From the opening of the programme (the wish to return) to the confirmed departure (the actual return).',
      columns: {
        departed: 'departed',
        under30: 'under 30 days',
        days30to59: '30–59 days',
        days60to89: '60–89 days',
        days90to119: '90–119 days',
        days120plus: '120 days or more',
        ...durations('time to departure'),
      },
    },
    referrals: {
      title: 'Referrals to partner organisations',
      description: 'Every partner asked to receive her counts once; by partner, the partner asked. Response time: from the request to the answer.',
      columns: {
        asked: 'partners asked',
        accepted: 'accepted',
        declined: 'declined',
        noAnswer: 'no answer in time',
        other: 'other (waiting, undeliverable, withdrawn)',
        acceptanceRate: 'acceptance rate',
        ...durations('response time'),
      },
    },
    handover: {
      title: 'Handover on arrival',
      description: 'Whether the receiving partner confirmed that she was received within the handover window.',
      columns: {
        departed: 'departed',
        inWindow: 'confirmed within the window',
        late: 'confirmed late',
        notConfirmed: 'not confirmed',
        inWindowRate: 'within the window',
      },
    },
    followUpByCheckpoint: {
      title: 'Follow-up by checkpoint',
      description: 'Reports at 1, 3, 6 and 12 months after the handover. Completion: reports received of checkpoints reached (received or missed).',
      columns: followUpColumns,
    },
    followUp: {
      title: 'Follow-up, all checkpoints',
      description: 'The four checkpoints together, overall, by home country and by partner.',
      columns: followUpColumns,
    },
    situationMonth6: situation(6),
    situationMonth12: situation(12),
    safety: {
      title: 'Concerns, escalations and consent',
      description:
        'Concerns: threats, contact from traffickers or creditors, lost contact, suspected re-trafficking. Escalations: deadlines missed and alerts to supervisors; open time until resolved. Consent withdrawals by scope.',
      columns: {
        concerns: 'concerns raised',
        programmesWithConcern: 'programmes with a concern',
        escalations: 'escalations',
        resolved: 'resolved',
        unresolved: 'never resolved',
        urgent: 'urgent',
        ...durations('time open'),
        withdrewParticipation: 'withdrew participation',
        withdrewSharing: 'withdrew sharing',
        withdrewFollowUp: 'withdrew follow-up',
      },
    },
    concerns: {
      title: 'Concerns and how they ended',
      description:
        'Every concern raised in the programmes, how it was resolved (a concern and the urgent escalation it raised end together), and those not resolved when the report was made. Resolved, how not recorded: resolved before the ledger recorded how (counting rule 2026.1), or closed with the others when every concern of the programme was resolved or corrected. Open at period end: raised by the end of the period and not resolved by then, counted by month as the ledger keeps them.',
      columns: {
        raised: 'concerns raised',
        resolved: 'resolved',
        ...RESOLUTION_WORDS,
        resolutionNotRecorded: 'resolved, how not recorded',
        open: 'not resolved',
        openAtPeriodEnd: 'open at period end',
      },
    },
    escalationResponses: {
      title: 'Escalations acknowledged and resolved',
      description:
        'Whether a supervisor acknowledged each escalation (took it on and said what will be done), how long that took from the escalation, and who resolved it: staff (a supervisor, or the caseworker resolving its concern) or the programme itself, when what it waited for came after all. Acknowledgement not recorded: raised under counting rule 2026.1, before the ledger recorded acknowledgements.',
      columns: {
        escalations: 'escalations',
        acknowledged: 'acknowledged by a supervisor',
        notAcknowledged: 'not acknowledged',
        acknowledgementNotRecorded: 'acknowledgement not recorded',
        median: 'median time to acknowledgement',
        p90: '90th percentile',
        resolvedByStaff: 'resolved by staff',
        resolvedByProgramme: 'resolved by the programme',
        unresolved: 'never resolved',
      },
    },
    offersDeclined: {
      title: 'Offers declined without a programme',
      description: 'Identified victims who were offered a prepared return and declined it before any programme opened, by the reason she gave.',
      columns: { declined: 'declined', ...codes(DeclineReason.options) },
    },
  },
  keyFigures: {
    opened: 'Programmes opened',
    takenUp: 'Offers taken up (departed)',
    declined: 'Declined before departure',
    residenceGranted: 'Residence granted',
    absconded: 'Absconded',
    medianToDeparture: 'Median time from opening to departure',
    acceptanceRate: 'Referral acceptance rate',
    medianResponse: 'Median partner response time',
    handoverInWindow: 'Handovers confirmed within the window',
    followUpAt12: 'Follow-up completion at 12 months',
    concernsRaised: 'Concerns raised',
    concernsResolved: 'Concerns resolved',
    escalations: 'Escalations',
    medianToAcknowledgement: 'Median time until a supervisor acknowledged an escalation',
    medianEscalationOpen: 'Median time an escalation stayed open',
    followUpConsentWithdrawn: 'Consent to follow-up withdrawn',
    offersDeclined: 'Offers declined without a programme',
  },
  charts: {
    outcomes: 'Outcomes of the programmes opened',
    departure: 'Time from opening to departure',
    'follow-up': 'Follow-up completion by checkpoint',
    countries: 'Programmes opened by home country',
  },
  notes: (n) => [
    `Small numbers are suppressed so that no person can be identified: a count under ${n.threshold} (including zero) is shown as "${n.primary}", a count hidden so that such a number cannot be worked out from a total as "${n.secondary}", a rate whose counts are hidden as "${n.secondary}", and a median, quartile or percentile of fewer than ${n.minSample} durations as "${n.tooFew}" (with fewer, they would together give back the durations of single programmes).`,
    'Programmes are counted in the month they were opened in, from the evaluation ledger, which keeps every programme after Temporal has deleted it; open programmes as they stand when the report was made.',
    'The report holds counts, rates and durations only: no case reference, name or other personal data.',
  ],
  duration(ms) {
    const units: Array<[number, string]> = [
      [86_400_000, 'days'],
      [3_600_000, 'hours'],
      [60_000, 'minutes'],
    ];
    for (const [size, name] of units) if (ms >= size) return `${(ms / size).toFixed(1)} ${name}`;
    const seconds = Math.round(ms / 1000);
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  },
};
