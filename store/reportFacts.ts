/**
 * What a report on a period counts, read from the evaluation ledger: the facts of every programme
 * opened in its months (closed or open, whether Temporal still holds it or not) and the offers
 * declined in them.
 */
import { factsFromLedger } from '../domain/report/fromLedger.js';
import { periodMonths, type ReportPeriod } from '../domain/report/period.js';
import type { Database } from './database.js';
import { readLedgerForPeriod } from './ledger.js';

export async function readReportFacts(db: Database, period: ReportPeriod): Promise<ReturnType<typeof factsFromLedger>> {
  const months = periodMonths(period);
  return factsFromLedger(await readLedgerForPeriod(db, months.from, months.to));
}
