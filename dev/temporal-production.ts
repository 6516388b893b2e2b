/**
 * Finds or builds the production Temporal server, its schema tool and the Web UI server, for the
 * local cluster (`npm run start:cluster`), the cluster tests and CI. Like the CLI's provisioning
 * (dev/temporal-cli.ts), one module so all of them agree on versions and cache.
 *
 * The server is our own build of go.temporal.io/server (deploy/temporal-server: Temporal's server
 * with an authorizer that gives the worker role its meaning), and the schema tool is Temporal's,
 * built in the same module; the UI server is Temporal's own. Each executable, first that works wins:
 *  1. its variable (an operator's explicit choice: set and broken is an error, never a fallback):
 *     `PR_TEMPORAL_SERVER_PATH`, `PR_TEMPORAL_SQL_TOOL_PATH`, `PR_TEMPORAL_UI_SERVER_PATH`;
 *  2. on PATH under the names of Temporal's images: `temporal-sql-tool`, `ui-server` (not the
 *     server: Temporal's own `temporal-server` does not know our authorizer and would not start);
 *  3. the per-user cache, e.g. `~/.cache/prepared-return/temporal-server-1.29.1/temporal-server-<hash>`
 *     and `…/temporal-sql-tool-<hash>` (the hash of our module, so a change to it rebuilds both);
 *  4. built with Go into that cache (once per machine): `go build` of both in deploy/temporal-server,
 *     `go install` of the pinned UI server.
 * The PostgreSQL schema the tool migrates with comes from `PR_TEMPORAL_SCHEMA_DIR`, else from the
 * cache (copied there from the Go module at build time), else from the Go module cache.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath } from './temporal-cli.js';

export const PINNED_SERVER_VERSION = '1.29.1';
export const PINNED_UI_SERVER_VERSION = '2.55.0';

const SERVER_MODULE = 'go.temporal.io/server';

/** Our server's Go module: main.go, authorizer.go, and go.mod pinning go.temporal.io/server. */
export const SERVER_MODULE_DIR = fileURLToPath(new URL('../deploy/temporal-server/', import.meta.url));

/**
 * How a tool is built: `go install` of a published package, or `go build` in our module (its own
 * package, or one of the server's that go.mod lists as a `tool`, built with our module's versions).
 */
type Build = { install: string; built: string } | { module: string; package?: string };

interface Tool {
  what: string;
  variable: string;
  /** The name of Temporal's image's executable, looked for on PATH; none when only our build will do. */
  onPath?: string;
  /** The name in the cache. */
  name: string;
  version: string;
  build: Build;
}

/**
 * What the server's build depends on, in a few hex digits: go.mod, go.sum and the module's Go files
 * (not its tests). The cached binary is named by it, so changing any of them builds afresh.
 */
export function serverSourceHash(dir = SERVER_MODULE_DIR): string {
  const files = readdirSync(dir)
    .filter((file) => file === 'go.mod' || file === 'go.sum' || (file.endsWith('.go') && !file.endsWith('_test.go')))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(dir, file))).update('\0');
  return hash.digest('hex').slice(0, 12);
}

const SERVER: Tool = { what: 'Temporal server (our build)', variable: 'PR_TEMPORAL_SERVER_PATH', name: `temporal-server-${serverSourceHash()}`, version: PINNED_SERVER_VERSION, build: { module: SERVER_MODULE_DIR } };
/**
 * The schema tool is built in our module too, so it compiles with the server's packages as they are
 * already built. Our go.mod takes the versions of the Temporal CLI v1.5.1 (built on server v1.29.1
 * too), so on a new machine the server and the schema tool reuse the packages the CLI's build
 * compiled: seconds instead of minutes.
 */
