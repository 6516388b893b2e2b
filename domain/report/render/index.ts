/** One entry for every output format of the report. */
import type { ReportLanguage } from '../language.js';
import type { PublishedReport } from '../publish.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { inLanguage } from './inLanguage.js';
import { renderMarkdown } from './markdown.js';

export const REPORT_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** English unless asked otherwise: the centre publishes and mails the report in English. */
export function renderReport(report: PublishedReport, format: ReportFormat, lang: ReportLanguage = 'en'): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report, lang);
    case 'html':
      return renderHtml(report, lang);
    case 'csv':
      return renderCsv(report, lang);
    case 'json':
      return `${JSON.stringify(inLanguage(report, lang), null, 2)}\n`;
  }
}
