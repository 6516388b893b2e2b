/**
 * The report's content figures: her situation at 6 and 12 months by area, how concerns ended, and
 * escalations acknowledged and resolved. First the codes a programme writes for them (what the
 * ledger activity accepts); then a ledger of this file's own on PostgreSQL, made by hand with
 * records under both counting rules, read back as the report reads it: every figure counted as
 * written, every count under 3 hidden, and the hidden ones not given away by a shown total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../dev/scratchDatabase.js';
import { milestoneOf } from '../../domain/ledger/milestones.js';
import { COUNTING_RULE, LedgerCode, madeUnder, type LedgerMilestone, type LedgerRecord } from '../../domain/ledger/record.js';
import { situationCodes, situationFromCodes } from '../../domain/ledger/situationCodes.js';
import { computeFigures, type RawReport } from '../../domain/report/figures.js';
import { yearPeriod } from '../../domain/report/period.js';
import { publish, type PublishedReport } from '../../domain/report/publish.js';
import { renderReport } from '../../domain/report/render/index.js';
import { inLanguage } from '../../domain/report/render/inLanguage.js';
import { DeclineReason } from '../../domain/ledger/record.js';
import { Outcome } from '../../domain/outcomes.js';
import { en } from '../../domain/report/words/en.js';
import type { ProgrammeStatus, TimelineEntry } from '../../domain/status.js';
import { openDatabase, type Database } from '../../store/database.js';
import { verifyLedger } from '../../store/ledger.js';
import { readReportFacts } from '../../store/reportFacts.js';
import { GENESIS_HASH, recordHash } from '../../store/ledgerChain.js';
import { loadLedgerExport } from './ledgerExport.js';

const AREAS = { housing: 'secure', livelihood: 'fragile', health: 'adequate', safety: 'secure', family: 'unknown', legalStatus: 'critical' } as const;

describe('the codes a programme writes for the content figures', () => {
  const entry = (kind: string, detail: TimelineEntry['detail'] = {}): TimelineEntry => ({ seq: 9, at: '2026-06-01T10:00:00.000Z', kind, by: 'programme', result: 'recorded', detail });
  const reportedAt = '2026-06-01T09:00:00.000Z';
  // Only what milestoneOf reads of the programme's state.
  const state = (report: Record<string, string | boolean>, form: 'areas' | 'early') =>
    ({
      checkpoints: [{ name: 'month-12', dueAt: null, reportBy: null, state: 'received', reportedAt, report: { situation: report, form, seenInPerson: null, supportReceived: [], nextSteps: [], note: null, source: { via: 'gateway' } } }],
      concerns: [{ kind: 'threats', at: reportedAt, by: 'partner:ngo', escalationId: 2 }],
      escalations: [
        { id: 1, topic: 'follow-up-missed', severity: 'escalation', raisedAt: reportedAt, resolvedAt: null },
        { id: 2, topic: 'concern-raised', severity: 'urgent', raisedAt: reportedAt, resolvedAt: reportedAt, acknowledged: { by: 'supervisor:sup', at: reportedAt, action: 'contact-partner' }, resolution: { by: 'caseworker:cw', at: reportedAt, resolution: 'risk-reduced' } },
      ],
    }) as unknown as ProgrammeStatus;

  it('a report in the area form carries her situation per area after the checkpoint, codes the ledger accepts', () => {
    const m = milestoneOf(entry('followUpReported', { happenedAt: reportedAt }), state(AREAS, 'areas'));
    expect(m).toMatchObject({ milestone: 'checkpoint-reported', code: 'month-12,housing-secure,livelihood-fragile,health-adequate,safety-secure,family-unknown,legal-status-critical' });
    expect(LedgerCode.safeParse(m!.code).success).toBe(true);
    expect(situationFromCodes(m!.code!.split(',').slice(1))).toEqual(AREAS);
  });

  it('a report in the earlier form carries the checkpoint alone', () => {
    const early = { housing: 'stable', income: 'stable', wellbeing: 'good', inContact: true };
    expect(milestoneOf(entry('followUpReported', { happenedAt: reportedAt }), state(early, 'early'))).toMatchObject({ code: 'month-12' });
    expect(situationCodes(early)).toEqual([]);
    // Half a situation, or an area twice, is no situation.
    expect(situationFromCodes(['housing-secure', 'health-adequate'])).toBeNull();
    expect(situationFromCodes([...situationCodes(AREAS).slice(0, 5), 'housing-fragile'])).toBeNull();
  });

  it('a resolution carries how it ended; an acknowledgement is a milestone with the action', () => {
    const s = state(AREAS, 'areas');
    expect(milestoneOf(entry('escalationResolved', { topic: 'concern-raised', escalation: 2 }), s)).toMatchObject({ milestone: 'escalation-resolved', code: 'concern-raised,2,risk-reduced' });
    // The programme's own resolution of every escalation open on a topic: the topic alone, as before.
    expect(milestoneOf(entry('escalationResolved', { topic: 'follow-up-missed' }), s)).toMatchObject({ code: 'follow-up-missed' });
    expect(milestoneOf({ ...entry('acknowledgeEscalation', { escalation: 2, action: 'contact-partner' }), by: 'supervisor:sup' }, s)).toEqual({
      milestone: 'escalation-acknowledged',
      code: 'concern-raised,2,contact-partner',
      severity: 'urgent',
    });
    // Not yet acknowledged in the state: nothing to record.
    expect(milestoneOf(entry('acknowledgeEscalation', { escalation: 1, action: 'review-case' }), s)).toBeNull();
  });

  it('reads a counting rule as later or earlier than another', () => {
    expect(COUNTING_RULE).toBe('2026.2');
    expect(madeUnder({ countingRule: '2026.2' }, '2026.2')).toBe(true);
    expect(madeUnder({ countingRule: '2026.1' }, '2026.2')).toBe(false);
    expect(madeUnder({ countingRule: '2027.1' }, '2026.2')).toBe(true);
    expect(madeUnder({ countingRule: '2026.10' }, '2026.2')).toBe(true);
  });
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OLD = '2026.1';
const NEW = '2026.2';

/** A milestone, its code, and the month it happened in with the time since opening. */
type Step = readonly [LedgerMilestone, string | null, { readonly month: string; readonly after: number; readonly severity?: 'urgent' | 'escalation' }];

