/**
 * The annual report activity: reads the year's figures from the evaluation ledger (every programme
 * opened that year, however long ago it closed), builds the published report (small numbers already
 * suppressed) and mails it to the report recipients: the Markdown as the text, HTML and CSV attached.
 */
import { log } from '@temporalio/activity';
import { AnnualReportInput, type ReportActivities } from '../domain/report/activities.js';
import { yearPeriod } from '../domain/report/period.js';
import { buildReport } from '../domain/report/publish.js';
import { describeProblems } from '../domain/validation.js';
import { readReportFacts } from '../store/reportFacts.js';
import type { Store } from '../store/store.js';
import { renderReport } from '../domain/report/render/index.js';
import { currentDeliveryIdentity, messageId } from './deliveryKeys.js';
import { FailureType, permanentFailure } from './failures.js';
import type { Mailer } from './mail.js';
import type { StaffDirectory } from './staffDirectory.js';

export function createReportActivities(deps: { mailer: Mailer; staff: StaffDirectory; store: Store }): ReportActivities {
  return {
    async mailAnnualReport(rawInput) {
      const parsed = AnnualReportInput.safeParse(rawInput);
      if (!parsed.success || parsed.data.year === undefined) {
        throw permanentFailure(FailureType.InvalidInput, `mailAnnualReport: the input is not valid:\n${parsed.success ? 'year: expected a year' : describeProblems(parsed.error)}`);
      }
      if (parsed.data.caseworkerId) {
        throw permanentFailure(FailureType.InvalidInput, 'mailAnnualReport: caseworkerId: the ledger is de-identified and knows no caseworkers; the report covers every programme');
      }
      const { year } = parsed.data;
      const period = yearPeriod(year);
      const facts = await readReportFacts(deps.store.db, period);
      const report = buildReport(facts.programmes, period, new Date().toISOString(), facts.declinedOffers);
      const to = deps.staff.reportRecipients();
      const sent = await deps.mailer.send({
        to,
        subject: `${report.title}`,
        text: renderReport(report, 'md'),
        messageId: messageId(currentDeliveryIdentity(), deps.mailer.messageIdDomain),
        language: 'en',
        attachments: [
          { filename: `prepared-return-report-${year}.html`, content: renderReport(report, 'html'), contentType: 'text/html; charset=utf-8' },
          { filename: `prepared-return-report-${year}.csv`, content: renderReport(report, 'csv'), contentType: 'text/csv; charset=utf-8' },
        ],
      });
      log.info('annual report mailed', { year, programmes: facts.programmes.length, recipients: to.length });
      return { year, programmes: facts.programmes.length, unreadable: 0, recipients: to.length, messageId: sent.messageId };
    },
  };
}
