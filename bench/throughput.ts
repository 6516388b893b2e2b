/**
 * Throughput, measured side by side: phases of baselines and of full programmes alternate, each a
 * closed loop at the same fixed concurrency (every lane starts its next workflow when the last one
 * ends), so both kinds meet the same machine. Completions are counted after a warm-up until the phase
 * ends; workflows still running then finish before the next phase starts but are not counted.
 *
 * Work per workflow is the server's own count of state transitions (describe()), so the figure that
 * compares the two is transitions per second: programme ÷ baseline is how close a programme's
 * transitions come to the cheapest ones Temporal can do.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { runBaseline } from './baselineRun.js';
import { cpuSince, readCpu, type CpuReading, type CpuUse } from './cpu.js';
import { runProgramme } from './programmeRun.js';
import { caseRefs } from './programmeInput.js';
import { inParallel } from './parallel.js';
import type { Kind } from './park.js';
import type { Settings } from './settings.js';
import type { Stack } from './stack.js';
import { mean } from './stats.js';

export interface KindThroughput {
  completions: number;
  measuredSeconds: number;
  perSecond: number;
  transitionsPerWorkflow: number;
  transitionsPerSecond: number;
  /** Share of the machine's CPU in use while counting (both cores). */
  cpuBusy: number;
  /** Cores each process kept busy while counting: the server, the worker, the driver (client, gateway, partner, mail). */
  coresByProcess: Record<string, number>;
  /** CPU milliseconds of all three per state transition: the cost of a transition whether or not the CPUs were saturated. */
  cpuMsPerTransition: number;
  failures: number;
}

export interface ThroughputFigures {
  concurrency: number;
  rounds: number;
  phaseSeconds: number;
  warmupSeconds: number;
  programme: KindThroughput;
  baseline: KindThroughput;
  /** Transitions per second of programmes ÷ of baselines. */
  efficiency: number;
  /** CPU per transition of baselines ÷ of programmes: the same comparison by cost instead of rate. */
  cpuEfficiency: number;
}

/** A run that takes longer than this is counted as failed (and left on the server for a look). */
const RUN_TIMEOUT_MS = 120_000;

interface PhaseResult {
  completions: number;
  measuredMs: number;
  busyMs: number;
  processMs: Record<string, number>;
  failures: number;
  handles: WorkflowHandle[];
}

export async function measureThroughput(
  stack: Stack,
  settings: Settings['throughput'],
  log: (line: string) => void,
): Promise<{ figures: ThroughputFigures; programmes: WorkflowHandle[]; baselines: WorkflowHandle[] }> {
  const nextCase = caseRefs('BTP');
  let baselineCount = 0;
  const runs: Record<Kind, () => Promise<WorkflowHandle>> = {
    programme: () => runProgramme(stack.programmes, stack.partner, nextCase()),
    baseline: () => runBaseline(stack.baselines, `bench-baseline-${++baselineCount}`),
  };
  const totals: Record<Kind, PhaseResult> = { programme: emptyPhase(), baseline: emptyPhase() };
  for (let round = 1; round <= settings.rounds; round++) {
    for (const kind of ['baseline', 'programme'] as const) {
      const result = await phase(runs[kind], settings, stack.processes());
      log(`  round ${round}, ${kind}s: ${result.completions} completed in ${(result.measuredMs / 1000).toFixed(0)} s (${(result.completions / (result.measuredMs / 1000)).toFixed(2)}/s), CPU ${(100 * result.busyMs / result.measuredMs).toFixed(0)} % busy (${cores(result.processMs, result.measuredMs)})${result.failures ? `, ${result.failures} FAILED` : ''}`);
      const total = totals[kind];
      total.completions += result.completions;
      total.measuredMs += result.measuredMs;
      total.busyMs += result.busyMs;
      for (const [name, ms] of Object.entries(result.processMs)) total.processMs[name] = (total.processMs[name] ?? 0) + ms;
      total.failures += result.failures;
      total.handles.push(...result.handles);
    }
  }
  const programme = await summarise(totals.programme);
  const baseline = await summarise(totals.baseline);
  return {
    figures: {
      concurrency: settings.concurrency,
      rounds: settings.rounds,
      phaseSeconds: settings.phaseMs / 1000,
      warmupSeconds: settings.warmupMs / 1000,
      programme,
      baseline,
      efficiency: programme.transitionsPerSecond / baseline.transitionsPerSecond,
      cpuEfficiency: baseline.cpuMsPerTransition / programme.cpuMsPerTransition,
    },
    programmes: totals.programme.handles,
    baselines: totals.baseline.handles,
  };
}

async function phase(run: () => Promise<WorkflowHandle>, settings: Settings['throughput'], pids: Record<string, number | undefined>): Promise<PhaseResult> {
  const started = Date.now();
  const countFrom = started + settings.warmupMs;
  const end = started + settings.phaseMs;
  let cpu: CpuReading | undefined;
  let use: CpuUse | undefined;
  const warmup = setTimeout(() => (cpu = readCpu(pids)), settings.warmupMs);
  const done = setTimeout(() => (use = cpu ? cpuSince(cpu, pids) : undefined), settings.phaseMs);
  const result: PhaseResult = { completions: 0, measuredMs: end - countFrom, busyMs: 0, processMs: {}, failures: 0, handles: [] };
  await inParallel(settings.concurrency, settings.concurrency, async () => {
    while (Date.now() < end) {
      try {
        const handle = await withTimeout(run(), RUN_TIMEOUT_MS);
        const at = Date.now();
        if (at >= countFrom && at <= end) {
          result.completions += 1;
          result.handles.push(handle);
        }
      } catch (err) {
        result.failures += 1;
        if (result.failures <= 3) console.error(`  a run failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });
  clearTimeout(warmup);
  clearTimeout(done);
  result.busyMs = (use?.busy ?? 0) * result.measuredMs;
  result.processMs = use?.processes ?? {};
  return result;
}

async function summarise(total: PhaseResult): Promise<KindThroughput> {
  const measuredSeconds = total.measuredMs / 1000;
  const perSecond = total.completions / measuredSeconds;
  // The count is the same for every run of a kind that took the same path; a sample shows it.
  const sample = total.handles.filter((_, i) => i % Math.max(1, Math.floor(total.handles.length / 20)) === 0).slice(0, 20);
  const transitions = await Promise.all(sample.map(async (h) => Number((await h.describe()).raw.workflowExecutionInfo?.stateTransitionCount ?? 0)));
  const transitionsPerWorkflow = mean(transitions);
  const cpuMs = Object.values(total.processMs).reduce((sum, ms) => sum + ms, 0);
  return {
    completions: total.completions,
    measuredSeconds,
    perSecond,
    transitionsPerWorkflow,
    transitionsPerSecond: perSecond * transitionsPerWorkflow,
    cpuBusy: total.busyMs / total.measuredMs,
    coresByProcess: Object.fromEntries(Object.entries(total.processMs).map(([name, ms]) => [name, ms / total.measuredMs])),
    cpuMsPerTransition: cpuMs / (total.completions * transitionsPerWorkflow),
    failures: total.failures,
  };
}

function emptyPhase(): PhaseResult {
  return { completions: 0, measuredMs: 0, busyMs: 0, processMs: {}, failures: 0, handles: [] };
}

function cores(processMs: Record<string, number>, measuredMs: number): string {
  return Object.entries(processMs)
    .map(([name, ms]) => `${name} ${(ms / measuredMs).toFixed(2)}`)
    .join(', ');
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no end within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
