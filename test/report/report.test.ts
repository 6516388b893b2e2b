/**
 * The status report from the evaluation ledger: thirteen programmes with known outcomes (short
 * policy) run on the real dev server and write their milestones to a ledger of this file's own (a
 * database on the machine's PostgreSQL); every figure is checked against what was seeded,
 * suppression included: her situation per area as the partner reported it at 6 and 12 months, the
 * concern resolved and how, the escalations a supervisor acknowledged. Then every programme is deleted from Temporal and the figures stay as they
 * were; the committed ledger of an earlier year gives the same figures and passes `report verify`.
 * The HTML report in a real browser (screenshot, non-empty SVG charts); the report schedule
 * triggered by hand, its mail in the SMTP sink; the `report` command run as a subprocess.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { openProgramme } from '../../client/openProgramme.js';
import { renderReport } from '../../domain/report/render/index.js';
import { createScratchDatabase, type ScratchDatabase } from '../../dev/scratchDatabase.js';
import type { ProgrammeFacts } from '../../domain/report/figures.js';
import { openDatabase } from '../../store/database.js';
import { readWholeLedger, verifyLedger } from '../../store/ledger.js';
import { readReportFacts } from '../../store/reportFacts.js';
import type { Store } from '../../store/store.js';
import { exportLedger, loadLedgerExport, type LedgerExport } from './ledgerExport.js';
import { describeReportSchedule, ensureReportSchedule, triggerReportSchedule } from '../../client/report/schedule.js';
import { computeFigures } from '../../domain/report/figures.js';
import { yearPeriod } from '../../domain/report/period.js';
import { publish, type PublishedReport } from '../../domain/report/publish.js';
import { DEFAULT_REPORT_SCHEDULE } from '../../domain/report/schedule.js';
import type { SituationArea, SituationLevel } from '../../domain/events.js';
import type { CheckpointName } from '../../domain/notifications.js';
import * as M from '../../workflows/messages.js';
import { departs, handoverConfirmed, partnerAccepts, partnerAsked, recordAssessment, reportEveryCheckpoint, travelIn, type ReportedSituation } from '../support/drive.js';
import { eventually, subjectOf, useHarness } from '../support/harness.js';
import { TEST_PARTNERS, TEST_STAFF } from '../support/peers.js';
import { caseworker, consent, event, partner, programmeInput, waitForStatus } from '../support/programmes.js';
import { uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from '../support/temporal.js';
import { cliFor } from '../client/runCli.js';
import { CHROMIUM } from '../support/chromium.js';

const h = useHarness();
const api = TEST_PARTNERS.api;
const YEAR = new Date().getUTCFullYear();
const CASEWORKER = `cw-rpt-${randomUUID().slice(0, 8)}`;
/** The committed ledger of an earlier year: the same thirteen programmes (RECORD_LEDGER_FIXTURES=1 writes it anew). */
const FIXTURE = fileURLToPath(new URL('../fixtures/ledger-earlier-year.json', import.meta.url));
const ARTEFACTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

type Handle = WorkflowHandle;
type Seed = { country: string; overrides?: Parameters<typeof programmeInput>[1]; drive: (handle: Handle) => Promise<unknown> };

async function returned(handle: Handle): Promise<void> {
  await recordAssessment(handle);
  await partnerAsked(handle, api);
  await partnerAccepts(handle, api);
  await handle.executeUpdate(M.updates.planTravel, { args: [travelIn(30 * 60_000)] });
  await departs(handle);
}
const cancel = (handle: Handle) => handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
const now = () => new Date().toISOString();
const supervisor = { by: 'sup-test', role: 'supervisor' as const };

/** A supervisor takes on the programme's first escalation on `topic` once it is raised. */
async function acknowledge(handle: Handle, topic: string): Promise<void> {
  const status = await waitForStatus(handle, (s) => s.escalations.some((e) => e.topic === topic), { what: `${topic} escalated` });
  const escalationId = status.escalations.find((e) => e.topic === topic)!.id;
  await handle.executeUpdate(M.updates.acknowledgeEscalation, { args: [{ ...supervisor, escalationId, action: 'contact-partner' }] });
}

