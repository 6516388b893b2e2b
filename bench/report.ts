/**
 * The benchmark's one table (figure, value, target, met?), its JSON file, and the figures section of
 * BENCHMARKS.md, all from the same rows.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AuditFigures } from './historyAudit.js';
import type { CliFigures } from './cliStatus.js';
import type { LatencyFigures } from './signalLatency.js';
import type { MemoryFigures } from './memory.js';
import type { StartupFigures } from './startup.js';
import type { ThroughputFigures } from './throughput.js';

/** Figures of one programme worker: `cache` programmes kept between tasks (0: the default worker). */
type ByWorker<F> = F & { cache: number };

export interface Figures {
  throughput?: ByWorker<ThroughputFigures>[];
  latency?: ByWorker<LatencyFigures>[];
  memory?: MemoryFigures;
  audit?: AuditFigures;
  startup?: StartupFigures;
  cli?: CliFigures;
}

export interface Row {
  figure: string;
  value: string;
  target: string;
  /** Undefined when the figure has no target (it is there to read the others by). */
  met?: boolean;
}

const n = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const target = (value: number, limit: number, atMost: boolean) => (atMost ? value <= limit : value >= limit);

/** The default worker caches nothing (PR_WORKFLOW_CACHE_SIZE=0); the other one caches every programme it holds. */
export const workerLabel = (cache: number): string => (cache === 0 ? 'default worker (no cache)' : `cached worker (${cache})`);

/**
 * The targets, each a ratio to the baseline measured beside it in the same run (the baseline's
 * worker always caches): by the programme worker's cache where it matters.
 */
const TARGETS = {
  transitionsPerSecond: (cache: number) => (cache === 0 ? 0.6 : 0.9),
  /** The default worker's signal latency p50; the cached worker's has no target of its own. */
  signalP50: 1.5,
  replay: 4,
  memory: 2,
  cli: 2,
};

