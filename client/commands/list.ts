/** `list`: programmes by stage, country, partner, caseworker; the overdue and the escalated first of all. */
import type { Command } from 'commander';
import { examples, withSession } from './shared.js';
import type { ProgrammeRow } from '../programmeRows.js';

interface Options {
  stage?: string;
  country?: string;
  partner?: string;
  caseworker?: string;
  mine?: boolean;
  overdue?: boolean;
  escalated?: boolean;
  closed?: boolean;
  all?: boolean;
  limit: string;
}

export function registerList(program: Command): void {
  const command = program
    .command('list')
    .description('List programmes (open ones unless --closed or --all), filtered by the search attributes supervisors use.')
    .option('--stage <stage>', 'reflection, asylum, preparation, travel, handover, follow-up or closed')
    .option('--country <code>', 'home country, e.g. RO')
    .option('--partner <id>', 'partner organisation code')
    .option('--caseworker <id>', "a caseworker's programmes")
    .option('--mine', 'my programmes ($PR_CASEWORKER_ID)')
    .option('--overdue', 'the next deadline has passed')
    .option('--escalated', 'an escalation is open')
    .option('--closed', 'closed programmes only')
    .option('--all', 'open and closed programmes')
    .option('--limit <n>', 'at most this many', '50')
    .action(withSession<Options>(async (session, _caseRef, options) => list(session, options)));
  examples(command, 'prepared-return list --overdue', 'prepared-return list --mine --escalated', 'prepared-return list --stage travel --country RO --json');
  command.addHelpText('after', '\nThe server indexes changes within a second or two; `status` always answers from the programme itself.\n');
}

/** The caseload the app gives her: her programmes, or all in her reach, filtered by the app as the query filters. */
async function throughApp(app: import('../app/appClient.js').AppClient, options: Options, caseworker: string | undefined, limit: number): Promise<ProgrammeRow[]> {
  const { rows } = await app.get<{ rows: ProgrammeRow[] }>('/caseload', {
    scope: options.mine ? 'mine' : 'all',
    state: options.all ? 'all' : options.closed ? 'closed' : 'open',
    stage: options.stage,
    country: options.country,
    partner: options.partner,
    caseworker: options.mine ? undefined : caseworker,
    overdue: options.overdue ? 'true' : undefined,
    escalated: options.escalated ? 'true' : undefined,
    limit: String(limit),
  });
  return rows;
}

async function list(session: import('../session.js').Session, options: Options): Promise<void> {
  const [{ visibilityQuery }, { CliError, EXIT }, { table }, { relative, isPast }] = await Promise.all([
    import('../input/listQuery.js'),
    import('../errors.js'),
    import('../format/table.js'),
    import('../format/time.js'),
  ]);
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CliError('--limit: expected a whole number from 1 to 10000', EXIT.usage);
  if (options.closed && options.all) throw new CliError('--closed/--all: give one of them', EXIT.usage);
  const caseworker = options.mine ? await session.caseworker(undefined) : options.caseworker;
  const query = visibilityQuery({
    ...(options.stage ? { stage: options.stage as 'travel' } : {}),
    ...(options.country ? { country: options.country } : {}),
    ...(options.partner ? { partner: options.partner } : {}),
    ...(caseworker ? { caseworker } : {}),
    ...(options.overdue ? { overdue: true } : {}),
    ...(options.escalated ? { escalated: true } : {}),
    state: options.all ? 'all' : options.closed ? 'closed' : 'open',
  });

  const app = await session.app();
  const rows = app ? await throughApp(app, options, caseworker, limit) : await (await import('../programmeRows.js')).programmeRows(await session.client(), query, limit);

  const { style } = session;
  session.print(rows, () => {
    if (rows.length === 0) return 'No programmes match.';
    const body = rows.map((r) => [
      r.caseRef,
      r.stage ?? '',
      r.homeCountry ?? '',
      r.partner ?? style.dim('none'),
      r.nextDeadline ? (isPast(r.nextDeadline) ? style.red(`overdue, ${relative(r.nextDeadline)}`) : relative(r.nextDeadline)) : style.dim('none'),
      r.escalated ? style.red('yes') : '',
      r.caseworkerId ?? '',
    ]);
    return `${table(['Case', 'Stage', 'Country', 'Partner', 'Next deadline', 'Escalated', 'Caseworker'], body, style)}\n${style.dim(`${rows.length} programme${rows.length === 1 ? '' : 's'}`)}`;
  });
}
