/**
 * Every command we print for people to run — in README.md and docs/*.md, and in the program's own
 * messages and help examples — runs as printed. test/support/printedCommands.ts finds them by
 * pattern; here each is filled in where its reader would fill in (a case of the test's own for a
 * case reference, one per file, so a file's commands follow on from each other as its reader's
 * would) and run in bash with the real client (`prepared-return` on the PATH, as after `npm link`)
 * and the real Temporal CLI against the test server, while a real worker runs the programmes they
 * open. A command the client understands gets its answer — done, refused by the programme, no such
 * programme; one it does not gets a usage error, which is what this test is for. An `npm` script
 * or `npx` tool is checked by name: those start the service or run the whole suite.
 *
 * docs/caseworker-walkthrough.md is run block by block, with the partner's part played, by
 * test/client/walkthrough.test.ts; the mail's commands by test/activities/mailCommands.test.ts.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXIT } from '../../client/errors.js';
import { DEV_API_AUDIENCE, DEV_CLI_CLIENT_ID } from '../../dev/desk.js';
import { createScratchDatabase, type ScratchDatabase } from '../../dev/scratchDatabase.js';
import { provisionTemporalCli } from '../../dev/temporal-cli.js';
import { registerNamespace } from '../../temporal/namespace.js';
import { writeLogin } from '../../client/login/tokenFile.js';
import { accessTokenFor } from '../support/accessTokens.js';
import { DESK_STAFF, startTestDesk } from '../support/desk.js';
import { TEST_PARTNERS, useTestPeers } from '../support/peers.js';
import { commandsInMarkdown, commandsInSource, type PrintedCommand } from '../support/printedCommands.js';
import { uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from '../support/temporal.js';
import { BIN, cliEnv, REPO } from '../client/runCli.js';

/** Run by test/client/walkthrough.test.ts, as a reader follows it. */
const RUN_ELSEWHERE = ['docs/caseworker-walkthrough.md'];
/** Folders of the type check that are not the program: its tests, and the benchmark (whose strings name commands in measurement labels). */
const NOT_THE_PROGRAM = ['test', 'bench'];

const docFiles = (): string[] => ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].filter((f) => !RUN_ELSEWHERE.includes(f));

function sourceFiles(): string[] {
  const { include } = JSON.parse(readFileSync(join(REPO, 'tsconfig.json'), 'utf8')) as { include: string[] };
  const walk = (dir: string): string[] =>
    readdirSync(join(REPO, dir)).flatMap((name) => {
      const path = `${dir}/${name}`;
      if (statSync(join(REPO, path)).isDirectory()) return walk(path);
      return /\.[cm]?[jt]s$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
    });
  return include.filter((dir) => !dir.includes('*') && !NOT_THE_PROGRAM.includes(dir)).flatMap(walk);
}

function printedCommands(): PrintedCommand[] {
  return [
    ...docFiles().flatMap((file) => commandsInMarkdown(readFileSync(join(REPO, file), 'utf8'), file)),
    ...sourceFiles().flatMap((file) => commandsInSource(readFileSync(join(REPO, file), 'utf8'), file)),
  ];
}

const fileOf = (c: PrintedCommand) => c.where.slice(0, c.where.lastIndexOf(':'));

/** What the test has of its own for a file's commands to act on. */
interface Context {
  caseRef: string;
  /** A namespace of the test's own, for commands that change a namespace as a whole. */
  namespace: string;
  dir: string;
}

