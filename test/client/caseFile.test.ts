/**
 * docs/case-file.md is the reference of the case file: the example it points to opens a programme
 * with the real client, every key of the programme input is in it, and its policy table says what
 * the standard and the demo policy really are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../domain/durations.js';
import { DEMO_POLICY, Policy } from '../../domain/policy.js';
import { Person, ProgrammeInput } from '../../domain/programme.js';
import { uniqueCaseRef } from '../support/temporal.js';
import { cliFor } from './runCli.js';

const doc = readFileSync(new URL('../../docs/case-file.md', import.meta.url), 'utf8');
const cli = cliFor('case-file-no-worker');

/** The rows of the markdown table whose header starts with `| Key |`, under the heading that contains `heading`. */
function tableUnder(heading: string): string[][] {
  const section = doc.split(/^## /m).find((s) => s.startsWith(heading)) ?? '';
  return section
    .split('\n')
    .filter((line) => /^\| `/.test(line))
    .map((line) => line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim().replace(/^`|`$/g, '')));
}

describe('docs/case-file.md', () => {
  it('its example file opens a programme as the doc says', async () => {
    expect(doc).toContain('`prepared-return open --file docs/examples/case-file.yaml`');
    const result = await cli('open', uniqueCaseRef('CMM'), '--file', 'docs/examples/case-file.yaml', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('lists every key of the programme input and of person', () => {
    const keys = tableUnder('The programme').map((row) => row[0]!.split('.')[0]!);
    expect(new Set(keys)).toEqual(new Set(Object.keys(ProgrammeInput.shape)));
    for (const scope of ['participation', 'sharing', 'followUp']) expect(tableUnder('The programme').map((r) => r[0])).toContain(`consent.${scope}`);
    expect(tableUnder('`person`').map((row) => row[0])).toEqual(Object.keys(Person.shape));
  });

  it("its policy table holds every key with the standard and the demo policy's values", () => {
    const rows = tableUnder('`policy`');
    const standard = Policy.parse({}) as unknown as Record<string, number | Record<string, number>>;
    const demo = Policy.parse(DEMO_POLICY) as unknown as Record<string, number | Record<string, number>>;
    const value = (policy: typeof standard, key: string) => {
      const [top, sub] = key.split('.') as [string, string | undefined];
      const v = policy[top]!;
      return sub ? (v as Record<string, number>)[sub] : v;
    };
    const documented = rows.map((r) => r[0]!);
    const expected = Object.entries(standard).flatMap(([k, v]) => (typeof v === 'object' ? Object.keys(v).map((s) => `${k}.${s}`) : [k]));
    expect(documented).toEqual(expected);
    for (const [key, standardText, demoText] of rows) {
      expect(parseDuration(standardText!), `${key} standard`).toBe(value(standard, key!));
      expect(parseDuration(demoText!), `${key} demo`).toBe(value(demo, key!));
    }
  });
});