/** Adequate in every area at 1, 3 and 6 months; at 12 months as the seed's partner saw her then. */
const AREAS: SituationArea[] = ['housing', 'livelihood', 'health', 'safety', 'family', 'legalStatus'];
const situations =
  (at12: Record<SituationArea, SituationLevel>) =>
  (checkpoint: CheckpointName): ReportedSituation =>
    checkpoint === 'month-12' ? at12 : (Object.fromEntries(AREAS.map((a) => [a, 'adequate'])) as Record<SituationArea, SituationLevel>);
/** The four followed up at 12 months: three doing well, the one with the concern fragile in housing and critical in safety. */
const AT_12: Array<Record<SituationArea, SituationLevel>> = [
  { housing: 'secure', livelihood: 'adequate', health: 'secure', safety: 'secure', family: 'adequate', legalStatus: 'secure' },
  { housing: 'secure', livelihood: 'adequate', health: 'adequate', safety: 'secure', family: 'adequate', legalStatus: 'secure' },
  { housing: 'secure', livelihood: 'adequate', health: 'secure', safety: 'secure', family: 'adequate', legalStatus: 'secure' },
  { housing: 'fragile', livelihood: 'adequate', health: 'adequate', safety: 'critical', family: 'secure', legalStatus: 'secure' },
];

/**
 * What is seeded: four followed up, reporting her situation per area (one with a concern, which a
 * supervisor acknowledges and the caseworker resolves: risk reduced), one received late (the
 * supervisor acknowledges the missing handover) and never reported on, one without follow-up
 * consent, one declined, one residence granted, one absconded, one still open (RO); three cancelled (MD).
 */
const SEEDS: Seed[] = [
  ...[0, 1, 2].map((i): Seed => ({ country: 'RO', drive: async (h1) => (await returned(h1), await handoverConfirmed(h1, api), await reportEveryCheckpoint(h1, api, situations(AT_12[i]!))) })),
  {
    country: 'RO',
    drive: async (h1) => {
      await returned(h1);
      await handoverConfirmed(h1, api);
      await h1.signal(M.signals.concernRaised, event(partner(api), { kind: 'threats' as const }));
      await acknowledge(h1, 'concern-raised');
      await h1.executeUpdate(M.updates.resolveConcern, { args: [{ by: 'cw-test', concern: 1, resolution: 'risk-reduced' }] });
      await reportEveryCheckpoint(h1, api, situations(AT_12[3]!));
    },
  },
  {
    // Received late (after the handover window), then no follow-up report ever comes.
    country: 'RO',
    overrides: { policy: { handoverWindow: '1s', followUpReportWindow: '1s' } },
    drive: async (h1) => {
      await recordAssessment(h1);
      await partnerAsked(h1, api);
      await partnerAccepts(h1, api);
      await h1.executeUpdate(M.updates.planTravel, { args: [travelIn(1500)] });
      await departs(h1);
      await acknowledge(h1, 'handover-missing');
      await handoverConfirmed(h1, api);
    },
  },
  { country: 'RO', overrides: { consent: { participation: consent(now()), sharing: consent(now()) } }, drive: async (h1) => (await returned(h1), await handoverConfirmed(h1, api)) },
  {
    country: 'RO',
    drive: async (h1) => {
      await recordAssessment(h1);
      await partnerAsked(h1, api);
      await h1.signal(M.signals.consentWithdrawn, event(caseworker, { scope: 'participation' as const, source: 'in-person' as const }));
    },
  },
  {
    country: 'RO',
    drive: async (h1) => {
      await recordAssessment(h1);
      await partnerAsked(h1, api);
      await h1.signal(M.signals.asylumApplied, event(caseworker, {}));
      await waitForStatus(h1, (s) => s.asylum === 'pending-dis');
      await h1.signal(M.signals.asylumDecision, event(caseworker, { authority: 'DIS' as const, decision: 'convention' as const }));
    },
  },
  { country: 'RO', overrides: { policy: { missingClosure: '2s' } }, drive: (h1) => h1.signal(M.signals.personMissing, event(caseworker, { state: 'missing' as const })) },
  { country: 'RO', drive: async () => undefined },
  ...[0, 1, 2].map((): Seed => ({ country: 'MD', drive: cancel })),
];
const OPEN_SEED = 9;