/** What a reader puts in for each placeholder; the test puts in its own. */
const FILL_INS: Array<{ placeholder: RegExp; value: (c: Context, printed: string) => string }> = [
  // A case reference of the examples (CMM-2026-0042), a `<case>`, a message's `${caseRef}`: the file's own case.
  { placeholder: /\$\{[\w.]*caseRef\}|<case(?: reference)?>|\b[A-Z]{2,6}-\d{4}-\d{3,6}\b/g, value: (c) => c.caseRef },
  { placeholder: /<workflow id>|<id>/g, value: (c) => `return-programme-${c.caseRef}` },
  // The app's address the reader has; here one that does not exist, so signing in is tried and fails at once.
  { placeholder: /<address of the app>|\$\{appUrl\}/g, value: () => 'https://desk.example.org' },
  { placeholder: /<partner code>|\$\{PARTNER_PLACEHOLDER\}/g, value: () => TEST_PARTNERS.api },
  { placeholder: /\$\{seq\}|<event id>/g, value: () => '3' },
  // The early warning's new deadline: a date-time within the test programme's longest reflection period.
  { placeholder: /\$\{until\}/g, value: () => new Date(Date.now() + 3_600_000).toISOString() },
  { placeholder: /<namespace>/g, value: () => inject('temporalNamespace') },
  // The retention `npm run temporal:namespace` was asked for, in the command it suggests.
  { placeholder: /\$\{settings\.PR_NAMESPACE_RETENTION_DAYS\}/g, value: () => '30' },
  // `prepared-return <command> --help`: test/client/help.test.ts asks every command for its help.
  { placeholder: /<command>/g, value: () => 'status' },
  { placeholder: /\bMM-DD\b/g, value: () => '01-15' },
  { placeholder: /\bHH:MM\b/g, value: () => '06:00' },
  // The local stack's folder (its certificate, a supervisor's token): the test's own, which has neither.
  { placeholder: /(?<=^|[\s=])\.data\//g, value: (c) => `${c.dir}/data/` },
  // A file written or a folder read: the test's own, never the clone.
  { placeholder: /(?<=--out )\S+/g, value: (c, printed) => join(c.dir, 'out', basename(printed)) },
  { placeholder: /(?<=--from )\/\S+|<folder>/g, value: (c) => join(c.dir, 'case-keys') },
  { placeholder: /(?<=--file )\S+/g, value: (c, printed) => caseFile(printed, c) },
  // A `temporal operator` command changes a namespace as a whole: the test's own (a new one to create).
  { placeholder: /(?<=^temporal operator namespace create .*(?:-n|--namespace) )\S+/g, value: (c) => `${c.namespace}-created` },
  { placeholder: /(?<=^temporal operator (?!namespace create).*(?:-n|--namespace) )\S+/g, value: (c) => c.namespace },
];

/**
 * Commands that cannot run for real here, run with `--help` instead (the command line up to it is
 * still parsed): `temporal server start-dev` is a server that runs until stopped, on the ports the
 * test server and a local stack already use.
 */
const HELP_ONLY = [/^temporal server start-dev\b/];

/**
 * The command lines a printed command stands for: placeholders filled in, `[--format md|html|csv|json]`
 * one command per choice, `--help` added where it cannot run for real.
 */
function asRun(command: PrintedCommand, context: Context): string[] {
  let line = command.line;
  for (const { placeholder, value } of FILL_INS) line = line.replace(placeholder, (printed) => value(context, printed));
  line = line.replace(/\[([^\]]+)\]/g, '$1');
  if (HELP_ONLY.some((p) => p.test(line))) line = `${line} --help`;
  const choice = /(?<=\s)(\w+(?:\|\w+)+)(?=\s|$)/.exec(line);
  const lines = choice ? choice[1]!.split('|').map((one) => line.replace(choice[1]!, one)) : [line];
  for (const l of lines) expect(l, `${command.where}: a placeholder the test does not fill in`).not.toMatch(/<[a-z][^>]*>|\$\{/);
  return lines;
}

/** A case file a command names: the documented example when the clone has no such file, with the file's case. */
function caseFile(path: string, context: Context): string {
  const source = existsSync(join(REPO, path)) ? join(REPO, path) : join(REPO, 'docs/examples/case-file.yaml');
  const target = join(context.dir, basename(path));
  writeFileSync(target, readFileSync(source, 'utf8').replace(/\bCMM-\d{4}-\d{4}\b/g, context.caseRef));
  return target;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bash(script: string, env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], { env, cwd: REPO, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr: code === null ? `${stderr}\n(killed after ${timeoutMs} ms)` : stderr });
    });
  });
}

