/**
 * `open [case]`: opens a programme from flags, from a JSON/YAML case file, or both (flags win).
 * The file may carry a policy too, e.g. short windows for training and demonstrations.
 */
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors.js';
import { caseworkerOption, examples, withSession } from './shared.js';
import { isPlainObject } from '../../domain/plainObject.js';
import type { AppClient } from '../app/appClient.js';
import type { Session } from '../session.js';

interface Options {
  file?: string;
  country?: string;
  thirdCountry?: boolean;
  assessedOn?: string;
  assessedBy?: string;
  consent?: string;
  consentSource?: string;
  asylum?: string;
  language?: string;
  policy?: string;
  sex?: string;
  ageBand?: string;
  child?: boolean;
  caseworker?: string;
}

const SCOPES: Record<string, 'participation' | 'sharing' | 'followUp'> = { participation: 'participation', sharing: 'sharing', 'follow-up': 'followUp' };

/** Field of the programme input → the flag that sets it. */
const FLAGS = {
  caseRef: '<case>',
  homeCountry: '--country',
  returnToThirdCountry: '--third-country',
  caseworkerId: '--caseworker',
  'victimAssessment.decidedAt': '--assessed-on',
  'victimAssessment.decidedBy': '--assessed-by',
  'consent.participation.source': '--consent-source',
  'consent.sharing.source': '--consent-source',
  'consent.followUp.source': '--consent-source',
  consent: '--consent',
  asylum: '--asylum',
  language: '--language',
  'profile.sex': '--sex',
  'profile.ageBand': '--age-band',
  'profile.child': '--child',
  policy: '--policy',
} as const;

export function registerOpen(program: Command): void {
  const command = program
    .command('open')
    .description('Open a programme for a case, from flags or a JSON/YAML case file. A case has one programme.')
    .argument('[case]', 'case reference, e.g. CMM-2026-0042 (or caseRef in the file)')
    .option('--file <path>', 'case file (JSON or YAML) with the programme input; flags override it')
    .option('--country <code>', 'where she returns: ISO 3166-1 alpha-2, e.g. RO')
    .option('--third-country', 'the country is a third country where she holds residence, not her home country')
    .option('--assessed-on <date>', 'date of the victim assessment; the reflection period counts from it')
    .option('--assessed-by <id>', 'staff id of who made the victim assessment (default: the caseworker)')
    .option('--consent <scopes>', 'consents she gave: participation, and optionally sharing, follow-up (comma-separated)')
    .option('--consent-source <source>', 'how she gave them: in-person, interpreter, written or legal-representative', 'in-person')
    .option('--asylum <state>', 'asylum at opening: none, pending-dis or pending-fln')
    .option('--language <lang>', "language of the caseworker's notifications: en or da")
    .option('--sex <sex>', 'female, male or other (leave out when not known)')
    .option('--age-band <band>', 'under-18, 18-24, 25-34, 35-49 or 50-plus (leave out when not known)')
    .option('--child', 'a child, or presumed one when the age is uncertain: a guardian and a best-interests assessment come before any referral')
    .option('--policy <name>', 'standard (the default) or demo, for demonstrations and training: a day lasts ten seconds')
    .action(withSession<Options>(async (session, caseRef, options) => open(session, caseRef, options, command)));
  caseworkerOption(command);
  examples(
    command,
    'prepared-return open CMM-2026-0042 --country RO --assessed-on 2027-01-10 --consent participation,sharing,follow-up',
    'prepared-return open --file case.yaml',
    'prepared-return open CMM-2026-0042 --file training-policy.yaml --country MD',
    'prepared-return open CMM-2026-0042 --country RO --assessed-on today --consent participation --policy demo',
  );
  command.addHelpText(
    'after',
    `
A case file holds the programme input (every key: docs/case-file.md), for example:
  caseRef: CMM-2026-0042
  homeCountry: RO
  caseworkerId: cw-anna
  victimAssessment: { decidedBy: cw-anna, decidedAt: 2027-01-10 }
  consent:
    participation: { at: 2027-01-10, source: interpreter, recordedBy: cw-anna }
  policy: { reflectionPeriod: 30d, referralResponseWindow: 14d }
`,
  );
}