const SQL_TOOL: Tool = { what: 'Temporal schema tool', variable: 'PR_TEMPORAL_SQL_TOOL_PATH', onPath: 'temporal-sql-tool', name: `temporal-sql-tool-${serverSourceHash()}`, version: PINNED_SERVER_VERSION, build: { module: SERVER_MODULE_DIR, package: `${SERVER_MODULE}/cmd/tools/sql` } };
const UI_SERVER: Tool = { what: 'Temporal Web UI server', variable: 'PR_TEMPORAL_UI_SERVER_PATH', onPath: 'ui-server', name: 'ui-server', version: PINNED_UI_SERVER_VERSION, build: { install: 'github.com/temporalio/ui-server/v2/cmd/server', built: 'server' } };

export interface TemporalProductionTools {
  server: string;
  sqlTool: string;
  uiServer: string;
  /** Folder holding `postgresql/v12/{temporal,visibility}/versioned`. */
  schemaDir: string;
}

export class TemporalServerUnavailable extends Error {
  constructor(readonly attempts: string[]) {
    super(
      [
        'The production Temporal server could not be found or built. Tried:',
        ...attempts.map((a) => `  - ${a}`),
        'Fix one of these and run the command again:',
        `  - install Go (https://go.dev/dl) so our server build of v${PINNED_SERVER_VERSION} (deploy/temporal-server), its schema tool and UI server v${PINNED_UI_SERVER_VERSION} can be built once into ${productionCacheDir('server')}`,
        '  - put temporal-sql-tool and ui-server on PATH, set PR_TEMPORAL_SERVER_PATH to a build of deploy/temporal-server, and set PR_TEMPORAL_SCHEMA_DIR to the server\'s schema folder',
        '  - set PR_TEMPORAL_SERVER_PATH, PR_TEMPORAL_SQL_TOOL_PATH, PR_TEMPORAL_UI_SERVER_PATH',
      ].join('\n'),
    );
    this.name = 'TemporalServerUnavailable';
  }
}

export function productionCacheDir(which: 'server' | 'ui'): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'prepared-return', which === 'server' ? `temporal-server-${PINNED_SERVER_VERSION}` : `temporal-ui-server-${PINNED_UI_SERVER_VERSION}`);
}

const cacheOf = (tool: Tool): string => productionCacheDir(tool === UI_SERVER ? 'ui' : 'server');