/** `npx prepared-return` in a clone runs its own client: the one on the PATH here. */
const NPX_IS_THE_CLONE = 'npx() { if [ "$1" = prepared-return ]; then shift; prepared-return "$@"; else command npx "$@"; fi; }';

/** What the client (commander) and the Temporal CLI (cobra) say when they do not understand a command line. */
const NOT_UNDERSTOOD = /^error: |unknown option|unknown command|missing required argument|too many arguments|argument missing|unknown flag|unknown shorthand flag|required flag\(s\)|invalid argument/m;

const peers = useTestPeers();
const own: { database?: ScratchDatabase; desk?: Awaited<ReturnType<typeof startTestDesk>>; namespace: string; dirs: string[] } = {
  namespace: `doc-commands-${randomUUID().slice(0, 8)}`,
  dirs: [],
};
const ownDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  own.dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  own.database = await createScratchDatabase('pr_doc_commands');
  own.desk = await startTestDesk({ taskQueue: uniqueTaskQueue('doc-commands-desk') });
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    await registerNamespace(connection, own.namespace, 1);
    // The frontend knows a new namespace once its cache has caught up.
    for (let tries = 0; !(await connection.workflowService.listSchedules({ namespace: own.namespace }).then(() => true, () => false)); tries++) {
      if (tries === 60) throw new Error(`the namespace ${own.namespace} did not become usable`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await connection.close();
  }
}, 120_000);

afterAll(async () => {
  await own.desk?.stop();
  await own.database?.drop();
  for (const dir of own.dirs) rmSync(dir, { recursive: true, force: true });
});