export function rows(f: Figures): Row[] {
  const out: Row[] = [];
  const add = (figure: string, value: string, targetText = '', met?: boolean) => out.push({ figure, value, target: targetText, ...(met === undefined ? {} : { met }) });
  for (const t of f.throughput ?? []) {
    const w = workerLabel(t.cache);
    const wanted = TARGETS.transitionsPerSecond(t.cache);
    add(`Throughput, ${w}: programmes completed/s`, `${n(t.programme.perSecond, 2)} (CPU ${n(100 * t.programme.cpuBusy)} %, other work ${n(t.programme.otherCores, 2)} cores)`);
    add(`Throughput, ${w}: baselines completed/s`, `${n(t.baseline.perSecond, 1)} (CPU ${n(100 * t.baseline.cpuBusy)} %, other work ${n(t.baseline.otherCores, 2)} cores)`);
    add(`State transitions per programme, per baseline`, `${n(t.programme.transitionsPerWorkflow, 1)}, ${n(t.baseline.transitionsPerWorkflow, 1)}`);
    add(`Transitions/s, ${w}: programme, baseline`, `${n(t.programme.transitionsPerSecond)}, ${n(t.baseline.transitionsPerSecond)}`);
    add(`CPU per transition (ms), ${w}: programme, baseline`, `${n(t.programme.cpuMsPerTransition, 2)}, ${n(t.baseline.cpuMsPerTransition, 2)}`);
    add(`Transitions/s ÷ cached baseline, ${w}, by round`, t.rounds.map((r) => n(r.efficiency, 2)).join(', '));
    add(`Transitions/s ÷ cached baseline, ${w} (median of rounds)`, n(t.efficiency, 3), `≥ ${wanted}`, target(t.efficiency, wanted, false));
    add(`By CPU cost (baseline ÷ programme CPU per transition), ${w}`, n(t.cpuEfficiency, 3), `≥ ${wanted}`, target(t.cpuEfficiency, wanted, false));
    if (t.programme.failures + t.baseline.failures > 0) add(`Failed runs (programme, baseline), ${w}`, `${t.programme.failures}, ${t.baseline.failures}`, '0', false);
  }
  for (const l of f.latency ?? []) {
    const w = workerLabel(l.cache);
    add(`Cores busy while signalling (server, worker, driver; other work), ${w}`, `${n(l.coresByProcess.server ?? 0, 2)}, ${n(l.coresByProcess.worker ?? 0, 2)}, ${n(l.coresByProcess.driver ?? 0, 2)}; ${n(l.coresByProcess.other ?? 0, 2)}`);
    add(`Signal latency, ${w}, programme p50 / p95 / p99 (ms)`, `${n(l.programme.p50, 1)} / ${n(l.programme.p95, 1)} / ${n(l.programme.p99, 1)}`);
    add(`Signal latency, cached baseline beside it, p50 / p95 / p99 (ms)`, `${n(l.baseline.p50, 1)} / ${n(l.baseline.p95, 1)} / ${n(l.baseline.p99, 1)}`);
    add(`… of p50: queued, worker (ms): programme; baseline`, `${n(l.programme.queuedP50, 1)}, ${n(l.programme.workerP50, 1)}; ${n(l.baseline.queuedP50, 1)}, ${n(l.baseline.workerP50, 1)}`);
    add(`… p99 of each part (ms): programme; baseline`, `${n(l.programme.queuedP99, 1)}, ${n(l.programme.workerP99, 1)}; ${n(l.baseline.queuedP99, 1)}, ${n(l.baseline.workerP99, 1)}`);
    if (l.cache === 0) add(`Signal latency p50 ÷ cached baseline, ${w}`, `${n(l.p50Ratio, 3)}×`, `≤ ${TARGETS.signalP50}×`, target(l.p50Ratio, TARGETS.signalP50, true));
    else add(`Signal latency p50 ÷ cached baseline, ${w}`, `${n(l.p50Ratio, 3)}×`);
    add(`Signal latency p99 ÷ cached baseline, ${w}`, `${n(l.p99Ratio, 3)}×`);
  }
  if (f.memory) {
    const m = f.memory;
    const ratio = m.programme.mbPerWorkflow / m.baseline.mbPerWorkflow;
    add('Worker memory per cached programme (MB)', `${n(m.programme.mbPerWorkflow, 3)} (r² ${n(m.programme.r2, 3)})`);
    add('Worker memory per cached baseline (MB)', `${n(m.baseline.mbPerWorkflow, 3)} (r² ${n(m.baseline.r2, 3)})`);
    add('Memory per cached programme ÷ per cached baseline', `${n(ratio, 2)}×`, `≤ ${TARGETS.memory}×`, target(ratio, TARGETS.memory, true));
  }
  if (f.audit) {
    const a = f.audit;
    add('History events per programme (mean, max)', `${n(a.eventsMean)}, ${a.eventsMax}`, '≤ 200', a.eventsMax <= 200);
    add('History size per programme (KB, mean, max)', `${n(a.kbMean, 1)}, ${n(a.kbMax, 1)}`, '≤ 100', a.kbMax <= 100);
    add('Largest payload in a programme history (KB)', n(a.largestPayloadKb, 1));
    add('Workflow tasks per programme (mean)', n(a.workflowTasksMean, 1));
    add('Replay per history (ms, median)', `${n(a.replay.msPerHistoryMedian, 1)} (mean ${n(a.replay.msPerHistoryMean, 1)})`);
    if (a.baselineReplay) {
      add('Replay per baseline history (ms, median)', n(a.baselineReplay.msPerHistoryMedian, 1));
      const ratio = a.replay.msPerHistoryMedian / a.baselineReplay.msPerHistoryMedian;
      add('Replay per complete programme history ÷ per baseline history', `${n(ratio, 1)}×`, `≤ ${TARGETS.replay}×`, target(ratio, TARGETS.replay, true));
    }
    add(`A whole programme at the default worker: its history replayed at each task, summed (ms, median of ${a.wholeProgrammeHistories})`, n(a.wholeProgrammeAtDefaultMs));
    const failed = a.replay.nondeterminism + (a.baselineReplay?.nondeterminism ?? 0);
    if (failed > 0) add('Histories that failed to replay', String(failed), '0', false);
  }
  if (f.startup) {
    const s = f.startup;
    add('Worker start → first poll, prebuilt bundle (s, median)', `${n(s.firstPollMs / 1000, 2)} (runs ${s.firstPollRunsMs.map((ms) => n(ms / 1000, 2)).join(', ')})`, '≤ 2', target(s.firstPollMs, 2000, true));
    add('Worker start → first poll, bundling at start (s)', n(s.firstPollBundlingMs / 1000, 2));
    add('Workflow bundle size (KB)', n(s.bundleKb));
  }
  if (f.cli) {
    const c = f.cli;
    add('`prepared-return status` (ms, median)', n(c.preparedReturnMs));
    add('`temporal workflow query` (ms, median)', n(c.temporalCliMs));
    add('Node + tsx doing nothing (ms, median)', n(c.nodeTsxFloorMs));
    if (c.bundledClientMs !== undefined) add('`prepared-return status`, client bundled into one file (ms)', n(c.bundledClientMs));
    add('CLI status ÷ Temporal CLI', `${n(c.ratio, 2)}×`, `≤ ${TARGETS.cli}×`, target(c.ratio, TARGETS.cli, true));
  }
  return out;
}

export function textTable(all: Row[]): string {
  const cells = [['figure', 'value', 'target', 'met?'], ...all.map((r) => [r.figure, r.value, r.target, metText(r)])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function markdownTable(all: Row[]): string {
  return ['| figure | value | target | met? |', '|---|---|---|---|', ...all.map((r) => `| ${r.figure} | ${r.value} | ${r.target} | ${metText(r)} |`)].join('\n');
}

function metText(row: Row): string {
  return row.met === undefined ? '' : row.met ? 'yes' : 'NO';
}

export function machine(temporalCliVersion: string) {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    temporalCli: temporalCliVersion,
  };
}

export function writeResults(dir: string, results: object): string {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(dir, 'latest.json');
  writeFileSync(file, text);
  writeFileSync(join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`), text);
  return file;
}

const START = '<!-- bench:figures:start -->';
const END = '<!-- bench:figures:end -->';

/** Replaces the figures section of BENCHMARKS.md (between its markers) with this run's. */
export function updateBenchmarksDoc(file: string, heading: string, table: string): boolean {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${heading}\n\n${table}\n${text.slice(end)}`);
  return true;
}