/** One programme's records, opened in March 2026. */
function programme(n: number, country: string, rule: string, milestones: readonly Step[]): LedgerRecord[] {
  const base = { countingRule: rule, casePseudonym: n.toString(16).padStart(32, '0'), homeCountry: country, partner: 'ro-harbour-house', sex: null, ageBand: null, outcome: null, seq: 0, prevHash: '', hash: '' };
  return [
    { ...base, month: '2026-03', milestone: 'opened', code: null, severity: null, sinceOpenedMs: 0 },
    ...milestones.map(([milestone, code, o]): LedgerRecord => ({ ...base, month: o.month, milestone, code, severity: o.severity ?? null, sinceOpenedMs: o.after })),
  ];
}

const situation = (levels: Partial<Record<keyof typeof AREAS, string>>, fallback = 'secure') =>
  situationCodes(Object.fromEntries(Object.keys(AREAS).map((a) => [a, levels[a as keyof typeof AREAS] ?? fallback])));
const month12 = (levels: Partial<Record<keyof typeof AREAS, string>>) => ['checkpoint-reported', ['month-12', ...situation(levels)].join(','), { month: '2027-04', after: 390 * DAY }] as const;
const month6 = ['checkpoint-reported', ['month-6', ...situation({}, 'adequate')].join(','), { month: '2026-10', after: 210 * DAY }] as const;
const missed12 = ['checkpoint-missed', 'month-12', { month: '2027-04', after: 400 * DAY }] as const;
const escalated = ['escalation', 'follow-up-missed', { month: '2026-06', after: 100 * DAY, severity: 'escalation' }] as const;
/** Acknowledged `hours` after the escalation above. */
const acknowledged = (hours: number) => ['escalation-acknowledged', 'follow-up-missed,1,review-case', { month: '2026-06', after: 100 * DAY + hours * HOUR }] as const;
const concern = ['concern-raised', 'threats', { month: '2026-06', after: 101 * DAY, severity: 'urgent' }] as const;
const concernResolved = (how: string | null, month = '2026-07') => ['escalation-resolved', how ? `concern-raised,2,${how}` : 'concern-raised,2', { month, after: 120 * DAY }] as const;