describe('commands printed in the docs and in the program', () => {
  const printed = printedCommands();

  it('are found by pattern: the first steps, the operators\' and supervisors\' commands, the help examples and the hints', () => {
    const lines = (file: string) => printed.filter((c) => fileOf(c) === file).map((c) => c.line);
    expect(lines('README.md')).toContain('npx prepared-return status CMM-2026-0001');
    expect(lines('docs/case-file.md').length).toBeGreaterThan(0);
    expect(lines('docs/operations.md')).toContain('prepared-return erase <case> --confirm <case> --terminate');
    expect(lines('docs/supervisors.md')).toContain('temporal operator namespace update --namespace default --retention 30d');
    expect(lines('client/commands/status.ts')).toContain('prepared-return status CMM-2026-0042 --json | jq .nextDeadline');
    expect(lines('client/errors.ts')).toContain('npm run worker');
    expect(printed.filter((c) => fileOf(c) === 'README.md' && c.step).map((c) => c.setup)).toContainEqual(['export PR_CASEWORKER_ID=cw-demo', 'export PR_STAFF_DIRECTORY=dev/staff.yaml']);
    // The programme's name in a sentence is not a command.
    expect(printed.map((c) => c.line)).not.toContainEqual(expect.stringMatching(/^prepared-return (programmes?|partner|is|local|cluster)\b/));
  });

  it('every npm script and npx tool they name is the clone\'s own', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const wrong: string[] = [];
    for (const c of printed.filter((p) => p.program === 'npm')) {
      const [, verb, script] = /\bnpm (start|test|ci|run)(?: ([\w:.-]+))?/.exec(c.line) ?? [];
      const ok = verb === 'ci' ? existsSync(join(REPO, 'package-lock.json')) : verb === 'run' ? script !== undefined && script in scripts : verb !== undefined && verb in scripts;
      if (!ok) wrong.push(`${c.where}: ${c.line}`);
    }
    for (const c of printed.filter((p) => p.program === 'npx')) {
      const [tool, ...args] = c.line.replace(/^(?:[A-Z_]+=\S*\s+)*npx\s+/, '').split(/\s+/);
      const paths = tool === 'vitest' ? args.filter((a) => a !== 'run' && !a.startsWith('-')) : [];
      if (!existsSync(join(REPO, 'node_modules/.bin', tool!)) || paths.some((p) => !existsSync(join(REPO, p)))) wrong.push(`${c.where}: ${c.line}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every prepared-return and Temporal CLI command runs as printed', async () => {
    const bin = ownDir('pr-doc-commands-');
    writeFileSync(join(bin, 'prepared-return'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    const temporalCli = provisionTemporalCli({ allowDownload: false });
    if (temporalCli.type !== 'existing-path') throw new Error('the Temporal CLI is needed');
    symlinkSync(temporalCli.path, join(bin, 'temporal'));
    const taskQueue = uniqueTaskQueue('doc-commands');
    const loginFile = join(bin, 'login.json');
    const token = await accessTokenFor(own.desk!, DESK_STAFF.caseworker);

    const byFile = new Map<string, PrintedCommand[]>();
    for (const c of printed.filter((p) => p.program === 'prepared-return' || p.program === 'temporal')) byFile.set(fileOf(c), [...(byFile.get(fileOf(c)) ?? []), c]);

    const results: Array<{ where: string; program: string; line: string; code: number | null; answer: string; step: boolean }> = [];
    await withProgrammeWorker(
      taskQueue,
      async () => {
        for (const [file, commands] of byFile) {
          const context: Context = { caseRef: uniqueCaseRef('DOC'), namespace: own.namespace, dir: ownDir(`pr-doc-${basename(file)}-`) };
          mkdirSync(join(context.dir, 'case-keys'));
          mkdirSync(join(context.dir, 'out'));
          const seen = new Set<string>();
          for (const command of commands) {
            for (const line of asRun(command, context)) {
              const script = [...command.setup, line].join('\n');
              if (seen.has(script)) continue;
              seen.add(script);
              // Signed in, as after `prepared-return login` (which itself needs a person at the provider's page).
              writeLogin(loginFile, { appUrl: own.desk!.url, issuer: own.desk!.issuer, clientId: DEV_CLI_CLIENT_ID, audience: DEV_API_AUDIENCE, accessToken: token, expiresAt: Math.floor(Date.now() / 1000) + 600 });
              const env = cliEnv(taskQueue, { PATH: `${bin}:${process.env.PATH ?? ''}`, PR_LOGIN_FILE: loginFile, TOKEN: 'a-supervisor-token', ...ownPlaces(line) });
              const run = await bash(`${NPX_IS_THE_CLONE}\n${script}`, env);
              results.push({ where: command.where, program: command.program, line: script, code: run.code, answer: `${run.stderr}${run.stdout}`.trim(), step: command.step });
            }
          }
        }
      },
      peers.activities,
    );

    // The client answers done, refused or no such programme; never a usage error, an unreachable server or a stack trace.
    const answered: Array<number | null> = [EXIT.ok, EXIT.refused, EXIT.notFound];
    const notUnderstood = results.filter((r) => NOT_UNDERSTOOD.test(r.answer) || /\n\s+at /.test(r.answer) || (r.program === 'prepared-return' ? !answered.includes(r.code) : r.code === null));
    expect(notUnderstood.map(({ answer, ...r }) => ({ ...r, answer: answer.slice(0, 400) }))).toEqual([]);
    // A doc's shell block is a step the reader takes, not an example: it works.
    expect(results.filter((r) => r.step && r.line.includes('prepared-return') && r.code !== 0)).toEqual([]);
    expect(results.length).toBeGreaterThan(80);
  }, 900_000);
});

/**
 * Commands that act on a whole namespace or database run in one of the test's own: the annual
 * report's schedule (there is one per namespace; `--trigger` starts a report), and the case
 * secrets (`import` and `rewrap` touch every case of the database).
 */
function ownPlaces(line: string): Record<string, string> {
  if (/prepared-return report schedule\b/.test(line)) return { TEMPORAL_NAMESPACE: own.namespace };
  if (/prepared-return case-secrets\b/.test(line)) return { DATABASE_URL: own.database!.url };
  return {};
}
