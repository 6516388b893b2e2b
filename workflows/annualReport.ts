/**
 * The annual status report, started once a year by a Temporal Schedule (`prepared-return report
 * schedule`). One activity reads the programmes, builds the report and mails it: the report never
 * passes through workflow history, only the counts of what was read and sent.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { AnnualReportInput, AnnualReportResult, ReportActivities } from '../domain/report/activities.js';

const { mailAnnualReport } = proxyActivities<ReportActivities>({
  // Reading every programme of a year takes a while; the activity heartbeats as it reads.
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 10 },
  summary: 'Build the annual report and mail it',
});

export async function annualReport(input: AnnualReportInput = {}): Promise<AnnualReportResult> {
  // A scheduled run reports on the calendar year before it (a run in January covers the year just ended).
  const year = input.year ?? workflowInfo().startTime.getUTCFullYear() - 1;
  return mailAnnualReport({ year, ...(input.caseworkerId ? { caseworkerId: input.caseworkerId } : {}) });
}
