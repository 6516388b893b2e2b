/**
 * Finds or builds the Temporal CLI, whose `server start-dev` is the real Temporal server used by the
 * local stack, the tests and CI. One module, so all three agree on the version and the cache.
 *
 * Order, first that works wins:
 *  1. `TEMPORAL_CLI_PATH` (an operator's explicit choice: if it is set and broken, we say so and stop);
 *  2. a `temporal` on PATH that embeds a server at least MIN_SERVER_VERSION;
 *  3. the per-user cache, e.g. `~/.cache/prepared-return/temporal-cli-1.5.1/temporal`;
 *  4. `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into that cache (minutes, once per machine);
 *  5. without Go, the SDK's own download (works for users with internet access).
 * The cache lives outside the clone so every clone on the machine (CI clones afresh) reuses one build.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const PINNED_CLI_VERSION = '1.5.1';
/**
 * What we need is the embedded server (typed search attributes, user metadata, updates), so a CLI is
 * judged by the server version it reports: `go install` builds say `temporal version 0.0.0-DEV (Server 1.29.1, …)`.
 */
export const MIN_SERVER_VERSION = '1.29.0';
const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

export type TemporalCliExecutable =
  | { type: 'existing-path'; path: string; source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go install' }
  | { type: 'cached-download'; source: 'sdk download' };

export class TemporalCliUnavailable extends Error {
  constructor(readonly attempts: string[]) {
    super(
      [
        'The Temporal CLI (the local Temporal server) could not be found or built. Tried:',
        ...attempts.map((a) => `  - ${a}`),
        'Fix one of these and run the command again:',
        `  - install Go (https://go.dev/dl) so the CLI v${PINNED_CLI_VERSION} can be built once into ${cacheDir()}`,
        '  - install the Temporal CLI (https://docs.temporal.io/cli) and put `temporal` on PATH',
        '  - set TEMPORAL_CLI_PATH to the path of a temporal executable',
      ].join('\n'),
    );
    this.name = 'TemporalCliUnavailable';
  }
}

/** `$XDG_CACHE_HOME/prepared-return/temporal-cli-<version>`, else under `~/.cache`. */
export function cacheDir(version = PINNED_CLI_VERSION): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'prepared-return', `temporal-cli-${version}`);
}

export function cachedCliPath(version = PINNED_CLI_VERSION): string {
  return join(cacheDir(version), 'temporal');
}

/** The server version a CLI embeds (`temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)`), or why it did not run. */
export function cliServerVersion(path: string): { version: string } | { error: string } {
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (run.error) return { error: run.error.message };
  if (run.status !== 0) return { error: `exit code ${run.status}` };
  const match = /\(Server (\d+\.\d+\.\d+)/.exec(run.stdout);
  return match?.[1] ? { version: match[1] } : { error: `unrecognised --version output "${run.stdout.trim().slice(0, 80)}"` };
}

export function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export interface ProvisionOptions {
  /** Called with progress lines meant for a person (the build takes minutes). */
  progress?: (line: string) => void;
  /** Allow falling back to the SDK's download when nothing else works (default true). */
  allowDownload?: boolean;
}

export function provisionTemporalCli(options: ProvisionOptions = {}): TemporalCliExecutable {
  const progress = options.progress ?? (() => undefined);
  const attempts: string[] = [];

  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    const v = cliServerVersion(explicit);
    if ('version' in v) return { type: 'existing-path', path: explicit, source: 'TEMPORAL_CLI_PATH' };
    throw new TemporalCliUnavailable([`TEMPORAL_CLI_PATH=${explicit}: does not run (${v.error})`]);
  }
  attempts.push('TEMPORAL_CLI_PATH: not set');

  const onPath = findOnPath('temporal');
  if (onPath) {
    const v = cliServerVersion(onPath);
    if ('version' in v && atLeast(v.version, MIN_SERVER_VERSION)) return { type: 'existing-path', path: onPath, source: 'PATH' };
    attempts.push(`${onPath}: ${'version' in v ? `embeds server ${v.version}, older than ${MIN_SERVER_VERSION}` : v.error}`);
  } else {
    attempts.push('`temporal` on PATH: not found');
  }

  const cached = cachedCliPath();
  if (existsSync(cached)) {
    const v = cliServerVersion(cached);
    if ('version' in v) return { type: 'existing-path', path: cached, source: 'cache' };
    attempts.push(`${cached}: does not run (${v.error}); rebuilding`);
    rmSync(cached, { force: true });
  } else {
    attempts.push(`${cached}: not built yet`);
  }

  const go = findOnPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (go) {
    const built = buildWithGo(go, progress);
    if ('path' in built) return { type: 'existing-path', path: built.path, source: 'go install' };
    attempts.push(built.error);
  } else {
    attempts.push('Go: not installed, so the CLI cannot be built');
  }

  if (options.allowDownload ?? true) {
    progress(`Falling back to the Temporal SDK's own download of the CLI (needs internet access). Earlier attempts:\n  ${attempts.join('\n  ')}`);
    return { type: 'cached-download', source: 'sdk download' };
  }
  throw new TemporalCliUnavailable(attempts);
}

/**
 * Builds into a fresh folder beside the cache and renames the binary into place, so an interrupted
 * build or two builds at once never leave a half-written executable where the next run looks.
 */
function buildWithGo(go: string, progress: (line: string) => void): { path: string } | { error: string } {
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(dir, 'build-'));
  progress(`Building the Temporal CLI v${PINNED_CLI_VERSION} with Go into ${dir} (first time on this machine: a few minutes)…`);
  const started = Date.now();
  const run = spawnSync(go, ['install', `${CLI_MODULE}@v${PINNED_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: staging, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    if (run.error) return { error: `go install: ${run.error.message}` };
    if (run.status !== 0) return { error: `go install ${CLI_MODULE}@v${PINNED_CLI_VERSION}: exit code ${run.status} (see the Go output above)` };
    const target = cachedCliPath();
    renameSync(join(staging, 'temporal'), target);
    progress(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
    return { path: target };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
