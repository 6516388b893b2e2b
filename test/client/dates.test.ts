import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../client/input/dates.js';

describe('a date as a caseworker types it', () => {
  const morning = new Date(2026, 11, 2, 8, 0, 0);

  it("today's date in the morning is now, not a midday still to come", () => {
    expect(parseWhen('2026-12-02', morning)).toBe(morning.toISOString());
    expect(parseWhen('today', morning)).toBe(morning.toISOString());
  });

  it('any other plain date is its midday', () => {
    expect(parseWhen('2026-12-01', morning)).toBe(new Date(2026, 11, 1, 12, 0, 0).toISOString());
    expect(parseWhen('2027-02-20', morning)).toBe(new Date(2027, 1, 20, 12, 0, 0).toISOString());
    expect(parseWhen('2027-02-30', morning)).toBeUndefined();
  });
});
