/**
 * When the annual report is made: one day a year (month and day, a time, in Danish time), by a
 * Temporal Schedule that starts the `annualReport` workflow. The report covers the calendar year
 * before the run, so a run in January reports on the whole of the year just ended.
 */
import { z } from 'zod';
import { parseOrThrow } from '../validation.js';
import { definedEnv } from '../config.js';

export const REPORT_SCHEDULE_ID = 'prepared-return-annual-report';
export const REPORT_WORKFLOW_TYPE = 'annualReport';
export const REPORT_TIMEZONE = 'Europe/Copenhagen';

/** Days in each month; 29 February is refused so the report never skips a year. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const ReportDate = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'expected a month and day, MM-DD, e.g. 01-15')
  .transform((v) => ({ month: Number(v.slice(0, 2)), day: Number(v.slice(3)) }))
  .refine((d) => d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= DAYS_IN_MONTH[d.month - 1]!, 'expected a day that exists every year (MM-DD, not 02-29)');

export const ReportTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time, HH:MM, e.g. 06:00')
  .transform((v) => ({ hour: Number(v.slice(0, 2)), minute: Number(v.slice(3)) }));

export interface ReportScheduleSettings {
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export const DEFAULT_REPORT_SCHEDULE: ReportScheduleSettings = { month: 1, day: 15, hour: 6, minute: 0 };

/** The local stack's variables: `PR_REPORT_DATE` (MM-DD) and `PR_REPORT_TIME` (HH:MM, Danish time). */
export const ReportScheduleEnv = z.object({
  PR_REPORT_DATE: ReportDate.default({ month: DEFAULT_REPORT_SCHEDULE.month, day: DEFAULT_REPORT_SCHEDULE.day }),
  PR_REPORT_TIME: ReportTime.default({ hour: DEFAULT_REPORT_SCHEDULE.hour, minute: DEFAULT_REPORT_SCHEDULE.minute }),
});

export function loadReportSchedule(env: Record<string, string | undefined>): ReportScheduleSettings {
  const defined = definedEnv(env);
  const { PR_REPORT_DATE, PR_REPORT_TIME } = parseOrThrow(ReportScheduleEnv, defined, 'The environment');
  return { ...PR_REPORT_DATE, ...PR_REPORT_TIME };
}

export function scheduleWords(s: ReportScheduleSettings): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `every year on ${pad(s.month)}-${pad(s.day)} at ${pad(s.hour)}:${pad(s.minute)} (${REPORT_TIMEZONE})`;
}
