/**
 * `report`: the status report and evaluation figures, computed from the evaluation ledger (every
 * programme, however long ago it closed), with small numbers suppressed; `report verify`: the
 * ledger's hash chain checked record by record; `report schedule`: the yearly run that mails it.
 */
import type { Command } from 'commander';
import type { Session } from '../session.js';
import type { ReportPeriod } from '../../domain/report/period.js';
import type { PublishedReport } from '../../domain/report/publish.js';
import { examples, withSession } from './shared.js';

interface ReportOptions {
  year?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
}

interface ScheduleOptions {
  date?: string;
  time?: string;
  pause?: boolean;
  resume?: boolean;
  trigger?: boolean;
}

export function registerReport(program: Command): void {
  const command = program
    .command('report')
    .description(
      'The status report from the evaluation ledger: programmes, outcomes, time to departure, referrals, handovers, follow-up, concerns, declined offers, by country, partner, sex and age band; no personal data, numbers under 3 hidden.',
    )
    .option('--year <year>', 'programmes opened in this calendar year (default: this year)')
    .option('--from <date>', 'programmes opened from the month of this date (YYYY-MM-DD), with --to')
    .option('--to <date>', 'up to and including the month of this date (YYYY-MM-DD)')
    .option('--format <format>', 'md, html, csv or json (default md; json with --json)')
    .option('--out <file>', 'write the report to this file instead of printing it')
    .action(withSession<ReportOptions>(async (session, _caseRef, options) => report(session, options)));
  examples(
    command,
    'prepared-return report --year 2026',
    'prepared-return report --year 2026 --format html --out report-2026.html',
    'prepared-return report --from 2026-01-01 --to 2026-06-30 --format csv --out first-half.csv',
    'prepared-return report verify',
    'prepared-return report schedule',
  );

  const verify = command
    .command('verify')
    .description("Check the evaluation ledger's hash chain: that no record was changed, removed or slipped in. Names the first record where it breaks (exit 1).")
    .action(withSession(async (session) => verifyCommand(session)));
  examples(verify, 'prepared-return report verify', 'prepared-return report verify --json');

  const schedule = command
    .command('schedule')
    .description('Show or change the yearly run that mails the report to the report recipients (staff directory `reports`, else the supervisors).')
    .option('--date <MM-DD>', 'the day of the year it runs, e.g. 01-15')
    .option('--time <HH:MM>', 'the time it runs (Danish time), e.g. 06:00')
    .option('--pause', 'stop the yearly run until --resume')
    .option('--resume', 'run again every year')
    .option('--trigger', 'run it now (the report on last year goes out at once)')
    .action(withSession<ScheduleOptions>(async (session, _caseRef, options) => scheduleCommand(session, options)));
  examples(schedule, 'prepared-return report schedule', 'prepared-return report schedule --date 02-01 --time 07:30', 'prepared-return report schedule --trigger');
}

/** The report from the ledger: through the app for a signed-in user (an analyst, say), else from the database. */
async function publishedReport(session: Session, period: ReportPeriod, options: ReportOptions): Promise<{ published: PublishedReport; counted?: { programmes: number; declinedOffers: number } }> {
  const app = await session.app();
  if (app) {
    // The app gives the published figures only; how many records they came from stays in the ledger.
    const query = options.from && options.to ? { from: options.from, to: options.to } : { year: period.label };
    return { published: (await app.get<{ report: PublishedReport }>('/report', query)).report };
  }
  const [{ readReportFacts }, { buildReport }] = await Promise.all([import('../../store/reportFacts.js'), import('../../domain/report/publish.js')]);
  const facts = await session.withStore((store) => readReportFacts(store.db, period));
  return {
    published: buildReport(facts.programmes, period, new Date().toISOString(), facts.declinedOffers),
    counted: { programmes: facts.programmes.length, declinedOffers: facts.declinedOffers.length },
  };
}

