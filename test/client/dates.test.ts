import { describe, expect, it } from 'vitest';
import { dayOf, parseWhen } from '../../client/input/dates.js';

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

describe('a planned date', () => {
  const morning = new Date(2026, 11, 2, 8, 0, 0);

  it("is its midday, today's too: a flight today is still to come at eight in the morning", () => {
    expect(parseWhen('2026-12-02', morning, 'planned')).toBe(new Date(2026, 11, 2, 12, 0, 0).toISOString());
  });

  it('and a day as typed stays that day, whatever the hour in UTC', () => {
    expect(dayOf('2026-12-01', new Date(2026, 11, 1, 0, 30))).toBe('2026-12-01');
    expect(dayOf('today', new Date(2026, 11, 1, 0, 30))).toBe('2026-12-01');
    expect(dayOf('2026-02-30')).toBeUndefined();
  });
});
