/**
 * Throughput, measured side by side: phases of baselines and of full programmes alternate, each a
 * closed loop at the same fixed concurrency (every lane starts its next workflow when the last one
 * ends), so both kinds meet the same machine. Completions are counted after a warm-up until the phase
 * ends; workflows still running then finish before the next phase starts but are not counted.
 *
 * Work per workflow is the server's own count of state transitions (describe()), so the figure that
 * compares the two is transitions per second: programme ÷ baseline is how close a programme's
 * transitions come to the cheapest ones Temporal can do. It is taken round by round, a programme
 * phase against the baseline phase just before it, and the median of the rounds is reported: on a
 * machine shared with other work, neighbouring phases share the most of its noise.
 */
import { cpus } from 'node:os';
import type { WorkflowHandle } from '@temporalio/client';
import { runBaseline } from './baselineRun.js';
import { cpuSince, readCpu, type CpuReading, type CpuUse } from './cpu.js';
import { runProgramme } from './programmeRun.js';
import { caseRefs } from './programmeInput.js';
import { inParallel } from './parallel.js';
import type { Kind } from './park.js';
import type { Settings } from './settings.js';
import type { Stack } from './stack.js';
import { mean, median } from './stats.js';

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
  /** Cores busy with work outside the benchmark meanwhile (the machine's other users). */
  otherCores: number;
  /** CPU milliseconds of the benchmark's processes per state transition: the cost of one, saturated or not. */
  cpuMsPerTransition: number;
  failures: number;
}

export interface Round {
  baseline: { perSecond: number; otherCores: number };
  programme: { perSecond: number; otherCores: number };
  /** This round's programme transitions/s ÷ its baseline transitions/s. */
  efficiency: number;
}

export interface ThroughputFigures {
  concurrency: number;
  rounds: Round[];
  phaseSeconds: number;
  warmupSeconds: number;
  programme: KindThroughput;
  baseline: KindThroughput;
  /** Median over the rounds of programme transitions/s ÷ baseline transitions/s. */
  efficiency: number;
  /** The same over all rounds together. */
  efficiencyOverall: number;
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
  const nextBaseline = caseRefs('bench-baseline');
  const runs: Record<Kind, () => Promise<WorkflowHandle>> = {
    programme: () => runProgramme(stack.programmes, stack.partner, nextCase()),
    baseline: () => runBaseline(stack.baselines, nextBaseline()),
  };
  const phases: Record<Kind, PhaseResult[]> = { programme: [], baseline: [] };
  for (let round = 1; round <= settings.rounds; round++) {
    for (const kind of ['baseline', 'programme'] as const) {
      const result = await phase(runs[kind], settings, stack.processes());
      phases[kind].push(result);
      const usage = Object.entries({ ...coresOf(result), other: otherCores(result) })
        .map(([name, c]) => `${name} ${c.toFixed(2)}`)
        .join(', ');
      log(`  round ${round}, ${kind}s: ${result.completions} in ${(result.measuredMs / 1000).toFixed(0)} s (${(result.completions / (result.measuredMs / 1000)).toFixed(2)}/s); cores: ${usage}${result.failures ? `; ${result.failures} FAILED` : ''}`);
    }
  }
  const programme = await summarise(phases.programme);
  const baseline = await summarise(phases.baseline);
  const rounds: Round[] = phases.programme.map((p, i) => {
    const b = phases.baseline[i]!;
    const rate = (r: PhaseResult) => r.completions / (r.measuredMs / 1000);
    return {
      baseline: { perSecond: rate(b), otherCores: otherCores(b) },
      programme: { perSecond: rate(p), otherCores: otherCores(p) },
      efficiency: (rate(p) * programme.transitionsPerWorkflow) / (rate(b) * baseline.transitionsPerWorkflow),
    };
  });
  return {
    figures: {
      concurrency: settings.concurrency,
      rounds,
      phaseSeconds: settings.phaseMs / 1000,
      warmupSeconds: settings.warmupMs / 1000,
      programme,
      baseline,
      efficiency: median(rounds.map((r) => r.efficiency)),
      efficiencyOverall: programme.transitionsPerSecond / baseline.transitionsPerSecond,
      cpuEfficiency: baseline.cpuMsPerTransition / programme.cpuMsPerTransition,
    },
    programmes: phases.programme.flatMap((p) => p.handles),
    baselines: phases.baseline.flatMap((p) => p.handles),
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

async function summarise(results: PhaseResult[]): Promise<KindThroughput> {
  const sum = (f: (r: PhaseResult) => number) => results.reduce((total, r) => total + f(r), 0);
  const measuredMs = sum((r) => r.measuredMs);
  const completions = sum((r) => r.completions);
  const processMs: Record<string, number> = {};
  for (const r of results) for (const [name, ms] of Object.entries(r.processMs)) processMs[name] = (processMs[name] ?? 0) + ms;
  const all: PhaseResult = { completions, measuredMs, busyMs: sum((r) => r.busyMs), processMs, failures: sum((r) => r.failures), handles: results.flatMap((r) => r.handles) };

  // The count is the same for every run of a kind that took the same path; a sample shows it.
  const step = Math.max(1, Math.floor(all.handles.length / 20));
  const sample = all.handles.filter((_, i) => i % step === 0).slice(0, 20);
  const transitions = await Promise.all(sample.map(async (h) => Number((await h.describe()).raw.workflowExecutionInfo?.stateTransitionCount ?? 0)));
  const transitionsPerWorkflow = mean(transitions);
  const perSecond = completions / (measuredMs / 1000);
  const cpuMs = Object.values(processMs).reduce((total, ms) => total + ms, 0);
  return {
    completions,
    measuredSeconds: measuredMs / 1000,
    perSecond,
    transitionsPerWorkflow,
    transitionsPerSecond: perSecond * transitionsPerWorkflow,
    cpuBusy: all.busyMs / measuredMs,
    coresByProcess: coresOf(all),
    otherCores: otherCores(all),
    cpuMsPerTransition: cpuMs / (completions * transitionsPerWorkflow),
    failures: all.failures,
  };
}

function coresOf(result: PhaseResult): Record<string, number> {
  return Object.fromEntries(Object.entries(result.processMs).map(([name, ms]) => [name, ms / result.measuredMs]));
}

/** What the machine's cores did beyond the benchmark's own processes. */
function otherCores(result: PhaseResult): number {
  const ours = Object.values(result.processMs).reduce((total, ms) => total + ms, 0) / result.measuredMs;
  return Math.max(0, (result.busyMs / result.measuredMs) * cpus().length - ours);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no end within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
