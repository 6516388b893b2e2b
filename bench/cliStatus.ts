/**
 * The caseworker's `prepared-return status` against the floor for the same question: the Temporal
 * CLI's `temporal workflow query --type status` on the same open programme, alternated run by run,
 * each timed from spawn to exit. The programme is in the worker's cache, so both pay the same query.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../dev/runCommand.js';
import { programmeWorkflowId } from '../domain/programme.js';
import type { Stack } from './stack.js';
import { median } from './stats.js';
import { ROOT } from './workerProcess.js';

export interface CliFigures {
  caseRef: string;
  runs: number;
  preparedReturnMs: number;
  temporalCliMs: number;
  ratio: number;
  /** Node with tsx loading nothing: the floor of any command run through tsx. */
  nodeTsxFloorMs: number;
  /** The same client bundled into one JavaScript file (what a build step would give); absent without esbuild. */
  bundledClientMs?: number;
}

export async function measureCliStatus(stack: Stack, caseRef: string, runs: number, workDir: string): Promise<CliFigures> {
  const ours = () => runCommand(process.execPath, [join(ROOT, 'client', 'bin.mjs'), 'status', caseRef], stack.clientEnv(), ROOT);
  const bundle = bundleClient(workDir);
  const bundled = bundle ? () => runCommand(process.execPath, [bundle, 'status', caseRef], stack.clientEnv(), ROOT) : undefined;
  const theirs = () =>
    runCommand(stack.temporalCli, ['workflow', 'query', '--address', stack.address, '--namespace', 'default', '--workflow-id', programmeWorkflowId(caseRef), '--type', 'status'], stack.clientEnv(), ROOT);
  const floor = () => runCommand(process.execPath, ['--import', 'tsx', '-e', ''], stack.clientEnv(), ROOT);

  // One of each first, unmeasured: the file system cache and tsx's compile cache warm up.
  for (const run of [ours, theirs, floor, ...(bundled ? [bundled] : [])]) {
    const first = await run();
    if (first.code !== 0) throw new Error(`a warm-up command failed (exit ${first.code}): ${first.stderr.slice(0, 500)}`);
  }
  const times = { ours: [] as number[], theirs: [] as number[], floor: [] as number[], bundled: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.ours.push((await ours()).ms);
    times.theirs.push((await theirs()).ms);
    times.floor.push((await floor()).ms);
    if (bundled) times.bundled.push((await bundled()).ms);
  }
  const preparedReturnMs = median(times.ours);
  const temporalCliMs = median(times.theirs);
  return {
    caseRef,
    runs,
    preparedReturnMs,
    temporalCliMs,
    ratio: preparedReturnMs / temporalCliMs,
    nodeTsxFloorMs: median(times.floor),
    ...(bundled ? { bundledClientMs: median(times.bundled) } : {}),
  };
}

/**
 * The client's TypeScript and its packages in one ES module, built with the esbuild that tsx brings
 * along; the failure converter it loads by path sits beside it. Inside the clone, so the converter
 * finds its own package. Undefined when esbuild is not installed.
 */
function bundleClient(workDir: string): string | undefined {
  const esbuild = join(ROOT, 'node_modules', '.bin', 'esbuild');
  if (!existsSync(esbuild)) return undefined;
  mkdirSync(workDir, { recursive: true });
  const entry = join(workDir, 'entry.mjs');
  const out = join(workDir, 'cli.mjs');
  writeFileSync(entry, `import { main } from ${JSON.stringify(join(ROOT, 'client', 'cli.ts'))};\nprocess.exit(await main(process.argv));\n`);
  const built = spawnSync(esbuild, [entry, '--bundle', '--platform=node', '--format=esm', `--outfile=${out}`, '--log-level=error', `--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);`]);
  if (built.status !== 0) return undefined;
  copyFileSync(join(ROOT, 'codec', 'failureConverter.cjs'), join(workDir, 'failureConverter.cjs'));
  return out;
}