/** Go: on PATH, or where its official installer puts it. */
export function findGo(): string | undefined {
  return findOnPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/** Whether an executable starts at all (`--help` answers with exit code 0 for all three). */
function runs(path: string): { ok: true } | { ok: false; error: string } {
  const run = spawnSync(path, ['--help'], { encoding: 'utf8', timeout: 15_000 });
  if (run.error) return { ok: false, error: run.error.message };
  return run.status === 0 ? { ok: true } : { ok: false, error: `exit code ${run.status}` };
}

function find(tool: Tool, attempts: string[]): string | undefined {
  const explicit = process.env[tool.variable];
  if (explicit) {
    const check = runs(explicit);
    if (check.ok) return explicit;
    throw new TemporalServerUnavailable([`${tool.variable}=${explicit}: does not run (${check.error})`]);
  }
  if (tool.onPath) {
    const onPath = findOnPath(tool.onPath);
    if (onPath && runs(onPath).ok) return onPath;
    attempts.push(onPath ? `${onPath}: does not run` : `${tool.onPath} on PATH: not found`);
  }
  const cached = join(cacheOf(tool), tool.name);
  if (existsSync(cached)) {
    if (runs(cached).ok) return cached;
    attempts.push(`${cached}: does not run; rebuilding`);
    rmSync(cached, { force: true });
  } else {
    attempts.push(`${cached}: not built yet`);
  }
  return undefined;
}

export interface ProductionProvisionOptions {
  /** Progress lines meant for a person (a build takes minutes). */
  progress?: (line: string) => void;
}

/** The server, the schema tool, the UI server and the schema, found or built (see the top of this file). */
export function provisionTemporalProduction(options: ProductionProvisionOptions = {}): TemporalProductionTools {
  const progress = options.progress ?? (() => undefined);
  const attempts: string[] = [];
  const go = findGo();
  const resolved = [SERVER, SQL_TOOL, UI_SERVER].map((tool) => {
    const found = find(tool, attempts);
    if (found) return found;
    if (!go) {
      attempts.push(`Go: not installed, so the ${tool.what} cannot be built`);
      return undefined;
    }
    const built = buildWithGo(go, tool, progress);
    if ('path' in built) return built.path;
    attempts.push(built.error);
    return undefined;
  });
  const schemaDir = findSchema(go, attempts);
  const [server, sqlTool, uiServer] = resolved;
  if (!server || !sqlTool || !uiServer || !schemaDir) throw new TemporalServerUnavailable(attempts);
  return { server, sqlTool, uiServer, schemaDir };
}

/** True when every executable and the schema can be had without building anything. */
export function temporalProductionAvailable(): boolean {
  try {
    const attempts: string[] = [];
    return [SERVER, SQL_TOOL, UI_SERVER].every((tool) => find(tool, attempts) !== undefined) && findSchema(undefined, attempts) !== undefined;
  } catch {
    return false;
  }
}

const schemaIn = (dir: string): boolean => existsSync(join(dir, 'postgresql', 'v12', 'temporal', 'versioned'));

function findSchema(go: string | undefined, attempts: string[]): string | undefined {
  const explicit = process.env.PR_TEMPORAL_SCHEMA_DIR;
  if (explicit) {
    if (schemaIn(explicit)) return explicit;
    throw new TemporalServerUnavailable([`PR_TEMPORAL_SCHEMA_DIR=${explicit}: has no postgresql/v12/temporal/versioned`]);
  }
  const cached = join(productionCacheDir('server'), 'schema');
  if (schemaIn(cached)) return cached;
  const fromModule = go ? moduleSchemaDir(go) : undefined;
  if (fromModule) {
    // Kept beside the binaries, so later runs need neither Go nor its module cache.
    cpSync(join(fromModule, 'postgresql'), join(cached, 'postgresql'), { recursive: true });
    return cached;
  }
  attempts.push(`the PostgreSQL schema: not in ${cached}${go ? ', and Go could not download the server module' : ' and Go is not installed'}`);
  return undefined;
}

/** `<module dir>/schema` of the pinned server module (downloaded into Go's module cache if need be). */
function moduleSchemaDir(go: string): string | undefined {
  const run = spawnSync(go, ['mod', 'download', '-json', `${SERVER_MODULE}@v${PINNED_SERVER_VERSION}`], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
  if (run.status !== 0) return undefined;
  try {
    const dir = (JSON.parse(run.stdout) as { Dir?: string }).Dir;
    return dir && schemaIn(join(dir, 'schema')) ? join(dir, 'schema') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds into a fresh folder beside the cache and renames the binary into place, so an interrupted
 * build or two builds at once never leave a half-written executable where the next run looks.
 * Go's own parallelism (a package per core): on a two-core machine one package at a time took a
 * third longer (our server from an empty build cache: 273 s against 206 s).
 */
function buildWithGo(go: string, tool: Tool, progress: (line: string) => void): { path: string } | { error: string } {
  const dir = cacheOf(tool);
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(dir, 'build-'));
  const build = tool.build;
  const command = 'module' in build ? ['build', '-buildvcs=false', '-o', join(staging, tool.name), build.package ?? '.'] : ['install', `${build.install}@v${tool.version}`];
  const described = 'module' in build ? `go build ${build.package ?? '.'} in ${build.module}` : `go install ${build.install}@v${tool.version}`;
  progress(`Building the ${tool.what} v${tool.version} with Go into ${dir} (first time on this machine: minutes)…`);
  const started = Date.now();
  const run = spawnSync(go, command, {
    cwd: 'module' in build ? build.module : undefined,
    env: { ...process.env, GOBIN: staging, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    if (run.error) return { error: `${described}: ${run.error.message}` };
    if (run.status !== 0) return { error: `${described}: exit code ${run.status} (see the Go output above)` };
    const path = join(dir, tool.name);
    renameSync(join(staging, 'module' in build ? tool.name : build.built), path);
    progress(`Built the ${tool.what} in ${Math.round((Date.now() - started) / 1000)} s: ${path}`);
    return { path };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
