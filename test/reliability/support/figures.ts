/**
 * The figures of one scenario, counted from what the peers received and what the programmes recorded:
 *
 *   programmes     started / completed (closed with the expected outcome) / lost
 *   events         sent / recorded in the timeline / duplicated (one event in the timeline twice)
 *   notifications  expected (the programme says it delivered) / delivered (distinct Message-IDs and
 *                  Idempotency-Keys the peers accepted) / duplicated (one notification under two keys)
 *   ledger         expected (milestones in the timelines) / written (records in the ledger for those
 *                  cases) / duplicated (one milestone recorded twice) / lost
 *   workflow-task failures (`UnhandledCommand` aside, see test/support/programmes.ts)
 *
 * Every "lost" and "duplicated" figure must be 0.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceivedPartnerMessage } from '../../../dev/partnerSimulator.js';
import type { ReceivedMail } from '../../../dev/smtpSink.js';
import { isMilestoneEntry } from '../../../domain/ledger/milestones.js';
import type { Database } from '../../../store/database.js';
import { pseudonym } from '../../../store/pseudonym.js';
import { workflowTaskFailures } from '../../support/programmes.js';
import type { ProgrammeRun } from './programmeRun.js';
import { ROOT } from './stack.js';

export interface Figures {
  scenario: string;
  fault: string;
  programmes: { started: number; completed: number; lost: number };
  events: { sent: number; recorded: number; lost: number; duplicated: number };
  notifications: { expected: number; delivered: number; lost: number; duplicated: number };
  ledger?: { expected: number; written: number; duplicated: number; lost: number };
  workflowTaskFailures: number;
  seconds: number;
}

export interface CountInput {
  scenario: string;
  fault: string;
  runs: ProgrammeRun[];
  expectedOutcome: string;
  mail: ReceivedMail[];
  /** The messages the partners' API accepted. */
  partnerMessages: ReceivedPartnerMessage[];
  startedAt: number;
  /** The scenario's ledger (read directly, not through the proxy) and its pseudonym key. */
  ledger: { db: Database; pseudonymKey: string };
}

export async function countFigures(input: CountInput): Promise<Figures> {
  const { runs } = input;
  const completed = runs.filter((r) => r.result?.outcome === input.expectedOutcome);

  const events = { sent: 0, recorded: 0, duplicated: 0 };
  const notifications = { expected: 0, delivered: 0, duplicated: 0 };
  const ledger = { expected: 0, written: 0, duplicated: 0, lost: 0 };
  let failures = 0;
  for (const run of runs) {
    const timeline = run.result?.timeline ?? (await run.status().catch(() => undefined))?.timeline ?? [];
    const milestones = timeline.filter(isMilestoneEntry).length;
    const { rows } = await input.ledger.db.pool.query<{ milestone: string; code: string | null; since_opened_ms: string }>(
      'SELECT milestone, code, since_opened_ms FROM ledger WHERE case_pseudonym = $1',
      [pseudonym(input.ledger.pseudonymKey, 'ledger', run.caseRef)],
    );
    const distinct = new Set(rows.map((r) => `${r.milestone}/${r.code}/${r.since_opened_ms}`)).size;
    ledger.expected += milestones;
    ledger.written += rows.length;
    ledger.duplicated += rows.length - distinct;
    ledger.lost += Math.max(0, milestones - distinct);
    for (const event of run.sent) {
      events.sent += 1;
      // A gateway event id is `<webhook-id>:<digest>`: one webhook-id in the timeline twice is a duplicate too.
      const webhookId = event.eventId.split(':')[0]!;
      const entries = timeline.filter((e) => e.eventId === event.eventId || (event.eventId.includes(':') && e.eventId?.split(':')[0] === webhookId));
      if (entries.length > 0) events.recorded += 1;
      if (entries.length > 1) events.duplicated += entries.length - 1;
    }
    // What the programme counts as delivered, and what it gave up on (lost, if anything).
    notifications.expected += timeline.filter((e) => ['partnerContacted', 'staffNotified', 'partnerUnreachable', 'staffNotificationFailed'].includes(e.kind)).length;

    // Each notification under its key (Message-ID, Idempotency-Key) with what it said.
    const mails = input.mail.filter((m) => m.raw.includes(run.caseRef)).map((m) => ({ key: m.messageId ?? m.raw, content: mailContent(m) }));
    const requests = input.partnerMessages.filter((m) => m.data.caseRef === run.caseRef).map((m) => ({ key: String(m.headers['idempotency-key']), content: `${m.url}\n${m.body}` }));
    notifications.delivered += new Set(mails.map((m) => m.key)).size + new Set(requests.map((r) => r.key)).size;
    notifications.duplicated += duplicatesBeyondKeys(mails) + duplicatesBeyondKeys(requests);

    failures += await workflowTaskFailures(run.handle).catch(() => 0);
  }

  return {
    scenario: input.scenario,
    fault: input.fault,
    programmes: { started: runs.length, completed: completed.length, lost: runs.length - completed.length },
    events: { ...events, lost: events.sent - events.recorded },
    notifications: { ...notifications, lost: Math.max(0, notifications.expected - (notifications.delivered - notifications.duplicated)) },
    ledger,
    workflowTaskFailures: failures,
    seconds: Math.round((Date.now() - input.startedAt) / 1000),
  };
}

