/** The period a report covers: programmes opened from `from` (inclusive) to `to` (exclusive), UTC. */
import { z } from 'zod';

export interface ReportPeriod {
  /** ISO date-time, inclusive. */
  from: string;
  /** ISO date-time, exclusive. */
  to: string;
  /** `2026`, or `2026-03-01 – 2026-06-30`. */
  label: string;
}

const isoDate = z.iso.date({ error: 'expected a date, e.g. 2026-03-01' });

export function yearPeriod(year: number): ReportPeriod {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError('expected a year from 2000 to 2100');
  return { from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z`, label: String(year) };
}

/** Both dates inclusive, as people say "from 1 March to 30 June". */
export function datePeriod(fromDate: string, toDate: string): ReportPeriod {
  isoDate.parse(fromDate);
  isoDate.parse(toDate);
  const from = new Date(`${fromDate}T00:00:00.000Z`);
  const to = new Date(`${toDate}T00:00:00.000Z`);
  if (to < from) throw new RangeError('the end date is before the start date');
  to.setUTCDate(to.getUTCDate() + 1);
  return { from: from.toISOString(), to: to.toISOString(), label: `${fromDate} – ${toDate}` };
}

/** The months a period touches (`2026-01`, `2026-12`): the ledger counts by month. */
export function periodMonths(period: ReportPeriod): { from: string; to: string } {
  return { from: period.from.slice(0, 7), to: new Date(Date.parse(period.to) - 1).toISOString().slice(0, 7) };
}