async function open(session: Session, caseRefArg: string, options: Options, command: Command): Promise<void> {
  const [{ ProgrammeInput, programmeWorkflowId }, { flagFor }, { parseWhen, whenFlag }, { describeProblems }] = await Promise.all([
    import('../../domain/programme.js'),
    import('../input/flags.js'),
    import('../input/dates.js'),
    import('../../domain/validation.js'),
  ]);
  const file = options.file ? await readCaseFile(options.file) : {};
  const fromFlag = (name: keyof Options): boolean => command.getOptionValueSource(name) === 'cli';

  const app = await session.app();
  // Through the app she holds what she opens (the login is the staff check); an operator names the caseworker.
  const caseworkerId = app
    ? await session.caseworker(options.caseworker)
    : (options.caseworker ?? (typeof file.caseworkerId === 'string' ? file.caseworkerId : undefined) ?? session.env.PR_CASEWORKER_ID);
  if (!caseworkerId) throw new CliError('--caseworker: expected your staff id, e.g. cw-anna (or set PR_CASEWORKER_ID)', EXIT.usage);
  if (app && typeof file.caseworkerId === 'string' && file.caseworkerId !== caseworkerId) {
    throw new CliError(`${options.file}: caseworkerId: you are signed in as ${caseworkerId}; the programme is held by the signed-in user (leave caseworkerId out)`, EXIT.usage);
  }
  if (!app) await (await import('../staffCheck.js')).assertKnownCaseworker(session.env, caseworkerId, options.caseworker ? '--caseworker' : file.caseworkerId ? `${options.file}: caseworkerId` : 'PR_CASEWORKER_ID');
  const now = new Date().toISOString();

  const input: Record<string, unknown> = { ...file };
  if (caseRefArg) input.caseRef = caseRefArg;
  if (options.country) input.homeCountry = options.country;
  if (options.thirdCountry) input.returnToThirdCountry = true;
  input.caseworkerId = caseworkerId;
  if (options.asylum) input.asylum = options.asylum;
  if (options.language) input.language = options.language;
  const profile = { ...(isPlainObject(file.profile) ? file.profile : {}) } as Record<string, unknown>;
  if (options.sex) profile.sex = options.sex;
  if (options.ageBand) profile.ageBand = options.ageBand;
  if (options.child) profile.child = true;
  if (Object.keys(profile).length > 0) input.profile = profile;
  if (options.policy) input.policy = (await import('../input/policy.js')).policyFromFlag(options.policy, file.policy);

  const assessment = { ...(isPlainObject(file.victimAssessment) ? file.victimAssessment : {}) } as Record<string, unknown>;
  if (options.assessedOn) assessment.decidedAt = whenFlag('--assessed-on', options.assessedOn);
  if (options.assessedBy) assessment.decidedBy = options.assessedBy;
  assessment.decidedBy ??= caseworkerId;
  if (assessment.decidedAt === undefined) {
    throw new CliError('--assessed-on: expected the date of the victim assessment, e.g. 2027-01-10 (the reflection period counts from it)', EXIT.usage);
  }
  input.victimAssessment = assessment;

  const consent = { ...(isPlainObject(file.consent) ? file.consent : {}) } as Record<string, unknown>;
  if (options.consent !== undefined) {
    for (const scope of options.consent.split(',').map((s) => s.trim()).filter(Boolean)) {
      const key = SCOPES[scope];
      if (!key) throw new CliError('--consent: expected participation, sharing or follow-up, comma-separated', EXIT.usage);
      consent[key] = { at: now, source: options.consentSource, recordedBy: caseworkerId };
    }
  } else if (fromFlag('consentSource')) {
    throw new CliError('--consent-source: give --consent too, e.g. --consent participation,sharing', EXIT.usage);
  }
  if (consent.participation === undefined) {
    throw new CliError('--consent: expected at least participation (she takes part voluntarily), e.g. --consent participation,sharing,follow-up', EXIT.usage);
  }
  input.consent = consent;

  // Case files written by hand say `2027-01-10`; the programme wants a date-time.
  const normaliseDate = (o: Record<string, unknown>, key: string): void => {
    const v = o[key];
    if (typeof v === 'string') o[key] = parseWhen(v) ?? v;
  };
  normaliseDate(assessment, 'decidedAt');
  for (const c of Object.values(consent)) if (isPlainObject(c)) normaliseDate(c as Record<string, unknown>, 'at');

  // Problems name the flag when a flag set the field, and the file's field otherwise.
  const flagged = new Set<string>([
    ...(caseRefArg ? ['caseRef'] : []),
    ...(options.country ? ['homeCountry'] : []),
    ...(options.caseworker || !file.caseworkerId ? ['caseworkerId'] : []),
    ...(options.assessedOn ? ['victimAssessment.decidedAt'] : []),
    ...(options.assessedBy || !isPlainObject(file.victimAssessment) ? ['victimAssessment.decidedBy'] : []),
    ...(options.consent !== undefined ? ['consent'] : []),
    ...(options.asylum ? ['asylum'] : []),
    ...(options.language ? ['language'] : []),
    ...(options.sex ? ['profile.sex'] : []),
    ...(options.ageBand ? ['profile.ageBand'] : []),
    ...(options.child ? ['profile.child'] : []),
  ]);
  const parsed = ProgrammeInput.safeParse(input);
  if (!parsed.success) {
    const rename = (field: string): string => {
      const flag = flagFor(FLAGS, field);
      const top = [...flagged].some((f) => field === f || field.startsWith(`${f}.`));
      if (top && flag !== field) return flag;
      if (options.file) return `${options.file}: ${field}`;
      return flag === field ? field : flag;
    };
    throw new CliError(describeProblems(parsed.error, rename), EXIT.usage);
  }

  // What was given, checked here; not the defaults the schema filled in (the app applies the centre's policy itself).
  if (app) return openThroughApp(session, app, parsed.data.caseRef, input);
  const [{ openProgramme }, { WorkflowExecutionAlreadyStartedError }, time] = await Promise.all([
    import('../openProgramme.js'),
    import('@temporalio/client'),
    import('../format/time.js'),
  ]);
  const client = await session.client();
  const caseRef = parsed.data.caseRef;
  try {
    const { input: programme, handle, reflectionEnds } = await openProgramme(client, parsed.data, { taskQueue: await session.taskQueue });
    printOpened(session, { caseRef, workflowId: handle.workflowId, runId: handle.firstExecutionRunId, reflectionDeadline: reflectionEnds, homeCountry: programme.homeCountry, caseworkerId: programme.caseworkerId }, time.when);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const existing = await client.workflow.getHandle(programmeWorkflowId(caseRef)).describe();
    const since = `${time.localDateTime(existing.startTime.toISOString())} (${time.relative(existing.startTime.toISOString())})`;
    if (existing.status.name === 'RUNNING') {
      throw new CliError(`A programme for case ${caseRef} is already open since ${since}. See \`prepared-return status ${caseRef}\`.`, EXIT.refused);
    }
    const closed = existing.closeTime ? `, closed ${time.localDateTime(existing.closeTime.toISOString())}` : '';
    throw new CliError(`A programme for case ${caseRef} was already opened ${since}${closed}; a case has only one programme.`, EXIT.refused);
  }
}

