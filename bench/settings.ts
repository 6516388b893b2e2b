/**
 * How big the benchmark runs. The defaults are the figures (1,000 idle workflows, 1,000 →
 * 4,000 parked programmes) sized to finish in about twenty minutes on two cores (throughput and latency for the default and the cached worker); `BENCH_SCALE` shrinks
 * every count and phase for a quick trial (a scaled run never touches BENCHMARKS.md).
 *
 *   BENCH_SCALE=0.1 npm run bench                 a one-minute trial of everything
 *   npm run bench -- latency memory               only these measurements
 */
import { z } from 'zod';
import { definedEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';

export const MEASUREMENTS = ['throughput', 'latency', 'memory', 'audit', 'startup', 'cli'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

const positive = (fallback: number) => z.coerce.number({ error: 'expected a number' }).positive('expected a positive number').default(fallback);

const BenchEnv = z.object({
  BENCH_SCALE: positive(1).refine((s) => s <= 1, 'expected at most 1'),
  /** Workflows in flight at once in the throughput phases (both kinds). */
  BENCH_CONCURRENCY: positive(48),
  /** Length of one throughput phase; the first `BENCH_WARMUP_SECONDS` of it are not counted. */
  BENCH_PHASE_SECONDS: positive(40),
  BENCH_WARMUP_SECONDS: positive(8),
  BENCH_ROUNDS: positive(3),
  /** Signals per second in the latency measurement, both kinds together (open loop). */
  BENCH_SIGNAL_RATE: positive(20),
  /** Only this programme worker's cache in the throughput and latency measurements (0: without one); else both, the default (0) first. */
  BENCH_PROGRAMME_CACHE: z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(0, 'expected 0 or more').optional(),
});

export interface Settings {
  scale: number;
  full: boolean;
  only: Measurement[];
  throughput: { rounds: number; phaseMs: number; warmupMs: number; concurrency: number };
  latency: { idlePerKind: number; signalsPerSecond: number };
  memory: { steps: number[] };
  maxCachedWorkflows: number;
  /**
   * The programme worker's caches throughput and latency are measured at, each against the cached
   * baseline: the default worker's (none, `PR_WORKFLOW_CACHE_SIZE=0`) first, the headline, and a
   * worker that caches every programme beside it. (The memory measurement needs maxCachedWorkflows.)
   */
  programmeCaches: number[];
  audit: { histories: number };
  startup: { runs: number };
  cli: { runs: number };
}

export function loadSettings(env: Record<string, string | undefined>, args: string[]): Settings {
  const e = parseOrThrow(BenchEnv, definedEnv(env), 'The environment');
  const unknown = args.filter((a) => !(MEASUREMENTS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`unknown measurement ${unknown.join(', ')}; expected some of ${MEASUREMENTS.join(', ')}`);
  const scale = e.BENCH_SCALE;
  const count = (n: number) => Math.max(10, Math.round(n * scale));
  const steps = [1000, 2000, 3000, 4000].map(count);
  // Room for every parked programme and baseline with a margin, set explicitly as the issue asks.
  const maxCachedWorkflows = steps.at(-1)! + count(1000) + 500;
  return {
    scale,
    // Only the standard configuration's figures go into BENCHMARKS.md.
    full: scale === 1 && args.length === 0 && e.BENCH_PROGRAMME_CACHE === undefined,
    only: args.length ? (args as Measurement[]) : [...MEASUREMENTS],
    throughput: {
      rounds: Math.max(1, Math.round(e.BENCH_ROUNDS * Math.min(1, scale * 3))),
      phaseMs: Math.max(15, e.BENCH_PHASE_SECONDS * Math.max(scale, 0.4)) * 1000,
      warmupMs: e.BENCH_WARMUP_SECONDS * 1000,
      concurrency: Math.round(e.BENCH_CONCURRENCY),
    },
    latency: { idlePerKind: count(1000), signalsPerSecond: e.BENCH_SIGNAL_RATE },
    memory: { steps },
    maxCachedWorkflows,
    programmeCaches: e.BENCH_PROGRAMME_CACHE !== undefined ? [e.BENCH_PROGRAMME_CACHE] : [0, maxCachedWorkflows],
    audit: { histories: 30 },
    startup: { runs: 3 },
    cli: { runs: 7 },
  };
}
