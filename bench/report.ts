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

export interface Figures {
  throughput?: ThroughputFigures;
  latency?: LatencyFigures;
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

export function rows(f: Figures): Row[] {
  const out: Row[] = [];
  const add = (figure: string, value: string, targetText = '', met?: boolean) => out.push({ figure, value, target: targetText, ...(met === undefined ? {} : { met }) });
  if (f.throughput) {
    const t = f.throughput;
    add('Throughput: programmes completed/s', `${n(t.programme.perSecond, 2)} (CPU ${n(100 * t.programme.cpuBusy)} %, other work ${n(t.programme.otherCores, 2)} cores)`);
    add('Throughput: baselines completed/s', `${n(t.baseline.perSecond, 1)} (CPU ${n(100 * t.baseline.cpuBusy)} %, other work ${n(t.baseline.otherCores, 2)} cores)`);
    add('State transitions per programme', n(t.programme.transitionsPerWorkflow, 1));
    add('State transitions per baseline', n(t.baseline.transitionsPerWorkflow, 1));
    add('Transitions/s: programme, baseline', `${n(t.programme.transitionsPerSecond)}, ${n(t.baseline.transitionsPerSecond)}`);
    add('CPU per transition (ms): programme, baseline', `${n(t.programme.cpuMsPerTransition, 2)}, ${n(t.baseline.cpuMsPerTransition, 2)}`);
    add('Efficiency per transition by round', t.rounds.map((r) => n(r.efficiency, 2)).join(', '));
    add('Efficiency per transition (programme ÷ baseline, median of rounds)', n(t.efficiency, 3), '≥ 0.8', target(t.efficiency, 0.8, false));
    add('Efficiency by CPU cost (baseline ÷ programme CPU per transition)', n(t.cpuEfficiency, 3), '≥ 0.8', target(t.cpuEfficiency, 0.8, false));
    if (t.programme.failures + t.baseline.failures > 0) add('Failed runs (programme, baseline)', `${t.programme.failures}, ${t.baseline.failures}`, '0', false);
  }
  if (f.latency) {
    const l = f.latency;
    add('Cores busy while signalling (server, worker, driver; other work)', `${n(l.coresByProcess.server ?? 0, 2)}, ${n(l.coresByProcess.worker ?? 0, 2)}, ${n(l.coresByProcess.driver ?? 0, 2)}; ${n(l.coresByProcess.other ?? 0, 2)}`);
    add('Signal latency, programme p50 / p95 / p99 (ms)', `${n(l.programme.p50, 1)} / ${n(l.programme.p95, 1)} / ${n(l.programme.p99, 1)}`);
    add('Signal latency, baseline p50 / p95 / p99 (ms)', `${n(l.baseline.p50, 1)} / ${n(l.baseline.p95, 1)} / ${n(l.baseline.p99, 1)}`);
    add('… of p50: queued, worker (ms): programme; baseline', `${n(l.programme.queuedP50, 1)}, ${n(l.programme.workerP50, 1)}; ${n(l.baseline.queuedP50, 1)}, ${n(l.baseline.workerP50, 1)}`);
    add('… p99 of each part (ms): programme; baseline', `${n(l.programme.queuedP99, 1)}, ${n(l.programme.workerP99, 1)}; ${n(l.baseline.queuedP99, 1)}, ${n(l.baseline.workerP99, 1)}`);
    add('Signal latency p50, programme ÷ baseline', `${n(l.p50Ratio, 3)}×`, '≤ 1.25×', target(l.p50Ratio, 1.25, true));
    add('Signal latency p99, programme ÷ baseline', `${n(l.p99Ratio, 3)}×`, '≤ 1.5×', target(l.p99Ratio, 1.5, true));
  }
  if (f.memory) {
    const m = f.memory;
    add('Worker memory per cached programme (MB)', `${n(m.programme.mbPerWorkflow, 3)} (r² ${n(m.programme.r2, 3)})`, '≤ 0.3', target(m.programme.mbPerWorkflow, 0.3, true));
    add('Worker memory per cached baseline (MB)', `${n(m.baseline.mbPerWorkflow, 3)} (r² ${n(m.baseline.r2, 3)})`);
  }
  if (f.audit) {
    const a = f.audit;
    add('History events per programme (mean, max)', `${n(a.eventsMean)}, ${a.eventsMax}`, '≤ 200', a.eventsMax <= 200);
    add('History size per programme (KB, mean, max)', `${n(a.kbMean, 1)}, ${n(a.kbMax, 1)}`, '≤ 100', a.kbMax <= 100);
    add('Largest payload in a programme history (KB)', n(a.largestPayloadKb, 1));
    add('Workflow tasks per programme (mean)', n(a.workflowTasksMean, 1));
    add('Replay per history (ms, median)', `${n(a.replay.msPerHistoryMedian, 1)} (mean ${n(a.replay.msPerHistoryMean, 1)})`, '≤ 20', target(a.replay.msPerHistoryMedian, 20, true));
    if (a.baselineReplay) add('Replay per baseline history (ms, median)', n(a.baselineReplay.msPerHistoryMedian, 1));
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
    add('CLI status ÷ Temporal CLI', `${n(c.ratio, 2)}×`, '≤ 1.5×', target(c.ratio, 1.5, true));
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