/** The groups of every table, in the order the truth lists them: overall, RO, MD, the API partner, no partner accepted. */
const GROUPS = ['overall', 'country:RO', 'country:MD', `partner:${api}`, 'partner:none'];
/** One table of the truth: its columns, then a row of counts per group (in GROUPS' order). */
function truth(columns: string, ...rows: number[][]): Record<string, Record<string, number>> {
  const names = columns.split(' ');
  return Object.fromEntries(rows.map((row, g) => [GROUPS[g]!, Object.fromEntries(names.map((name, c) => [name, row[c]!]))]));
}

/** A situation table of the truth: a row of counts per area. */
function byArea(...rows: number[][]): Record<string, Record<string, number>> {
  const names = ['reports', 'secure', 'adequate', 'fragile', 'critical', 'unknown', 'notRecorded'];
  return Object.fromEntries(rows.map((row, a) => [AREAS[a]!, Object.fromEntries(names.map((name, c) => [name, row[c]!]))]));
}
const CONCERN_COLUMNS = 'raised resolved she-is-safe risk-reduced unfounded handed-to-authority no-longer-relevant other resolutionNotRecorded open openAtPeriodEnd';
const RESPONSE_COLUMNS = 'escalations acknowledged notAcknowledged acknowledgementNotRecorded resolvedByStaff resolvedByProgramme unresolved';

