/**
 * The short policy one flag away: `open --policy demo`, durations written as people write them
 * (`4m30s`), and `--assessed-on today` meaning now, so a short reflection period has not run out
 * by the time the programme opens.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../domain/durations.js';
import { uniqueCaseRef } from '../support/temporal.js';
import { cliFor } from './runCli.js';

const cli = cliFor('demo-policy-no-worker');
const MINUTE = 60_000;

/** The reflection deadline `open --json` reports, in milliseconds from now. */
async function openedWith(...args: string[]): Promise<number> {
  const result = await cli('open', uniqueCaseRef('CMM'), '--country', 'RO', '--consent', 'participation', '--json', ...args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return Date.parse((JSON.parse(result.stdout) as { reflectionDeadline: string }).reflectionDeadline) - Date.now();
}

describe('durations', () => {
  it('reads compound durations, largest unit first, each unit once', () => {
    expect(parseDuration('4m30s')).toBe(270_000);
    expect(parseDuration('1h30m')).toBe(90 * MINUTE);
    expect(parseDuration('1d12h')).toBe(36 * 60 * MINUTE);
    expect(parseDuration('2s500ms')).toBe(2500);
    expect(parseDuration('14d')).toBe(14 * 24 * 60 * MINUTE);
    for (const bad of ['30s4m', '4m4m', '4m 30s', 'm30s', '4', '']) expect(parseDuration(bad), bad).toBeUndefined();
  });
});

describe('open with a short policy', () => {
  it('--policy demo --assessed-on today: five minutes of reflection, counted from now', async () => {
    const left = await openedWith('--assessed-on', 'today', '--policy', 'demo');
    expect(left).toBeGreaterThan(4 * MINUTE);
    expect(left).toBeLessThanOrEqual(5 * MINUTE);
  });

  it("a case file's policy takes a compound duration and overrides the demo policy", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pr-policy-'));
    const file = join(dir, 'training.yaml');
    await writeFile(file, 'policy:\n  reflectionPeriod: 4m30s\n');
    const left = await openedWith('--assessed-on', 'today', '--file', file, '--policy', 'demo');
    expect(left).toBeGreaterThan(4 * MINUTE);
    expect(left).toBeLessThanOrEqual(4.5 * MINUTE);
  });

  it('an unknown policy name is refused with the names there are', async () => {
    const result = await cli('open', uniqueCaseRef('CMM'), '--country', 'RO', '--assessed-on', 'today', '--consent', 'participation', '--policy', 'fast');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--policy: expected standard or demo (demo: a day lasts ten seconds)');
  });
});
