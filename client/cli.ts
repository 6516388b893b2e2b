/**
 * `prepared-return`: the caseworker's command line. Commands are registered here; each lives in
 * `commands/` and loads the Temporal client, the schemas and the formatting only when it runs, so
 * help and flag mistakes answer at once.
 */
import { Command, CommanderError } from 'commander';
import { registerCaseSecrets } from './commands/caseSecrets.js';
import { registerCaseworkerCommands } from './commands/caseworkerCommands.js';
import { registerCaseworkerEvents } from './commands/caseworkerEvents.js';
import { registerDeclinedOffer } from './commands/declinedOffer.js';
import { registerErase } from './commands/erase.js';
import { registerList } from './commands/list.js';
import { registerLogin } from './commands/login.js';
import { registerOpen } from './commands/open.js';
import { registerPartnerAnswers } from './commands/partnerAnswers.js';
import { registerReport } from './commands/report.js';
import { examples } from './commands/shared.js';
import { registerStatus } from './commands/status.js';
import { registerTimeline } from './commands/timeline.js';
import { EXIT, explain } from './errors.js';

const ENVIRONMENT = `Environment (a caseworker needs only the first; the rest are operator access):
  PR_APP_URL                the app's address: after \`login\`, every command goes through the app as you
  PR_LOGIN_FILE             where login keeps its sign-in (default ~/.config/prepared-return/login.json, mode 0600)
  PR_ACCESS                 app (through the app, as the signed-in user) or operator (Temporal itself);
                            default: app when signed in, else operator
  PR_CASEWORKER_ID          operator access: the staff id to act as, the default for --caseworker
  PR_STAFF_DIRECTORY        staff directory file: open refuses a caseworker it does not list
  TEMPORAL_ADDRESS          Temporal frontend host:port (default localhost:7233)
  TEMPORAL_NAMESPACE        namespace (default default)
  TEMPORAL_TASK_QUEUE       task queue new programmes run on (default prepared-return)
  TEMPORAL_API_KEY          API key (implies TLS)
  TEMPORAL_TLS              true to use TLS with the system's CAs
  TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH
                            client certificate and key files for mutual TLS
  TEMPORAL_TLS_SERVER_CA_CERT_PATH
                            CA certificate file of the server
  TEMPORAL_TLS_SERVER_NAME  server name to check the certificate against
  TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE
                            the Temporal CLI's profile file (default ~/.config/temporalio/temporal.toml)
                            and its profile (default default); the variables above win over it
  DATABASE_URL              PostgreSQL of the audit log and the ledger (default: the one npm start runs)
  PR_PSEUDONYM_KEY          the deployment's pseudonym secret (default: the one npm start made)

Exit codes: 0 done, 1 refused, 2 wrong flag or setting, 3 no such programme, 4 server or worker not reachable.
`;

export function buildProgram(): Command {
  const program = new Command('prepared-return')
    .description('Open and steer prepared-return programmes: reflection, referral, travel, handover and a year of follow-up.')
    .option('--json', 'print machine-readable JSON (errors too, on stderr)')
    .option('--debug', 'show stack traces on errors')
    .showHelpAfterError('(run with --help for examples)')
    .exitOverride();
  program.configureHelp({ sortSubcommands: false });

  registerLogin(program);
  registerOpen(program);
  registerStatus(program);
  registerTimeline(program);
  registerList(program);
  // Commands: the programme answers at once, yes or no with the reason.
  registerCaseworkerCommands(program);
  // Events: what happened, recorded in order.
  registerCaseworkerEvents(program);
  // A partner's answers that came by e-mail, phone or in a meeting, recorded on its behalf.
  registerPartnerAnswers(program);
  // Figures: offers declined without a programme, and the status report, from the evaluation ledger.
  registerDeclinedOffer(program);
  registerReport(program);
  registerErase(program);
  registerCaseSecrets(program);

  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for examples)');
  examples(
    program,
    'export PR_CASEWORKER_ID=cw-anna',
    'prepared-return open CMM-2026-0042 --country RO --assessed-on 2027-01-10 --consent participation,sharing,follow-up',
    'prepared-return record-assessment CMM-2026-0042 --risk medium --needs housing,medical',
    'prepared-return status CMM-2026-0042',
    'prepared-return list --mine --overdue',
    'prepared-return <command> --help',
  );
  program.addHelpText('after', ENVIRONMENT);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed the help or the problem.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    const globals = program.opts<{ json?: boolean; debug?: boolean }>();
    const { message, exitCode } = explain(err, await profileAddress(process.env));
    if (globals.json) process.stderr.write(`${JSON.stringify({ error: message, exitCode })}\n`);
    else process.stderr.write(`${message}\n`);
    if (globals.debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return exitCode;
  }
}

/** Where the client looked, for the words of a failure after connecting: the address may come from a profile file. */
async function profileAddress(env: Record<string, string | undefined>): Promise<string> {
  try {
    const { loadTemporalProfile } = await import('../temporal/profile.js');
    return loadTemporalProfile(env).address;
  } catch {
    // An invalid profile is the error being explained, and that explanation names no address.
    return env.TEMPORAL_ADDRESS || 'localhost:7233';
  }
}