async function report(session: Session, options: ReportOptions): Promise<void> {
  const [{ CliError, EXIT }, { yearPeriod, datePeriod }, { REPORT_FORMATS, renderReport }] = await Promise.all([
    import('../errors.js'),
    import('../../domain/report/period.js'),
    import('../../domain/report/render/index.js'),
  ]);
  const format = options.format ?? (session.json ? 'json' : 'md');
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new CliError('--format: expected md, html, csv or json', EXIT.usage);
  if (options.year && (options.from || options.to)) throw new CliError('--year/--from: give a year or a period, not both', EXIT.usage);
  if (Boolean(options.from) !== Boolean(options.to)) throw new CliError('--from/--to: give both dates of the period', EXIT.usage);
  let period;
  try {
    if (options.from && options.to) period = datePeriod(options.from, options.to);
    else {
      const year = options.year ?? String(new Date().getUTCFullYear());
      if (!/^\d{4}$/.test(year)) throw new RangeError('expected a year');
      period = yearPeriod(Number(year));
    }
  } catch (err) {
    const flag = options.from ? '--from/--to' : '--year';
    throw new CliError(`${flag}: ${err instanceof Error && !/^\[/.test(err.message) ? err.message : 'expected dates as YYYY-MM-DD'}`, EXIT.usage);
  }
  const { published, counted } = await publishedReport(session, period, options);
  const text = renderReport(published, format as (typeof REPORT_FORMATS)[number]);
  if (!options.out) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(options.out, text, 'utf8');
  } catch {
    throw new CliError(`--out: cannot write the file ${options.out}`, EXIT.usage);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  session.print({ file: options.out, format, period, ...(counted ?? {}) }, () =>
    `Report for ${period.label} (${format}) written to ${options.out}${counted ? `: ${plural(counted.programmes, 'programme')} and ${plural(counted.declinedOffers, 'declined offer')} counted` : ''}.`,
  );
}

async function verifyCommand(session: Session): Promise<void> {
  const [{ CliError, EXIT }, { verifyLedger }] = await Promise.all([import('../errors.js'), import('../../store/ledger.js')]);
  const check = await session.withStore((store) => verifyLedger(store.db));
  if (!check.ok) {
    throw new CliError(`The ledger's chain breaks at record ${check.brokenAt}: ${check.problem}. ${check.records} records read.`, EXIT.refused);
  }
  session.print(check, () => `The ledger's chain holds: ${check.records} records, each linked to the one before; head ${check.headHash}.`);
}

async function scheduleCommand(session: Session, options: ScheduleOptions): Promise<void> {
  const [{ CliError, EXIT }, { ReportDate, ReportTime }, schedule] = await Promise.all([
    import('../errors.js'),
    import('../../domain/report/schedule.js'),
    import('../report/schedule.js'),
  ]);
  if (options.pause && options.resume) throw new CliError('--pause/--resume: give one of them', EXIT.usage);
  const date = options.date === undefined ? undefined : ReportDate.safeParse(options.date);
  if (date && !date.success) throw new CliError(`--date: ${date.error.issues[0]?.message}`, EXIT.usage);
  const time = options.time === undefined ? undefined : ReportTime.safeParse(options.time);
  if (time && !time.success) throw new CliError(`--time: ${time.error.issues[0]?.message}`, EXIT.usage);

  const client = await session.client();
  const settings = date || time ? { ...(date?.data ?? {}), ...(time?.data ?? {}) } : undefined;
  let created = false;
  if (!(await schedule.describeReportSchedule(client))) {
    // A deployment creates it the first time a date is given; the local stack creates it at start.
    if (!settings) throw noSchedule(CliError, EXIT.notFound);
    const { DEFAULT_REPORT_SCHEDULE } = await import('../../domain/report/schedule.js');
    await schedule.ensureReportSchedule(client, { ...DEFAULT_REPORT_SCHEDULE, ...settings }, { taskQueue: await session.taskQueue });
    created = true;
  }
  if ((settings && !created) || options.pause || options.resume) {
    await schedule.changeReportSchedule(client, {
      ...(settings && !created ? { settings } : {}),
      ...(options.pause ? { paused: true } : options.resume ? { paused: false } : {}),
    });
  }
  if (options.trigger) await schedule.triggerReportSchedule(client);
  const view = await schedule.describeReportSchedule(client);
  if (!view) throw noSchedule(CliError, EXIT.notFound);
  session.print({ ...view, triggered: options.trigger === true }, () =>
    [
      `Annual report: ${view.words}${view.paused ? ' (paused)' : ''}`,
      ...(created ? ['  created now.'] : []),
      `  schedule ${view.scheduleId}, task queue ${view.taskQueue ?? '?'}`,
      `  next run: ${view.paused ? 'none while paused' : (view.nextRuns[0] ?? 'none')}`,
      `  recent runs: ${view.recentRuns.length ? view.recentRuns.map((r) => `${r.takenAt} (${r.workflowId})`).join(', ') : 'none'}`,
      ...(options.trigger ? ['  triggered: the report on last year is being made and mailed now.'] : []),
    ].join('\n'),
  );
}

function noSchedule(CliError: typeof import('../errors.js').CliError, code: number): Error {
  return new CliError('There is no annual report schedule in this namespace yet: create it with `prepared-return report schedule --date MM-DD` (`npm start` creates it for the local stack).', code);
}
