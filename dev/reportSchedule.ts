/**
 * The local stack registers the annual report schedule at start (PR_REPORT_DATE, PR_REPORT_TIME).
 * A schedule that already exists in the SQLite file keeps the date it was given last
 * (`prepared-return report schedule --date …`).
 */
import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { describeReportSchedule, ensureReportSchedule } from '../client/report/schedule.js';
import type { ReportScheduleSettings } from '../domain/report/schedule.js';

export async function registerReportSchedule(
  connection: NativeConnection,
  namespace: string,
  settings: ReportScheduleSettings,
): Promise<string> {
  // The schedule starts the workflow with no arguments, so no payload needs the data converter here.
  const client = new Client({ connection, namespace });
  const created = await ensureReportSchedule(client, settings);
  const view = await describeReportSchedule(client);
  return `${view?.words ?? '?'}${view?.paused ? ', paused' : ''}${created === 'created' ? ', created now' : ''}`;
}
