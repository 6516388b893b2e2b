/**
 * `npm run check:engines`: every package in package-lock.json runs on the oldest Node this project
 * promises (`engines.node` of package.json, e.g. `>=20.19`). npm only warns (EBADENGINE) and only
 * against the Node it runs on; this checks the promise itself, so CI on a newer Node still catches
 * a dependency that left the promised Node behind.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
  dev?: boolean;
  optional?: boolean;
}

export interface EngineProblem {
  name: string;
  version: string;
  wants: string;
}

/** Packages of the lock file whose `engines.node` excludes `oldestNode`. */
export function enginesProblems(lock: { packages: Record<string, LockPackage> }, oldestNode: string): EngineProblem[] {
  const problems: EngineProblem[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || Array.isArray(entry.engines)) continue;
    const wants = entry.engines?.node;
    if (!wants || semver.validRange(wants) === null) continue;
    if (!semver.satisfies(oldestNode, wants, { includePrerelease: true })) {
      problems.push({ name: path.replace(/^.*node_modules\//, ''), version: entry.version ?? '?', wants });
    }
  }
  return problems;
}

function main(): void {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { engines?: { node?: string } };
  const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as { packages: Record<string, LockPackage> };
  const promised = pkg.engines?.node;
  const oldest = promised ? semver.minVersion(promised)?.version : undefined;
  if (!promised || !oldest) {
    console.error('package.json: engines.node must name the oldest supported Node, e.g. ">=20.19"');
    process.exit(1);
  }
  const problems = enginesProblems(lock, oldest);
  if (problems.length > 0) {
    console.error(`These packages do not run on Node ${oldest} (package.json promises "${promised}"):`);
    for (const p of problems) console.error(`  ${p.name}@${p.version} wants Node ${p.wants}`);
    console.error('Pin an older version in package.json "overrides", or raise engines.node and the README with it.');
    process.exit(1);
  }
  console.log(`Every package in package-lock.json runs on Node ${oldest} (engines.node "${promised}").`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