/** The same notification (same content) under more than one Message-ID or Idempotency-Key. */
function duplicatesBeyondKeys(items: Array<{ key: string; content: string }>): number {
  const keysByContent = new Map<string, Set<string>>();
  for (const item of items) {
    const keys = keysByContent.get(item.content) ?? new Set<string>();
    keys.add(item.key);
    keysByContent.set(item.content, keys);
  }
  return [...keysByContent.values()].reduce((sum, keys) => sum + keys.size - 1, 0);
}

/** A message without the headers that differ between two sends of it (Message-ID, Date). */
function mailContent(mail: ReceivedMail): string {
  return `${mail.to.join(',')}\n${mail.raw.replace(/^(message-id|date):.*(?:\r?\n[ \t].*)*\r?\n/gim, '')}`;
}

/** The suite whose table this is: `reliability`, or `cluster` (set by vitest.cluster.config.ts). */
const SUITE = process.env.PR_FIGURES_SUITE ?? 'reliability';
const RESULTS = join(ROOT, 'test-results', SUITE);

/** Each scenario file keeps its row; the global teardown prints them all as one table. */
export function saveFigures(figures: Figures): void {
  mkdirSync(join(RESULTS, 'rows'), { recursive: true });
  writeFileSync(join(RESULTS, 'rows', `${figures.scenario}.json`), JSON.stringify(figures, null, 2));
  console.log(formatTable([figures]));
}

export function savedFigures(): Figures[] {
  let files: string[] = [];
  try {
    files = readdirSync(join(RESULTS, 'rows')).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(join(RESULTS, 'rows', f), 'utf8')) as Figures);
}

export function formatTable(rows: Figures[]): string {
  const header = ['scenario', 'programmes started/completed/lost', 'events sent/recorded/duplicated', 'notifications expected/delivered/duplicated', 'ledger expected/written/duplicated/lost', 'wf-task failures', 's'];
  const lines = rows.map((f) => [
    f.scenario,
    `${f.programmes.started} / ${f.programmes.completed} / ${f.programmes.lost}`,
    `${f.events.sent} / ${f.events.recorded} / ${f.events.duplicated}`,
    `${f.notifications.expected} / ${f.notifications.delivered} / ${f.notifications.duplicated}`,
    f.ledger ? `${f.ledger.expected} / ${f.ledger.written} / ${f.ledger.duplicated} / ${f.ledger.lost}` : '-',
    String(f.workflowTaskFailures),
    String(f.seconds),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n');
}

export function writeSummary(rows: Figures[]): string {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(ROOT, 'test-results', `${SUITE}.json`), JSON.stringify({ generatedAt: new Date().toISOString(), scenarios: rows }, null, 2));
  return formatTable(rows);
}