/** What `open` says, from the programme opened: the same sentences through the app as from Temporal. */
function printOpened(session: Session, opened: { caseRef: string; workflowId: string; runId: string; reflectionDeadline: string; homeCountry: string; caseworkerId: string }, when: (iso: string) => string): void {
  const { caseRef } = opened;
  session.print({ caseRef, workflowId: opened.workflowId, runId: opened.runId, reflectionDeadline: opened.reflectionDeadline }, () =>
    [
      `Opened the programme for ${caseRef} → ${opened.homeCountry} (caseworker ${opened.caseworkerId}).`,
      `Reflection period until ${when(opened.reflectionDeadline)}.`,
      `Next: record the risk and needs assessment, e.g.`,
      `  prepared-return record-assessment ${caseRef} --risk medium --needs housing,medical`,
    ].join('\n'),
  );
}

/** Through the app, as the signed-in user: the programme's input as checked here, the app checks it again. */
async function openThroughApp(session: Session, app: AppClient, caseRef: string, input: Record<string, unknown>): Promise<void> {
  const [{ AppRefusal, asUsageError }, { programmeWorkflowId }, { flagFor }, time] = await Promise.all([
    import('../app/appClient.js'),
    import('../../domain/programme.js'),
    import('../input/flags.js'),
    import('../format/time.js'),
  ]);
  try {
    const opened = await app.post<{ caseRef: string; runId: string; reflectionDeadline: string; homeCountry: string; caseworkerId: string }>('/programmes', { programme: input });
    printOpened(session, { ...opened, workflowId: programmeWorkflowId(opened.caseRef) }, time.when);
  } catch (err) {
    if (!(err instanceof AppRefusal)) throw err;
    if (err.code === 'invalid') throw asUsageError(err, (field) => flagFor(FLAGS, field));
    throw new CliError(`A programme for case ${caseRef} cannot be opened: ${err.message}.`, EXIT.refused);
  }
}

async function readCaseFile(path: string): Promise<Record<string, unknown>> {
  const [{ readFile }, { parse }] = await Promise.all([import('node:fs/promises'), import('yaml')]);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`--file: cannot read ${path}`, EXIT.usage);
  }
  let data: unknown;
  try {
    // YAML 1.2 reads JSON as well, so one parser serves both kinds of case file.
    data = parse(text);
  } catch (err) {
    throw new CliError(`--file: ${path} is not valid JSON or YAML (${err instanceof Error ? err.message.split('\n')[0] : 'parse error'})`, EXIT.usage);
  }
  if (!isPlainObject(data)) throw new CliError(`--file: ${path} must hold an object with the programme input`, EXIT.usage);
  return data;
}