/** The seeded truth, per table, written out by hand from SEEDS above. */
const TRUTH: Record<string, Record<string, Record<string, number>>> = {
  outcomes: truth('opened returned-followed-up returned-follow-up-incomplete returned-no-follow-up-consent absconded declined cancelled residence-granted open', [13, 4, 1, 1, 1, 1, 3, 1, 1], [10, 4, 1, 1, 1, 1, 0, 1, 1], [3, 0, 0, 0, 0, 0, 3, 0, 0], [6, 4, 1, 1, 0, 0, 0, 0, 0], [7, 0, 0, 0, 1, 1, 3, 1, 1]),
  uptake: truth('opened takenUp declined dropped residenceGranted notYetDeparted', [13, 6, 1, 4, 1, 1], [10, 6, 1, 1, 1, 1], [3, 0, 0, 3, 0, 0], [6, 6, 0, 0, 0, 0], [7, 0, 1, 4, 1, 1]),
  departure: truth('departed under30 days30to59 days60to89 days90to119 days120plus', [6, 6, 0, 0, 0, 0], [6, 6, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [6, 6, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]),
  referrals: truth('asked accepted declined noAnswer other', [8, 6, 0, 0, 2], [8, 6, 0, 0, 2], [0, 0, 0, 0, 0], [8, 6, 0, 0, 2], [0, 0, 0, 0, 0]),
  handover: truth('departed inWindow late notConfirmed', [6, 5, 1, 0], [6, 5, 1, 0], [0, 0, 0, 0], [6, 5, 1, 0], [0, 0, 0, 0]),
  followUpByCheckpoint: Object.fromEntries(['month-1', 'month-3', 'month-6', 'month-12'].map((c) => [c, { reached: 5, received: 4, missed: 1, stopped: 1, pending: 0 }])),
  followUp: truth('reached received missed stopped pending', [20, 16, 4, 4, 0], [20, 16, 4, 4, 0], [0, 0, 0, 0, 0], [20, 16, 4, 4, 0], [0, 0, 0, 0, 0]),
  // Every area counts each of the four reports once; at 6 months all adequate.
  situationMonth6: byArea(...AREAS.map(() => [4, 0, 4, 0, 0, 0, 0])),
  situationMonth12: byArea([4, 3, 0, 1, 0, 0, 0], [4, 0, 4, 0, 0, 0, 0], [4, 2, 2, 0, 0, 0, 0], [4, 3, 0, 0, 1, 0, 0], [4, 1, 3, 0, 0, 0, 0], [4, 4, 0, 0, 0, 0, 0]),
  // Escalations: the concern (urgent, acknowledged, resolved with it), the late handover (urgent,
  // acknowledged, resolved when it came), four missed checkpoints, the absconding (urgent).
  safety: truth('concerns programmesWithConcern escalations resolved unresolved urgent withdrewParticipation withdrewSharing withdrewFollowUp', [1, 1, 7, 2, 5, 3, 1, 0, 0], [1, 1, 7, 2, 5, 3, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 6, 2, 4, 2, 0, 0, 0], [0, 0, 1, 0, 1, 1, 1, 0, 0]),
  concerns: truth(CONCERN_COLUMNS, [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0], [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  escalationResponses: truth(RESPONSE_COLUMNS, [7, 2, 5, 0, 1, 1, 5], [7, 2, 5, 0, 1, 1, 5], [0, 0, 0, 0, 0, 0, 0], [6, 2, 4, 0, 1, 1, 4], [1, 0, 1, 0, 0, 0, 1]),
};

/**
 * Where the committed ledger of an earlier year differs: it was made under counting rule 2026.1 by
 * these seeds as they were then, every report in the earlier form, the concern never resolved and
 * no escalation acknowledged. Its situation, resolutions and acknowledgements count as not recorded.
 */
const EARLIER_RULE: Record<string, Record<string, Record<string, number>>> = {
  situationMonth6: byArea(...AREAS.map(() => [4, 0, 0, 0, 0, 0, 4])),
  situationMonth12: byArea(...AREAS.map(() => [4, 0, 0, 0, 0, 0, 4])),
  safety: truth('concerns programmesWithConcern escalations resolved unresolved urgent withdrewParticipation withdrewSharing withdrewFollowUp', [1, 1, 7, 1, 6, 3, 1, 0, 0], [1, 1, 7, 1, 6, 3, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 6, 1, 5, 2, 0, 0, 0], [0, 0, 1, 0, 1, 1, 1, 0, 0]),
  // Never resolved: open at the end of that year too.
  concerns: truth(CONCERN_COLUMNS, [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  escalationResponses: truth(RESPONSE_COLUMNS, [7, 0, 0, 7, 0, 1, 6], [7, 0, 0, 7, 0, 1, 6], [0, 0, 0, 0, 0, 0, 0], [6, 0, 0, 6, 0, 1, 5], [1, 0, 0, 1, 0, 0, 1]),
};

let caseRefs: string[] = [];
let statuses: ProgrammeFacts[] = [];
let report: PublishedReport;
let cliJson: PublishedReport | undefined;
let cliMarkdown = '';
/** After the open programme was closed: before and after every programme was deleted from Temporal. */
let closedReport: PublishedReport;
let afterDeletion: PublishedReport;
let verified: { code: number | null; stdout: string; stderr: string };
const period = yearPeriod(YEAR);
const taskQueue = uniqueTaskQueue('report');
/** This file's own ledger: the report counts every programme in it, and only this file writes to it. */
let ledger: ScratchDatabase;
let store: Store;
const ledgerReport = async (p = period, s = store) => {
  const facts = await readReportFacts(s.db, p);
  return { facts, report: publish(computeFigures(facts.programmes, p, new Date().toISOString(), facts.declinedOffers)) };
};

afterAll(async () => {
  await store?.db.close();
  await ledger?.drop();
});

beforeAll(async () => {
  ledger = await createScratchDatabase('pr_report');
  store = { db: openDatabase({ url: ledger.url, poolMax: 4 }), pseudonymKey: inject('pseudonymKey') };
  const activities = createActivities({ ...h.peers.deps, store });
  await withProgrammeWorker(
    taskQueue,
    async () => {
      const handles = await Promise.all(
        SEEDS.map(async (seed) => {
          const caseRef = uniqueCaseRef('RPT');
          const input = programmeInput(caseRef, { homeCountry: seed.country, ...seed.overrides, caseworkerId: CASEWORKER });
          const { handle } = await openProgramme(h.env.client, input, { taskQueue });
          return { caseRef, handle };
        }),
      );
      caseRefs = handles.map((x) => x.caseRef);
      await Promise.all(handles.map(({ handle }, i) => SEEDS[i]!.drive(handle)));
      // Every seeded programme but the open one has ended before the report is made.
      await Promise.all(handles.filter((_, i) => i !== OPEN_SEED).map(({ handle }) => handle.result()));

      const built = await ledgerReport();
      statuses = built.facts.programmes;
      report = built.report;

      // The same through the executable, pointed at this file's ledger.
      const cli = cliFor(taskQueue, { DATABASE_URL: ledger.url, PR_CASEWORKER_ID: CASEWORKER });
      mkdirSync(ARTEFACTS, { recursive: true });
      const out = join(ARTEFACTS, `report-${CASEWORKER}.json`);
      const written = await cli('report', '--year', String(YEAR), '--format', 'json', '--out', out);
      if (written.code === 0) cliJson = JSON.parse(readFileSync(out, 'utf8')) as PublishedReport;
      else console.error('report --format json failed:', written.stderr);
      rmSync(out, { force: true });
      cliMarkdown = (await cli('report', '--from', `${YEAR}-01-01`, '--to', `${YEAR}-12-31`)).stdout;

      await cancel(handles[OPEN_SEED]!.handle);
      await handles[OPEN_SEED]!.handle.result();
      closedReport = (await ledgerReport()).report;

      // Temporal forgets them all (as retention would); the ledger does not.
      for (const { handle } of handles) {
        const { runId } = await handle.describe();
        await h.env.client.workflowService.deleteWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId: handle.workflowId, runId } });
      }
      // The server deletes in the background: wait until none of them can be described any more.
      for (const { handle } of handles) {
        for (let tries = 0; await handle.describe().then(() => true, () => false); tries++) {
          if (tries > 240) throw new Error(`${handle.workflowId} was not deleted`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      afterDeletion = (await ledgerReport()).report;
      verified = await cli('report', 'verify');

      if (process.env.RECORD_LEDGER_FIXTURES) writeFileSync(FIXTURE, `${JSON.stringify(exportLedger((await readWholeLedger(store.db)).records, YEAR - 1), null, 1)}\n`);
    },
    activities,
  );
}, 420_000);

const cellOf = (r: PublishedReport, table: string, row: string, column: string) => r.tables.find((t) => t.id === table)!.rows.find((x) => x.key === row)!.cells[column]!;

describe('the status report', () => {
  it('counts every figure as seeded (raw, before suppression)', () => {
    expect(statuses).toHaveLength(SEEDS.length);
    const raw = computeFigures(statuses, period, new Date().toISOString());
    for (const [table, rows] of Object.entries(TRUTH)) {
      const t = raw.tables.find((x) => x.id === table)!;
      expect(t.rows.map((r) => r.key).sort(), table).toEqual(expect.arrayContaining(Object.keys(rows)));
      for (const [row, columns] of Object.entries(rows)) expect(t.counts[row], `${table}/${row}`).toEqual(columns);
    }
    expect(raw.tables.find((t) => t.id === 'outcomes')!.rows.map((r) => r.key)).toEqual(['overall', 'country:MD', 'country:RO', `partner:${api}`, 'partner:none', 'sex:unknown', 'ageBand:unknown']);
  });

  it('publishes each count as seeded, "<3" exactly where it is under 3, and hides more only where a small one could be worked out', () => {
    for (const [table, rows] of Object.entries(TRUTH)) {
      for (const [row, columns] of Object.entries(rows)) {
        for (const [column, truth] of Object.entries(columns)) {
          const cell = cellOf(report, table, row, column);
          const where = `${table}/${row}/${column}`;
          if (truth < 3) expect(cell, where).toEqual({ value: null, display: '<3', hidden: 'primary' });
          else if (cell.hidden) expect(cell, where).toEqual({ value: null, display: '..', hidden: 'secondary' });
          else expect(cell, where).toEqual({ value: truth, display: String(truth) });
        }
      }
    }
    // Worked out by hand: MD's 3 programmes were all cancelled, and every other MD cell is 0 ("<3"),
    // so MD's opened and cancelled counts (and the overall cancelled count that with RO's 0 would give them away) are hidden.
    expect(cellOf(report, 'outcomes', 'country:MD', 'opened').display).toBe('..');
    expect(cellOf(report, 'outcomes', 'country:MD', 'cancelled').display).toBe('..');
    expect(cellOf(report, 'outcomes', 'overall', 'cancelled').display).toBe('..');
    expect(cellOf(report, 'outcomes', 'overall', 'opened').display).toBe('13');
    expect(cellOf(report, 'outcomes', 'overall', 'returned-followed-up').display).toBe('4');
    expect(cellOf(report, 'outcomes', 'overall', 'absconded').display).toBe('<3');
    expect(cellOf(report, 'outcomes', 'overall', 'residence-granted').display).toBe('<3');
  });

  it('derives rates and durations from shown counts only, as the seeded timestamps give them', () => {
    const returnedOnes = statuses.filter((s) => s.departedAt);
    const days = returnedOnes.map((s) => Date.parse(s.departedAt!) - Date.parse(s.openedAt)).sort((a, b) => a - b);
    // Six values: the median is the mean of the third and fourth.
    expect(cellOf(report, 'departure', 'overall', 'median').value).toBe(Math.round((days[2]! + days[3]!) / 2 / 1000) * 1000);
    expect(cellOf(report, 'departure', 'country:MD', 'median')).toEqual({ value: null, display: 'n<5', hidden: 'too-few' });
    const responses = statuses.flatMap((s) => s.referral.candidates.filter((c) => c.state === 'accepted').map((c) => Date.parse(c.answeredAt!) - Date.parse(c.askedAt!))).sort((a, b) => a - b);
    expect(cellOf(report, 'referrals', 'overall', 'median').value).toBe(Math.round((responses[2]! + responses[3]!) / 2 / 1000) * 1000);
    expect(cellOf(report, 'referrals', 'overall', 'acceptanceRate')).toEqual({ value: 75, display: '75 %' });
    expect(cellOf(report, 'handover', 'overall', 'inWindowRate')).toEqual({ value: 83, display: '83 %' });
    // 4 received of 5 reached would give away the single miss: the received count and the rate are hidden.
    for (const c of ['month-1', 'month-3', 'month-6', 'month-12']) {
      expect(cellOf(report, 'followUpByCheckpoint', c, 'received').display).toBe('..');
      expect(cellOf(report, 'followUpByCheckpoint', c, 'completion')).toEqual({ value: null, display: '..', hidden: 'secondary' });
    }
    // One escalation was resolved: too few for a time open.
    expect(cellOf(report, 'safety', 'overall', 'median').display).toBe('n<5');
    const key = Object.fromEntries(report.keyFigures.map((k) => [k.label, k.cell.display]));
    expect(key).toMatchObject({ 'Programmes opened': '13', 'Offers taken up (departed)': '6', 'Residence granted': '<3', Absconded: '<3', 'Referral acceptance rate': '75 %', 'Follow-up completion at 12 months': '..', Escalations: '7' });
  });

  it('shows her situation at 12 months, the concern resolved and the escalations acknowledged, small numbers hidden', () => {
    // Three of four secure in housing and in safety: shown, the one fragile or critical hidden.
    expect(cellOf(report, 'situationMonth12', 'housing', 'secure').display).toBe('3');
    expect(cellOf(report, 'situationMonth12', 'housing', 'fragile').display).toBe('<3');
    expect(cellOf(report, 'situationMonth12', 'safety', 'secure').display).toBe('3');
    expect(cellOf(report, 'situationMonth12', 'safety', 'critical').display).toBe('<3');
    // All four adequate in livelihood, all four secure in legal status: hidden, as a 4 would say every other level is 0.
    expect(cellOf(report, 'situationMonth12', 'livelihood', 'adequate')).toEqual({ value: null, display: '..', hidden: 'secondary' });
    expect(cellOf(report, 'situationMonth12', 'legalStatus', 'secure')).toEqual({ value: null, display: '..', hidden: 'secondary' });
    // The reports are the checkpoint's received count: hidden there (it would give the single miss away), hidden here.
    for (const area of AREAS) expect(cellOf(report, 'situationMonth12', area, 'reports'), area).toEqual(cellOf(report, 'followUpByCheckpoint', 'month-12', 'received'));
    expect(cellOf(report, 'concerns', 'overall', 'risk-reduced').display).toBe('<3');
    expect(cellOf(report, 'escalationResponses', 'overall', 'acknowledged').display).toBe('<3');
    expect(cellOf(report, 'escalationResponses', 'overall', 'median')).toEqual({ value: null, display: 'n<5', hidden: 'too-few' });
    // The acknowledgements came after the escalations, within the test's minutes.
    const times = statuses.flatMap((s) => s.escalations.filter((e) => e.acknowledgedAt !== null).map((e) => Date.parse(e.acknowledgedAt!) - Date.parse(e.raisedAt)));
    expect(times).toHaveLength(2);
    for (const ms of times) expect(ms).toBeGreaterThanOrEqual(0);
    const key = Object.fromEntries(report.keyFigures.map((k) => [k.label, k.cell.display]));
    expect(key).toMatchObject({ 'Concerns resolved': '<3', 'Median time until a supervisor acknowledged an escalation': 'n<5' });
    expect(renderReport(report, 'md')).toContain('## Her situation at 12 months, by area');
  });

  it('keeps every figure when the programmes are gone from Temporal, and the ledger verifies', () => {
    expect(afterDeletion.tables).toEqual(closedReport.tables);
    expect(afterDeletion.keyFigures).toEqual(closedReport.keyFigures);
    // The open programme was cancelled before they were deleted: it counts as cancelled now.
    expect(cellOf(closedReport, 'outcomes', 'overall', 'opened').display).toBe('13');
    expect(cellOf(afterDeletion, 'outcomes', 'overall', 'cancelled').value).toBe(4);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^The ledger's chain holds: \d+ records, each linked to the one before; head [0-9a-f]{64}\.$/m);
  });

  it('gives the same figures from the committed ledger of an earlier year, which verifies', async () => {
    const committed = JSON.parse(readFileSync(FIXTURE, 'utf8')) as LedgerExport;
    expect(committed.year).toBeLessThan(YEAR);
    const earlier = await createScratchDatabase('pr_fixture');
    const db = openDatabase({ url: earlier.url, poolMax: 2 });
    try {
      await loadLedgerExport(db, committed);
      expect(await verifyLedger(db)).toMatchObject({ ok: true, records: committed.records.length });
      const { facts } = await ledgerReport(yearPeriod(committed.year), { db, pseudonymKey: 'unused' });
      const raw = computeFigures(facts.programmes, yearPeriod(committed.year), new Date().toISOString());
      for (const [table, rows] of Object.entries({ ...TRUTH, ...EARLIER_RULE })) {
        const t = raw.tables.find((x) => x.id === table)!;
        for (const [row, columns] of Object.entries(rows)) {
          // The fixture was taken after the programme left open here was cancelled: it counts as cancelled (dropped) there.
          const closing = ['overall', 'country:RO', 'partner:none'].includes(row);
          const expected =
            closing && table === 'outcomes'
              ? { ...columns, open: 0, cancelled: columns.cancelled! + 1 }
              : closing && table === 'uptake'
                ? { ...columns, notYetDeparted: 0, dropped: columns.dropped! + 1 }
                : columns;
          expect(t.counts[row], `${table}/${row}`).toEqual(expected);
        }
      }
      // Nothing of this year leaks into that one.
      expect((await ledgerReport(yearPeriod(committed.year))).facts.programmes).toHaveLength(0);
    } finally {
      await db.close();
      await earlier.drop();
    }
  });

  it('holds no case reference or staff id in any format, and the command line gives the same figures', () => {
    for (const format of ['md', 'html', 'csv', 'json'] as const) {
      const text = renderReport(report, format);
      for (const ref of caseRefs) expect(text).not.toContain(ref);
      expect(text).not.toContain(CASEWORKER);
    }
    expect(cliJson, 'report --format json').toBeDefined();
    expect(cliJson!.tables).toEqual(report.tables);
    expect(cliMarkdown).toContain(`# Prepared return: status report ${YEAR}-01-01 – ${YEAR}-12-31`);
    expect(cliMarkdown).toMatch(/\| Programmes opened \| 13 \|/);
    // Read in a terminal as it is: `<3`, not the HTML entity.
    expect(cliMarkdown).toMatch(/\| Residence granted \| <3 \|/);
    expect(cliMarkdown).not.toContain('&lt;');
  });

  it('renders as HTML with four non-empty SVG charts in a real browser (screenshot saved)', async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    const file = join(ARTEFACTS, 'status-report.html');
    writeFileSync(file, renderReport(report, 'html'));
    const profile = join(tmpdir(), `pr-report-chromium-${randomUUID().slice(0, 8)}`);
    const context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM,
      viewport: { width: 1200, height: 900 },
    });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`);
      // SVG elements, typed by hand: the project compiles without the DOM library.
      type Graphic = { getAttribute(name: string): string | null; getBBox(): { width: number; height: number }; querySelectorAll(selector: string): Iterable<unknown> };
      const charts = await page.$$eval('svg.chart', (svgs) =>
        (svgs as unknown as Graphic[]).map((svg) => ({
          id: svg.getAttribute('data-chart'),
          box: svg.getBBox().width,
          bars: [...(svg.querySelectorAll('rect.bar') as Iterable<Graphic>)].filter((r) => r.getBBox().width > 0 && r.getBBox().height > 0).length,
        })),
      );
      expect(charts.map((c) => c.id)).toEqual(['outcomes', 'departure', 'follow-up', 'countries']);
      for (const c of charts) {
        expect(c.box, c.id!).toBeGreaterThan(100);
        expect(c.bars, c.id!).toBeGreaterThan(0);
      }
      // Self-contained: the page asks for nothing but itself.
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      await page.screenshot({ path: join(ARTEFACTS, 'status-report.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(ARTEFACTS, 'status-report-print.png'), fullPage: true });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

describe('the annual report schedule', () => {
  const scheduleId = `test-annual-report-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    await h.env.client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
  });

  it('triggered by hand, mails last year’s report to the recipients', async () => {
    const queue = uniqueTaskQueue('annual-report');
    expect(await ensureReportSchedule(h.env.client, DEFAULT_REPORT_SCHEDULE, { scheduleId, taskQueue: queue })).toBe('created');
    expect(await ensureReportSchedule(h.env.client, { ...DEFAULT_REPORT_SCHEDULE, month: 3 }, { scheduleId, taskQueue: queue })).toBe('exists');
    const view = await describeReportSchedule(h.env.client, scheduleId);
    expect(view).toMatchObject({ settings: DEFAULT_REPORT_SCHEDULE, paused: false, taskQueue: queue });
    expect(view!.nextRuns[0]).toMatch(/^\d{4}-01-15T0[45]:00:00.000Z$/);

    await withProgrammeWorker(
      queue,
      async () => {
        await triggerReportSchedule(h.env.client, scheduleId);
        const subject = `status report ${YEAR - 1}`;
        const [mail] = await eventually(() => h.peers.smtp.messages().filter((m) => subjectOf(m).includes(subject)), 'the report mail', 30_000);
        expect(mail!.to).toEqual(TEST_STAFF.supervisors);
        expect(mail!.raw).toContain(`prepared-return-report-${YEAR - 1}.html`);
        expect(mail!.raw).toContain(`prepared-return-report-${YEAR - 1}.csv`);
        const html = attachment(mail!.raw, `prepared-return-report-${YEAR - 1}.html`);
        expect(html).toContain('<svg');
        expect(html).toContain(`Prepared return: status report ${YEAR - 1}`);
      },
      h.peers.activities,
    );
    const after = await describeReportSchedule(h.env.client, scheduleId);
    expect(after!.recentRuns).toHaveLength(1);
  });
});

/** The decoded content of one attachment of a multipart message. */
function attachment(raw: string, filename: string): string {
  const part = raw.split(/\r\n--/).find((p) => p.includes(`filename=${filename}`) || p.includes(`filename="${filename}"`));
  if (!part) throw new Error(`no attachment ${filename}`);
  const split = part.indexOf('\r\n\r\n');
  const head = part.slice(0, split);
  const body = part.slice(split + 4);
  return /content-transfer-encoding:\s*base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
}
