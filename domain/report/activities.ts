/** The annual report's activity, as the `annualReport` workflow sees it (implemented in activities/report.ts). */
import { z } from 'zod';
import { StaffId } from '../programme.js';

export const AnnualReportInput = z.strictObject({
  /** The calendar year reported on; the year before the run when absent. */
  year: z.number().int().min(2000).max(2100).optional(),
  /** One caseworker's programmes only (a team's own report). */
  caseworkerId: StaffId.optional(),
});
export type AnnualReportInput = z.input<typeof AnnualReportInput>;

export interface AnnualReportResult {
  year: number;
  /** Programmes read for the report (counts only: the report itself goes by mail, not into history). */
  programmes: number;
  unreadable: number;
  recipients: number;
  messageId: string;
}

export interface ReportActivities {
  /** Builds the year's report from the evaluation ledger and mails it to the report recipients. */
  mailAnnualReport(input: { year: number; caseworkerId?: string }): Promise<AnnualReportResult>;
}
