/**
 * Small-number suppression: primary ("<3"), secondary (a total must not give a small number away),
 * linked cells, and a property test that no hidden count can be worked out from any one equation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationCell } from '../../domain/report/publish.js';
import { quartiles } from '../../domain/report/quantiles.js';
import { suppress, type SuppressionInput } from '../../domain/report/suppression.js';

/** A row `t = a + b + c…` with the given values. */
function row(total: number, ...parts: number[]): SuppressionInput {
  const values = new Map<string, number>([['t', total], ...parts.map((v, i): [string, number] => [`p${i}`, v])]);
  return { values, groups: [{ total: 't', parts: parts.map((_, i) => `p${i}`) }] };
}

describe('suppress', () => {
  it('hides nothing when every count is at least 3', () => {
    expect(suppress(row(12, 3, 4, 5)).size).toBe(0);
  });

  it('hides every count under 3, zero included, as primary', () => {
    const hidden = suppress({ values: new Map([['a', 0], ['b', 1], ['c', 2], ['d', 3]]), groups: [] });
    expect(Object.fromEntries(hidden)).toEqual({ a: 'primary', b: 'primary', c: 'primary' });
  });

  it('hides the smallest other part when the total would give a single small count away', () => {
    // 10 − 4 − 5 = 1: with only p0 hidden, anyone can subtract.
    expect(Object.fromEntries(suppress(row(10, 1, 4, 5)))).toEqual({ p0: 'primary', p1: 'secondary' });
  });

  it('needs nothing more when two small counts share an ambiguous remainder', () => {
    // p0 + p1 = 2 with each in 0..2: (0,2), (1,1), (2,0).
    expect(Object.fromEntries(suppress(row(10, 1, 1, 8)))).toEqual({ p0: 'primary', p1: 'primary' });
  });

  it('hides more when the small counts are pinned by their sum (2 + 2, or all zero)', () => {
    expect(Object.fromEntries(suppress(row(14, 2, 2, 10)))).toEqual({ p0: 'primary', p1: 'primary', p2: 'secondary' });
    expect(Object.fromEntries(suppress(row(5, 0, 0, 5)))).toEqual({ p0: 'primary', p1: 'primary', p2: 'secondary' });
  });

  it('hides the total when it is small (its parts are small too)', () => {
    expect(Object.fromEntries(suppress(row(2, 1, 1, 0)))).toEqual({ t: 'primary', p0: 'primary', p1: 'primary', p2: 'primary' });
  });

  it('hides a shown total when every part is hidden and the total alone would pin them', () => {
    // Both parts are secondary-free small counts summing to 4 → pinned at (2, 2); no part is left to hide.
    expect(Object.fromEntries(suppress(row(4, 2, 2)))).toEqual({ t: 'secondary', p0: 'primary', p1: 'primary' });
  });

  it('hides a linked cell in every table it appears in, and protects it there too', () => {
    const values = new Map([
      ['A.t', 9], ['A.x', 1], ['A.y', 8],
      ['B.t', 9], ['B.x', 1], ['B.z', 4], ['B.w', 4],
      ['C.x', 1],
    ]);
    const hidden = suppress({
      values,
      groups: [
        { total: 'A.t', parts: ['A.x', 'A.y'] },
        { total: 'B.t', parts: ['B.x', 'B.z', 'B.w'] },
      ],
      links: [['A.y', 'B.z']],
    });
    // A.x is small: A.y must go (9 − 8); linked, so B.z goes as well, which then protects B.x.
    expect(Object.fromEntries(hidden)).toEqual({ 'A.x': 'primary', 'A.y': 'secondary', 'B.x': 'primary', 'B.z': 'secondary', 'C.x': 'primary' });
  });

  it('rejects values that are not counts', () => {
    expect(() => suppress({ values: new Map([['a', -1]]), groups: [] })).toThrow(/not a count/);
    expect(() => suppress({ values: new Map([['a', 1.5]]), groups: [] })).toThrow(/not a count/);
  });

  it('never leaves a hidden count that one equation pins to a single value (property)', () => {
    const table = fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 3 }), { minLength: 2, maxLength: 3 }).filter((rows) => rows.every((r) => r.length === rows[0]!.length));
    fc.assert(
      fc.property(table, (cells) => {
        const input = twoWayTable(cells);
        const hidden = suppress(input);
        for (const [id, v] of input.values) expect(v < 3 ? hidden.get(id) : true).toBe(v < 3 ? 'primary' : true);
        for (const group of input.groups) {
          for (const id of [group.total, ...group.parts].filter((c) => hidden.has(c))) {
            expect(possibleValues(input, hidden, group, id).size, `cell ${id} in ${JSON.stringify(cells)}`).toBeGreaterThan(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Cells r{i}c{j}, row totals r{i}T, column totals Tc{j}, grand total TT. */
function twoWayTable(cells: number[][]): SuppressionInput {
  const values = new Map<string, number>();
  const groups: SuppressionInput['groups'][number][] = [];
  const cols = cells[0]!.length;
  cells.forEach((r, i) => {
    r.forEach((v, j) => values.set(`r${i}c${j}`, v));
    values.set(`r${i}T`, r.reduce((a, b) => a + b, 0));
    groups.push({ total: `r${i}T`, parts: r.map((_, j) => `r${i}c${j}`) });
  });
  for (let j = 0; j < cols; j++) {
    values.set(`Tc${j}`, cells.reduce((a, r) => a + r[j]!, 0));
    groups.push({ total: `Tc${j}`, parts: cells.map((_, i) => `r${i}c${j}`) });
  }
  values.set('TT', [...values].filter(([k]) => /^r\d+T$/.test(k)).reduce((a, [, v]) => a + v, 0));
  groups.push({ total: 'TT', parts: cells.map((_, i) => `r${i}T`) });
  groups.push({ total: 'TT', parts: Array.from({ length: cols }, (_, j) => `Tc${j}`) });
  return { values, groups };
}

/** Brute force: every value `id` can take in solutions of one equation, given what a reader sees. */
function possibleValues(input: SuppressionInput, hidden: Map<string, string>, group: { total: string; parts: readonly string[] }, id: string): Set<number> {
  const max = [...input.values.values()].reduce((a, b) => a + b, 0) + 3;
  const range = (c: string): [number, number] => (hidden.get(c) === 'primary' ? [0, 2] : hidden.has(c) ? [3, max] : [input.values.get(c)!, input.values.get(c)!]);
  const terms = [{ id: group.total, sign: -1 }, ...group.parts.map((p) => ({ id: p, sign: 1 }))];
  const seen = new Set<number>();
  const walk = (i: number, sum: number, mine: number | undefined): void => {
    if (i === terms.length) {
      if (sum === 0 && mine !== undefined) seen.add(mine);
      return;
    }
    const [lo, hi] = range(terms[i]!.id);
    for (let v = lo; v <= hi; v++) walk(i + 1, sum + terms[i]!.sign * v, terms[i]!.id === id ? v : mine);
  };
  walk(0, 0, undefined);
  return seen;
}

describe('medians and quartiles', () => {
  const stats = (sample: number[]) => (['q1', 'median', 'q3'] as const).map((stat) => durationCell(sample, stat).value);

  it('at three programmes would give back each duration: hidden, as at four', () => {
    // What publishing them would reveal: x1 = 2·q1 − median, x2 = median, x3 = 2·q3 − median.
    const sample = [86_400_000, 5 * 86_400_000, 12 * 86_400_000];
    const { q1, median, q3 } = quartiles(sample);
    expect([2 * q1 - median, median, 2 * q3 - median]).toEqual(sample);
    expect(stats(sample)).toEqual([null, null, null]);
    expect(durationCell(sample, 'median')).toEqual({ value: null, display: 'n<5', hidden: 'too-few' });
    expect(stats([...sample, 20 * 86_400_000])).toEqual([null, null, null]);
  });

  it('are shown from five programmes on', () => {
    expect(stats([1, 2, 3, 4, 5].map((d) => d * 86_400_000))).toEqual([2, 3, 4].map((d) => d * 86_400_000));
  });
});