/**
 * Fourteen programmes, eleven in RO under the later rule; MD's two have an escalation the programme
 * resolved, and one programme made entirely under the earlier rule.
 *
 *   RO 1–6   month-6 report all adequate; month-12 report (housing secure 1–4, fragile 5, critical 6;
 *            safety secure 1–3, fragile 4–6); a follow-up escalation acknowledged after 1…6 hours,
 *            resolved by staff in 1–3; a concern in 1–5: resolved she-is-safe (1, 2, 3 — 3 only in
 *            February 2027, after the period), risk-reduced (4), open (5)
 *   RO 7     month-12 report in the earlier form (the checkpoint alone)
 *   RO 8     month-12 report under the earlier rule
 *   RO 9–11  month-12 missed
 *   MD 12    an escalation, never acknowledged, resolved by the programme
 *   MD 13    earlier rule: an escalation resolved by staff, a concern resolved (how not recorded)
 */
const RECORDS: LedgerRecord[] = [
  ...[1, 2, 3, 4, 5, 6].flatMap((n) =>
    programme(n, 'RO', NEW, [
      month6,
      month12({ housing: n <= 4 ? 'secure' : n === 5 ? 'fragile' : 'critical', safety: n <= 3 ? 'secure' : 'fragile' }),
      escalated,
      acknowledged(n),
      ...(n <= 5 ? [concern] : []),
      ...(n <= 3 ? [['escalation-resolved', 'follow-up-missed,1,she-is-safe', { month: '2026-07', after: 110 * DAY }] as const] : []),
      ...(n <= 2 ? [concernResolved('she-is-safe')] : n === 3 ? [concernResolved('she-is-safe', '2027-02')] : n === 4 ? [concernResolved('risk-reduced')] : []),
    ]),
  ),
  ...programme(7, 'RO', NEW, [['checkpoint-reported', 'month-12', { month: '2027-04', after: 390 * DAY }]]),
  ...programme(8, 'RO', OLD, [['checkpoint-reported', 'month-12', { month: '2027-04', after: 390 * DAY }]]),
  ...[9, 10, 11].flatMap((n) => programme(n, 'RO', NEW, [missed12])),
  ...programme(12, 'MD', NEW, [escalated, ['escalation-resolved', 'follow-up-missed', { month: '2026-07', after: 110 * DAY }]]),
  ...programme(13, 'MD', OLD, [escalated, concern, ['escalation-resolved', 'follow-up-missed,1', { month: '2026-07', after: 110 * DAY }], concernResolved(null)]),
];

/** The records chained as the ledger chains them (programme after programme), each with its own counting rule. */
function chained(records: readonly LedgerRecord[]): LedgerRecord[] {
  let prevHash = GENESIS_HASH;
  return records.map((r, i) => {
    const record = { ...r, seq: i + 1, prevHash };
    record.hash = recordHash(prevHash, record);
    prevHash = record.hash;
    return record;
  });
}

const period = yearPeriod(2026);
let scratch: ScratchDatabase;
let db: Database;
let raw: RawReport;
let report: PublishedReport;

beforeAll(async () => {
  scratch = await createScratchDatabase('pr_content');
  db = openDatabase({ url: scratch.url, poolMax: 2 });
  await loadLedgerExport(db, { year: 2026, records: chained(RECORDS) });
  const facts = await readReportFacts(db, period);
  raw = computeFigures(facts.programmes, period, new Date().toISOString(), facts.declinedOffers);
  report = publish(raw);
});
afterAll(async () => {
  await db?.close();
  await scratch?.drop();
});

const counts = (table: string, row: string) => raw.tables.find((t) => t.id === table)!.counts[row];
const cell = (table: string, row: string, column: string) => report.tables.find((t) => t.id === table)!.rows.find((r) => r.key === row)!.cells[column]!;
const shown = (table: string, row: string, column: string) => cell(table, row, column).display;

