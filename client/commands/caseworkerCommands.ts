/**
 * The caseworker's commands, one declaration each: the programme answers at once, yes or no with
 * the reason. Each sends the command of the same name in the catalogue (domain/commands.ts).
 */
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors.js';
import { registerPlainUpdate, registerUpdate, type FlagField } from './update.js';
import type { DateKind } from '../input/dates.js';

/** A concern by its number in the status. */
const concernFlag: FlagField = { flag: '--concern <n>', field: 'concern', description: "the concern's number (see `prepared-return status <case>`)", required: true, number: true };
const whenFlag = async (flag: string, text: string, kind?: DateKind): Promise<string> => (await import('../input/dates.js')).whenFlag(flag, text, kind);

export function registerCaseworkerCommands(program: Command): void {
  registerUpdate<'extendReflection', { by?: string; until?: string }>(program, {
    update: 'extendReflection',
    description: 'Extend the reflection period: asked before day 30, at most 120 days in total.',
    flags: (c) =>
      c.option('--by <duration>', 'extend the current deadline by a duration, e.g. 30d').option('--until <date>', 'the new deadline, e.g. 2027-03-01'),
    fields: (options) => ({ until: options.by !== undefined ? '--by' : '--until', by: '--caseworker' }),
    payload: async (options, { session, caseRef, by }) => {
      if ((options.by === undefined) === (options.until === undefined)) {
        throw new CliError('extend-reflection: give either --by <duration> (e.g. 30d) or --until <date> (e.g. 2027-03-01)', EXIT.usage);
      }
      const [{ parseDuration, addMs }, programme] = await Promise.all([import('../../domain/durations.js'), import('../programme.js')]);
      const caseworker = await by();
      if (options.by === undefined) return { by: caseworker, until: await whenFlag('--until', options.until!, 'planned') };
      const ms = parseDuration(options.by);
      if (ms === undefined) throw new CliError('--by: expected a duration such as 30d, 2w or 48h', EXIT.usage);
      programme.checkCaseRef(caseRef);
      const status = await programme.readStatus(session, caseRef);
      return { by: caseworker, until: addMs(status.reflection.deadline, ms) };
    },
    done: ({ caseRef, result, when }) => `Reflection period for ${caseRef} extended until ${when(result.deadline)}.`,
    examples: ['prepared-return extend-reflection CMM-2026-0042 --by 30d', 'prepared-return extend-reflection CMM-2026-0042 --until 2027-03-01'],
  });

  registerPlainUpdate(program, {
    update: 'recordAssessment',
    description: 'Record the risk and needs assessment (a new version each time). With consent to share, referral starts.',
    options: [
      { flag: '--risk <level>', field: 'riskLevel', description: 'low, medium or high', required: true },
      { flag: '--needs <list>', field: 'needs', description: 'comma-separated: housing, medical, psychological, legal, education, employment, childcare, family-tracing, protection, cash-support', required: true, list: true },
    ],
    done: ({ caseRef, result, payload }) => `Assessment v${result.version} recorded for ${caseRef}: risk ${payload.riskLevel}, needs ${payload.needs.join(', ')}.`,
    examples: ['prepared-return record-assessment CMM-2026-0042 --risk medium --needs housing,medical,psychological'],
  });

  registerUpdate<'recordConsent', { scope: string; source: string; at?: string }>(program, {
    update: 'recordConsent',
    description: 'Record a consent she gave after opening: sharing (needed before any referral) or follow-up (needed for checkpoints).',
    flags: (c) =>
      c
        .requiredOption('--scope <scope>', 'sharing or follow-up')
        .option('--source <source>', 'how she gave it: in-person, interpreter, written or legal-representative', 'in-person')
        .option('--at <date>', 'when she gave it (default: now)'),
    fields: { scope: '--scope', 'consent.source': '--source', 'consent.at': '--at', 'consent.recordedBy': '--caseworker' },
    payload: async (options, { by }) => {
      const at = options.at === undefined ? new Date().toISOString() : await whenFlag('--at', options.at);
      return { scope: options.scope, consent: { at, source: options.source, recordedBy: await by() } };
    },
    done: ({ caseRef, result }) => `Consent to ${result.scope} recorded for ${caseRef}.`,
    examples: ['prepared-return record-consent CMM-2026-0042 --scope sharing --source interpreter'],
  });

  registerPlainUpdate(program, {
    update: 'recordPlan',
    description: 'Record the reintegration plan (a new version each time).',
    options: [
      { flag: '--elements <list>', field: 'elements', description: 'comma-separated plan elements, e.g. housing,employment,cash-support', required: true, list: true },
      { flag: '--support-months <n>', field: 'supportMonths', description: 'months of support, 1 to 12 (default 6)', number: true },
    ],
    done: ({ caseRef, result, payload }) => `Plan v${result.version} recorded for ${caseRef}: ${payload.elements.join(', ')}; ${payload.supportMonths} months of support.`,
    examples: ['prepared-return record-plan CMM-2026-0042 --elements housing,employment,cash-support --support-months 6'],
  });

  registerUpdate<'recordGuardian', { appointedBy: string; appointedOn?: string }>(program, {
    update: 'recordGuardian',
    description: "A child's case: record that a guardian was appointed. With the best-interests assessment, the referral may start.",
    flags: (c) =>
      c
        .requiredOption('--appointed-by <authority>', 'family-court-agency, municipality, court or other')
        .option('--appointed-on <date>', 'when the guardian was appointed (default: now)'),
    fields: { appointedBy: '--appointed-by', appointedAt: '--appointed-on', by: '--caseworker' },
    payload: async (options, { by }) => ({
      by: await by(),
      appointedBy: options.appointedBy,
      appointedAt: options.appointedOn === undefined ? new Date().toISOString() : await whenFlag('--appointed-on', options.appointedOn),
    }),
    done: ({ caseRef, payload }) => `Guardian recorded for ${caseRef} (appointed by ${payload.appointedBy}).`,
    examples: ['prepared-return record-guardian CMM-2026-0042 --appointed-by family-court-agency --appointed-on 2026-11-12'],
  });

  registerUpdate<'recordBestInterests', { conclusion: string; assessedOn?: string }>(program, {
    update: 'recordBestInterests',
    description: "A child's case: record the best-interests assessment. A referral goes out only when it finds the return in the child's best interests.",
    flags: (c) =>
      c
        .requiredOption('--conclusion <conclusion>', 'return-in-best-interests or return-against-best-interests')
        .option('--assessed-on <date>', 'when the assessment was made (default: now)'),
    fields: { conclusion: '--conclusion', assessedAt: '--assessed-on', by: '--caseworker' },
    payload: async (options, { by }) => ({
      by: await by(),
      conclusion: options.conclusion,
      assessedAt: options.assessedOn === undefined ? new Date().toISOString() : await whenFlag('--assessed-on', options.assessedOn),
    }),
    done: ({ caseRef, result }) =>
      `Best-interests assessment recorded for ${caseRef}: ${result.conclusion}.` + (result.referralMayStart ? ' The referral may start.' : ''),
    examples: ['prepared-return record-best-interests CMM-2026-0042 --conclusion return-in-best-interests --assessed-on 2026-11-14'],
  });

  registerPlainUpdate(program, {
    update: 'assignPartner',
    description: 'Assign a partner by hand when every partner for the country declined or was silent; the referral resumes with it.',
    options: [{ flag: '--partner <id>', field: 'partnerId', description: 'partner organisation code, e.g. ngo-ro-reintegra', required: true }],
    done: ({ caseRef, result }) => `Partner ${result.partnerId} assigned to ${caseRef}; the referral asks it now.`,
    examples: ['prepared-return assign-partner CMM-2026-0042 --partner ngo-ro-reintegra'],
  });

  registerUpdate<'planTravel', { travelDate: string; destination: string; meetingPoint: string; escort?: boolean }>(program, {
    update: 'planTravel',
    description: 'Plan the travel: after a partner accepted and before the departure deadline. The partner is told when and where she arrives.',
    flags: (c) =>
      c
        .requiredOption('--travel-date <date>', 'departure date or date-time, e.g. 2027-02-20 or 2027-02-20T08:15')
        .requiredOption('--destination <airport>', 'IATA code of the arrival airport, e.g. OTP')
        .requiredOption('--meeting-point <place>', 'where the partner meets her, e.g. arrivals-hall')
        .option('--escort', 'she travels with an escort'),
    fields: { date: '--travel-date', destination: '--destination', meetingPoint: '--meeting-point', escort: '--escort', by: '--caseworker' },
    payload: async (options, { by }) => ({
      by: await by(),
      date: await whenFlag('--travel-date', options.travelDate, 'planned'),
      destination: options.destination,
      escort: options.escort === true,
      meetingPoint: options.meetingPoint,
    }),
    done: ({ caseRef, result, payload, when }) =>
      `Travel planned for ${caseRef}: ${when(result.date)} to ${payload.destination}, met at ${payload.meetingPoint}${payload.escort ? ', escorted' : ''}.` +
      (result.departureDeadline ? `\nShe must leave by ${when(result.departureDeadline)}.` : ''),
    examples: ['prepared-return plan-travel CMM-2026-0042 --travel-date 2027-02-20 --destination OTP --meeting-point arrivals-hall --escort'],
  });

  registerUpdate<'confirmEvent', { seq: string; reject?: boolean }>(program, {
    update: 'confirmEvent',
    description: 'Confirm (or with --reject, reject as a mistake) an outside event waiting for you: a departure without a travel plan, a missing report.',
    flags: (c) => c.requiredOption('--seq <n>', 'the timeline entry of the event (see `prepared-return timeline <case>`)').option('--reject', 'the event is wrong: keep it as rejected'),
    fields: { seq: '--seq', decision: '--reject', by: '--caseworker' },
    payload: async (options, { by }) => ({ by: await by(), seq: Number(options.seq), decision: options.reject ? 'reject' : 'confirm' }),
    done: ({ caseRef, result }) => `Entry ${result.seq} of ${caseRef} ${result.state}.`,
    examples: ['prepared-return confirm-event CMM-2026-0042 --seq 12', 'prepared-return confirm-event CMM-2026-0042 --seq 12 --reject'],
  });

  registerPlainUpdate(program, {
    update: 'correctEvent',
    description: 'Correct a recorded event that was a mistake (a concern, the current missing report): it stays in the timeline as corrected and no longer counts.',
    options: [
      { flag: '--seq <n>', field: 'seq', description: 'the timeline entry of the event (see `prepared-return timeline <case>`)', required: true, number: true },
      { flag: '--reason <reason>', field: 'reason', description: 'wrong-case, wrong-date, did-not-happen, duplicate or other', required: true },
    ],
    done: ({ caseRef, result, payload }) => `Entry ${result.seq} of ${caseRef} (${result.kind}) corrected: ${payload.reason}.`,
    examples: ['prepared-return correct-event CMM-2026-0042 --seq 9 --reason wrong-case'],
  });

  registerPlainUpdate(program, {
    update: 'recordConcernAction',
    description: 'Record what was done about a concern (each action is kept); an urgent alert about it stops reminding the supervisors.',
    options: [
      concernFlag,
      { flag: '--action <action>', field: 'action', description: 'contact-her, contact-partner, safety-plan, shelter, inform-police, legal-aid, medical-care, assign-partner, review-case or other', required: true },
    ],
    done: ({ caseRef, result, payload }) => `Concern ${result.concern} of ${caseRef}: ${payload.action} recorded (${result.actions} action${result.actions === 1 ? '' : 's'} so far).`,
    examples: ['prepared-return record-concern-action CMM-2026-0042 --concern 1 --action contact-partner'],
  });

  registerPlainUpdate(program, {
    update: 'resolveConcern',
    description: 'Resolve a concern, with how it ended; the escalation it raised is resolved with it. (Supervisors acknowledge and resolve escalations on the desk.)',
    options: [
      concernFlag,
      { flag: '--resolution <how>', field: 'resolution', description: 'she-is-safe, risk-reduced, unfounded, handed-to-authority, no-longer-relevant or other', required: true },
    ],
    done: ({ caseRef, result, payload }) => `Concern ${result.concern} of ${caseRef} resolved: ${payload.resolution}.`,
    examples: ['prepared-return resolve-concern CMM-2026-0042 --concern 1 --resolution she-is-safe'],
  });

  registerPlainUpdate(program, {
    update: 'cancel',
    description: 'Close a programme by hand. A partner preparing to receive her is told the return is off.',
    options: [{ flag: '--reason <reason>', field: 'reason', description: 'duplicate-case, transferred, opened-in-error or other', required: true }],
    done: ({ caseRef, payload }) => `Programme for ${caseRef} is closing as cancelled (${payload.reason}).`,
    examples: ['prepared-return cancel CMM-2026-0042 --reason opened-in-error'],
  });
}
