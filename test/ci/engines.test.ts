/** The dependency tree runs on the oldest Node the README and package.json promise, as CI checks. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { enginesProblems } from '../../dev/checkEngines.js';

const run = promisify(execFile);

describe('engines', () => {
  it('npm run check:engines passes on the committed lock file', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'check:engines'], { encoding: 'utf8' });
    expect(stdout).toMatch(/^Every package in package-lock.json runs on Node 20\.19\.0/);
  });

  it('names a package that wants a newer Node than promised (cookie 2 wants Node 22)', () => {
    const lock = { packages: { '': {}, 'node_modules/light-my-request/node_modules/cookie': { version: '2.0.2', engines: { node: '>=22' } } } };
    expect(enginesProblems(lock, '20.19.0')).toEqual([{ name: 'cookie', version: '2.0.2', wants: '>=22' }]);
  });

  it('CI installs with engine-strict and runs the check', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).toMatch(/npm ci --engine-strict/);
    expect(ci).toMatch(/npm run --silent check:engines/);
  });
});