describe('the content figures, from a ledger on PostgreSQL', () => {
  it('reads the ledger the database holds, under the rule each record was made by', async () => {
    expect(await verifyLedger(db)).toMatchObject({ ok: true, records: RECORDS.length });
    const { programmes } = await readReportFacts(db, period);
    expect(programmes).toHaveLength(13);
  });

  it('counts her situation at 12 months per area: each report once, the earlier form and the earlier rule as not recorded', () => {
    const none = { secure: 0, adequate: 0, fragile: 0, critical: 0, unknown: 0 };
    expect(counts('situationMonth12', 'housing')).toEqual({ ...none, reports: 8, secure: 4, fragile: 1, critical: 1, notRecorded: 2 });
    expect(counts('situationMonth12', 'safety')).toEqual({ ...none, reports: 8, secure: 3, fragile: 3, notRecorded: 2 });
    expect(counts('situationMonth12', 'legalStatus')).toEqual({ ...none, reports: 8, secure: 6, notRecorded: 2 });
    expect(counts('situationMonth6', 'family')).toEqual({ ...none, reports: 6, adequate: 6, notRecorded: 0 });
    expect(counts('followUpByCheckpoint', 'month-12')).toMatchObject({ reached: 11, received: 8, missed: 3 });
  });

  it('hides a situation count under 3, and the reports with the checkpoint’s received count', () => {
    expect(shown('situationMonth12', 'housing', 'secure')).toBe('4');
    for (const column of ['fragile', 'critical', 'notRecorded', 'adequate', 'unknown']) expect(shown('situationMonth12', 'housing', column), column).toBe('<3');
    expect(shown('situationMonth12', 'safety', 'fragile')).toBe('3');
    // The reports are the checkpoint's reports received: hidden here where they are hidden there.
    // There, none missed at 1, 3 and 6 months (zeros, hidden) pins the 3 missed at 12 in the total
    // of all checkpoints, so the 3 is hidden, and with it the 8 received (11 reached − 8 = 3).
    expect(shown('followUpByCheckpoint', 'month-12', 'received')).toBe('..');
    for (const area of ['housing', 'livelihood', 'health', 'safety', 'family', 'legalStatus']) {
      expect(cell('situationMonth12', area, 'reports'), area).toEqual(cell('followUpByCheckpoint', 'month-12', 'received'));
      expect(cell('situationMonth6', area, 'reports'), area).toEqual(cell('followUpByCheckpoint', 'month-6', 'received'));
    }
    // 6 reports all adequate, nothing else: beside the reports the 6 would say every other level is 0.
    expect(shown('situationMonth6', 'housing', 'adequate')).toBe('..');
  });

  it('counts concerns raised, resolved by how, not resolved, and open at the end of the period', () => {
    expect(counts('concerns', 'overall')).toEqual({
      raised: 6,
      resolved: 5,
      'she-is-safe': 3,
      'risk-reduced': 1,
      unfounded: 0,
      'handed-to-authority': 0,
      'no-longer-relevant': 0,
      other: 0,
      resolutionNotRecorded: 1,
      open: 1,
      // The open one, and the one resolved only in February 2027.
      openAtPeriodEnd: 2,
    });
    expect(counts('concerns', 'country:MD')).toMatchObject({ raised: 1, resolved: 1, resolutionNotRecorded: 1 });
    expect(shown('concerns', 'overall', 'raised')).toBe('6');
    // 3 overall and 3 in RO would give MD's 0 away (a concern there, resolved some other way).
    expect(counts('concerns', 'country:RO')).toMatchObject({ 'she-is-safe': 3 });
    expect(shown('concerns', 'overall', 'she-is-safe')).toBe('..');
    expect(shown('concerns', 'overall', 'risk-reduced')).toBe('<3');
    expect(shown('concerns', 'overall', 'open')).toBe('<3');
    // raised 6 = resolved + open (<3): resolved 5 would give the open one away.
    expect(shown('concerns', 'overall', 'resolved')).toBe('..');
  });

  it('counts escalations acknowledged, with the median and 90th percentile of the time to it, and who resolved them', () => {
    expect(counts('escalationResponses', 'overall')).toEqual({
      escalations: 14,
      acknowledged: 6,
      notAcknowledged: 6,
      acknowledgementNotRecorded: 2,
      resolvedByStaff: 9,
      resolvedByProgramme: 1,
      unresolved: 4,
    });
    // 1 … 6 hours: the median 3.5 hours, the 90th percentile at 5.5.
    expect(cell('escalationResponses', 'overall', 'median')).toEqual({ value: 3.5 * HOUR, display: '3.5 hours' });
    expect(cell('escalationResponses', 'overall', 'p90')).toEqual({ value: 5.5 * HOUR, display: '5.5 hours' });
    expect(cell('escalationResponses', 'country:MD', 'median')).toEqual({ value: null, display: 'n<5', hidden: 'too-few' });
    expect(shown('escalationResponses', 'country:MD', 'acknowledgementNotRecorded')).toBe('<3');
    // The same escalations as the safety table's, hidden or shown alike.
    expect(shown('escalationResponses', 'overall', 'escalations')).toBe(shown('safety', 'overall', 'escalations'));
    expect(counts('safety', 'overall')).toMatchObject({ escalations: 14, resolved: 10, unresolved: 4 });
    const key = Object.fromEntries(report.keyFigures.map((k) => [k.label, k.cell.display]));
    expect(key['Median time until a supervisor acknowledged an escalation']).toBe('3.5 hours');
  });

  it('shows no count under 3 anywhere, in any format', () => {
    for (const t of raw.tables) {
      for (const row of t.rows) {
        for (const [column, value] of Object.entries(t.counts[row.key]!)) {
          if (value < 3) expect(cell(t.id, row.key, column), `${t.id}/${row.key}/${column}`).toMatchObject({ value: null, hidden: 'primary' });
        }
      }
    }
    const markdown = renderReport(report, 'md');
    expect(markdown).toContain('## Her situation at 12 months, by area');
    expect(markdown).toMatch(/\| legal status \| \.\. \| 6 \| <3 \| <3 \| <3 \| <3 \| <3 \|/);
    expect(renderReport(report, 'html')).toContain('<section id="escalationResponses">');
    expect(renderReport(report, 'csv')).toContain('situationMonth12,area,housing,secure,4,4');
    const json = JSON.parse(renderReport(report, 'json')) as PublishedReport;
    expect(json.tables.map((t) => t.id)).toEqual(expect.arrayContaining(['situationMonth6', 'situationMonth12', 'concerns', 'escalationResponses']));
  });

  it('renders in Danish when asked: Danish titles and labels, no English title left, the same figures', () => {
    const html = renderReport(report, 'html', 'da');
    expect(html).toContain('<html lang="da">');
    for (const words of [
      'Forberedt hjemrejse: statusrapport 2026',
      'Nøgletal',
      'Programmer åbnet, efter udfald',
      'Henvisninger til partnerorganisationer',
      'Hendes situation efter 12 måneder, efter område',
      'Eskaleringer kvitteret for og løst',
      'Efter hjemland',
      'Tal under 3 er skjult',
      'fra og med 2026-01-01 til og med 2026-12-31',
    ]) {
      expect(html).toContain(words);
    }
    const english = [
      ...report.tables.flatMap((t) => [t.title, t.description]),
      ...report.keyFigures.map((k) => k.label),
      ...Object.values(en.charts),
      ...Object.values(en.groups),
      ...Object.values(en.headings),
      ...report.notes,
    ];
    for (const text of english) expect(html, text).not.toContain(text);
    // Codes stay codes; every other column and row is in Danish words.
    const codes = new Set<string>([...Outcome.options, ...DeclineReason.options]);
    const danish = inLanguage(report, 'da');
    for (const [i, t] of report.tables.entries()) {
      const da = danish.tables[i]!;
      for (const [j, c] of t.columns.entries()) if (!codes.has(c.key)) expect(da.columns[j]!.label, `${t.id}/${c.key}`).not.toBe(c.label);
      for (const [j, row] of t.rows.entries()) {
        if (row.group !== 'country' && row.group !== 'partner') expect(da.rows[j]!.label, `${t.id}/${row.key}`).not.toBe(row.label);
        for (const c of t.columns) {
          const [shown, inDanish] = [row.cells[c.key]!, da.rows[j]!.cells[c.key]!];
          // The same figure, hidden alike; only a duration's words change.
          expect({ value: inDanish.value, hidden: inDanish.hidden }, `${t.id}/${row.key}/${c.key}`).toEqual({ value: shown.value, hidden: shown.hidden });
          if (c.kind !== 'duration' || shown.value === null) expect(inDanish.display).toBe(shown.display);
        }
      }
    }
    expect(danish.keyFigures.map((k) => k.cell.value)).toEqual(report.keyFigures.map((k) => k.cell.value));
    const key = Object.fromEntries(danish.keyFigures.map((k) => [k.label, k.cell.display]));
    expect(key['Tid, til en leder kvitterede for en eskalering, median']).toBe('3,5 timer');
    const markdown = renderReport(report, 'md', 'da');
    expect(markdown).toContain('## Hendes situation efter 12 måneder, efter område');
    expect(markdown).toMatch(/\| juridisk status \| \.\. \| 6 \| <3 \| <3 \| <3 \| <3 \| <3 \|/);
    // The English report is as it always was.
    expect(renderReport(report, 'html', 'en')).toBe(renderReport(report, 'html'));
    expect(inLanguage(report, 'en')).toBe(report);
  });
});
