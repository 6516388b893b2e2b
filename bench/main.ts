/**
 * `npm run bench`: prepared-return measured side by side with the cheapest Temporal workflow, on one
 * dev server started for the run, with the worker in a process of its own (see BENCHMARKS.md for the
 * method). Prints one table, writes bench/results/latest.json and, after a full run, the figures
 * section of BENCHMARKS.md. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { measureCliStatus } from './cliStatus.js';
import { auditHistories } from './historyAudit.js';
import { measureMemory } from './memory.js';
import { inParallel } from './parallel.js';
import { park } from './park.js';
import { caseRefs } from './programmeInput.js';
import { runProgramme } from './programmeRun.js';
import { machine, markdownTable, rows, textTable, updateBenchmarksDoc, workerLabel, writeResults, type Figures } from './report.js';
import { loadSettings, type Measurement } from './settings.js';
import { measureSignalLatency } from './signalLatency.js';
import { Stack } from './stack.js';
import { measureStartup } from './startup.js';
import { measureThroughput } from './throughput.js';
import { ROOT } from './workerProcess.js';

const settings = loadSettings(process.env, process.argv.slice(2));
const runStarted = Date.now();
const elapsed = () => `${((Date.now() - runStarted) / 1000).toFixed(0)} s`;
const log = (line: string) => console.log(line);
const wants = (m: Measurement) => settings.only.includes(m);
// The replay worker and the dev server's runtime live in this process; their chatter is not a figure.
Runtime.install({ logger: new DefaultLogger('WARN') });

const resultsDir = join(ROOT, 'bench', 'results');
// Each run's process logs, and only this run's.
rmSync(join(resultsDir, 'logs'), { recursive: true, force: true });
const stack = new Stack(join(resultsDir, 'logs'), settings.maxCachedWorkflows, settings.programmeCaches[0]);
const figures: Figures = {};
let temporalCliVersion = 'unknown';

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log(`\n${name} …`);
  const value = await work();
  log(`  (${((Date.now() - started) / 1000).toFixed(0)} s; ${elapsed()} into the run)`);
  return value;
}

try {
  await step(`Starting the dev server, the worker process, the gateway, the partner and the mail sink (scale ${settings.scale})`, () => stack.start());
  temporalCliVersion = spawnSync(stack.temporalCli, ['--version'], { encoding: 'utf8' }).stdout.trim();

  let completed: WorkflowHandle[] = [];
  let completedBaselines: WorkflowHandle[] = [];
  // The default worker first (the headline), then the cached one; each in a fresh worker process.
  // Both throughputs before the latencies, whose parked programmes would stay on the server.
  if (wants('throughput')) {
    for (const [i, cache] of settings.programmeCaches.entries()) {
      const worker = workerLabel(cache);
      if (i > 0) await step(`Restarting the worker process: ${worker}`, () => stack.startWorker(cache));
      const t = settings.throughput;
      const result = await step(`1. Throughput, ${worker}: ${t.rounds} rounds of baseline and programme phases, ${t.phaseMs / 1000} s each, ${t.concurrency} in flight`, () =>
        measureThroughput(stack, t, log),
      );
      (figures.throughput ??= []).push({ cache, ...result.figures });
      if (completed.length === 0) [completed, completedBaselines] = [result.programmes, result.baselines];
    }
  }
  if (wants('latency')) {
    for (const [i, cache] of settings.programmeCaches.entries()) {
      const worker = workerLabel(cache);
      // The parked programmes' measurements start in a fresh worker process, not one the throughput phases churned.
      if (wants('throughput') || i > 0) await step(`Restarting the worker process: ${worker}`, () => stack.startWorker(cache));
      const l = settings.latency;
      const latency = await step(`2. Signal latency, ${worker}: ${l.idlePerKind} idle workflows of each kind, ${l.signalsPerSecond} signals/s`, () => measureSignalLatency(stack, l, log));
      (figures.latency ??= []).push({ cache, ...latency });
    }
  }
  if (wants('audit')) {
    figures.audit = await step('4. History audit and replay', async () => {
      if (completed.length < settings.audit.histories) {
        // Run on its own: complete a few programmes to read.
        const nextCase = caseRefs('BHA');
        await inParallel(settings.audit.histories, 10, async () => void completed.push(await runProgramme(stack.programmes, stack.partner, nextCase())));
      }
      return auditHistories(stack, completed, completedBaselines, settings.audit.histories);
    });
  }
  if (wants('cli')) {
    figures.cli = await step('6. Client: prepared-return status and temporal workflow query on one open programme', async () => {
      const [handle] = await park(stack, 'programme', 1, caseRefs('BCLI'));
      return measureCliStatus(stack, handle!.workflowId.replace(/^return-programme-/, ''), settings.cli.runs, join(resultsDir, 'client-bundle'));
    });
  }
  if (wants('memory')) {
    figures.memory = await step(`3. Memory: ${settings.memory.steps.join(' → ')} cached workflows, maxCachedWorkflows ${settings.maxCachedWorkflows}`, () =>
      measureMemory(stack, settings, log),
    );
  }
  if (wants('startup')) {
    figures.startup = await step('5. Worker start with a prebuilt bundle', () => measureStartup(stack, settings.startup.runs));
  }
} finally {
  await stack.stop();
}

const all = rows(figures);
const durationSeconds = Math.round((Date.now() - runStarted) / 1000);
log(`\nprepared-return against the Temporal floor (${durationSeconds} s, ${settings.full ? 'full run' : `scale ${settings.scale}, ${settings.only.join(', ')}`}):\n`);
log(textTable(all));
const missed = all.filter((r) => r.met === false);
log(missed.length ? `\nTargets missed: ${missed.map((r) => r.figure).join('; ')} (BENCHMARKS.md says why).` : '\nEvery target met.');

const runAt = new Date().toISOString();
const code = codeVersion();
const file = writeResults(resultsDir, { runAt, durationSeconds, code, machine: machine(temporalCliVersion), settings, figures, rows: all });
log(`\nFigures written to ${file}`);
if (settings.full) {
  const m = machine(temporalCliVersion);
  const heading = `Run of ${runAt.slice(0, 16).replace('T', ' ')} UTC (code ${code}), ${Math.round(durationSeconds / 60)} min, on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.temporalCli}.`;
  if (updateBenchmarksDoc(join(ROOT, 'BENCHMARKS.md'), heading, markdownTable(all))) log('BENCHMARKS.md updated with these figures.');
}
process.exit(0);

/** The commit measured, and whether the working tree differed from it (the figures are of the files as they were). */
function codeVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  // This file's own output does not change what was measured.
  const changed = git('status', '--porcelain', '--untracked-files=no')
    .split('\n')
    .filter((line) => line && !line.endsWith('BENCHMARKS.md'));
  return changed.length ? `${commit} with uncommitted changes` : commit;
}
