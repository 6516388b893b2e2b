/**
 * Signal latency against idle workflows: 1,000 parked programmes and 1,000 parked baselines get one
 * signal each, paced open loop at a fixed rate (a signal leaves on schedule whether or not the last
 * one was handled) and interleaved, so both kinds share the same moments. Latency is read from each
 * history: the server's WorkflowExecutionSignaled to the next WorkflowTaskCompleted.
 *
 * The programme's signal is a caseworker reporting her missing: a real event that records, moves the
 * next deadline (a search attribute) and starts the closure timer, while the programme stays open.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import type { WorkflowHandle } from '@temporalio/client';
import * as M from '../workflows/messages.js';
import { cpuSince, readCpu } from './cpu.js';
import { signalHandling, type SignalHandling } from './history.js';
import { inParallel, sleep } from './parallel.js';
import { park, settled } from './park.js';
import { caseRefs } from './programmeInput.js';
import type { Settings } from './settings.js';
import { CASEWORKER_ID, type Stack } from './stack.js';
import { percentile } from './stats.js';
import { proceedSignal } from './workflows/baseline.js';

export interface LatencyDistribution {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The two parts, at the median and in the tail: waiting for a worker to take the task, and the worker's work on it. */
  queuedP50: number;
  workerP50: number;
  queuedP99: number;
  workerP99: number;
}

export interface LatencyFigures {
  idlePerKind: number;
  signalsPerSecond: number;
  programme: LatencyDistribution;
  baseline: LatencyDistribution;
  p50Ratio: number;
  p99Ratio: number;
  /** Cores each process kept busy while the signals went out and were handled; `other`: work outside the benchmark. */
  coresByProcess: Record<string, number>;
}

export async function measureSignalLatency(stack: Stack, settings: Settings['latency'], log: (line: string) => void): Promise<LatencyFigures> {
  const count = settings.idlePerKind;
  const parkStarted = Date.now();
  const programmes = await park(stack, 'programme', count, caseRefs('BSL'));
  const baselines = await park(stack, 'baseline', count, caseRefs('bench-idle-baseline'));
  log(`  parked ${count} programmes and ${count} baselines in ${((Date.now() - parkStarted) / 1000).toFixed(0)} s`);

  const intervalMs = 1000 / settings.signalsPerSecond;
  const pids = stack.processes();
  const cpu = readCpu(pids);
  const started = performance.now();
  const sends: Array<Promise<unknown>> = [];
  for (let i = 0; i < 2 * count; i++) {
    const wait = started + i * intervalMs - performance.now();
    if (wait > 1) await sleep(wait);
    const index = Math.floor(i / 2);
    sends.push(
      i % 2 === 0
        ? baselines[index]!.signal(proceedSignal)
        : programmes[index]!.signal(M.signals.personMissing, { eventId: `evt-${randomUUID()}`, at: new Date().toISOString(), sender: { role: 'caseworker', id: CASEWORKER_ID }, state: 'missing' }),
    );
  }
  await Promise.all(sends);
  log(`  sent ${2 * count} signals in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await settled(stack, 'programme', Math.min(count, stack.programmeCache));
  await Promise.all(baselines.map((h) => h.result()));
  const seconds = (performance.now() - started) / 1000;
  const use = cpuSince(cpu, pids);
  const coresByProcess = Object.fromEntries(Object.entries(use.processes).map(([name, ms]) => [name, ms / 1000 / seconds]));
  coresByProcess.other = Math.max(0, use.busy * cpus().length - Object.values(coresByProcess).reduce((total, c) => total + c, 0));
  log(`  CPU while signalling: ${Object.entries(coresByProcess).map(([name, cores]) => `${name} ${cores.toFixed(2)}`).join(', ')} cores`);

  const programme = await latencies(programmes);
  const baseline = await latencies(baselines);
  // The reported programmes' closure timers would fire in a later measurement: they end here.
  await inParallel(programmes.length, 16, (i) => programmes[i]!.terminate('benchmark measurement done').then(() => undefined, () => undefined));
  return {
    idlePerKind: count,
    signalsPerSecond: settings.signalsPerSecond,
    programme,
    baseline,
    p50Ratio: programme.p50 / baseline.p50,
    p99Ratio: programme.p99 / baseline.p99,
    coresByProcess,
  };
}

async function latencies(handles: WorkflowHandle[]): Promise<LatencyDistribution> {
  const found: SignalHandling[] = [];
  await inParallel(handles.length, 8, async (i) => {
    const handling = signalHandling(await handles[i]!.fetchHistory());
    if (handling) found.push(handling);
  });
  const values = found.map((h) => h.totalMs);
  return {
    samples: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: Math.max(...values),
    queuedP50: percentile(found.map((h) => h.queuedMs), 50),
    workerP50: percentile(found.map((h) => h.workerMs), 50),
    queuedP99: percentile(found.map((h) => h.queuedMs), 99),
    workerP99: percentile(found.map((h) => h.workerMs), 99),
  };
}
