/** The languages the report is written in: English, as the centre has always published it, and Danish for the desk. */
export const REPORT_LANGUAGES = ['en', 'da'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];
