/**
 * Worker memory per cached workflow: programmes are parked 1,000 → 4,000 in the worker's cache
 * (maxCachedWorkflows set explicitly above that), the worker process's resident memory is read
 * after each step, and the slope of the least-squares line is the cost of one more cached programme.
 * The baseline's slope is measured the same way in a fresh worker process, so neither cache weighs on
 * the other's figure.
 *
 * Resident memory is what an operator sizes a worker by; it holds both the workflows' JavaScript
 * state (in the workflow thread) and the Rust core's state machines for each cached run.
 */
import { park, type Kind } from './park.js';
import { caseRefs } from './programmeInput.js';
import { sleep } from './parallel.js';
import type { Settings } from './settings.js';
import type { Stack } from './stack.js';
import { linearFit, median } from './stats.js';

const MB = 1024 * 1024;

export interface MemorySlope {
  /** (cached workflows, resident MB) after each step. */
  points: Array<{ cached: number; rssMb: number }>;
  mbPerWorkflow: number;
  r2: number;
}

export interface MemoryFigures {
  maxCachedWorkflows: number;
  programme: MemorySlope;
  baseline: MemorySlope;
}

export async function measureMemory(stack: Stack, settings: Settings, log: (line: string) => void): Promise<MemoryFigures> {
  if (stack.programmeCache < settings.maxCachedWorkflows) await stack.startWorker(settings.maxCachedWorkflows);
  const programme = await slope(stack, 'programme', settings.memory.steps, caseRefs('BMEM'), log);
  // A fresh process: the programmes stay parked on the server, out of this worker's cache.
  await stack.startWorker();
  let n = 0;
  const baseline = await slope(stack, 'baseline', settings.memory.steps, () => `bench-parked-baseline-${++n}`, log);
  return { maxCachedWorkflows: settings.maxCachedWorkflows, programme, baseline };
}

async function slope(stack: Stack, kind: Kind, steps: number[], nextId: () => string, log: (line: string) => void): Promise<MemorySlope> {
  const points: MemorySlope['points'] = [];
  let cached = (await stack.worker.report('status'))[kind === 'programme' ? 'programmes' : 'baselines'].cached;
  for (const target of steps) {
    if (target > cached) {
      await park(stack, kind, target - cached, nextId);
      cached = target;
    }
    const rssMb = await residentMb(stack);
    points.push({ cached, rssMb });
    log(`  ${kind}s cached: ${cached}, worker resident memory ${rssMb.toFixed(0)} MB`);
  }
  const fit = linearFit(points.map((p) => ({ x: p.cached, y: p.rssMb })));
  return { points, mbPerWorkflow: fit.slope, r2: fit.r2 };
}

/** The median of five readings a second apart, each after a full collection of the main thread. */
async function residentMb(stack: Stack): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    if (i > 0) await sleep(1000);
    readings.push((await stack.worker.report('memory')).memory.rss / MB);
  }
  return median(readings);
}
