/**
 * The annual report page: the same report the centre mails every year (charts as SVG, small numbers
 * hidden), inside the app's frame; its body is the report renderer's own HTML, in the page's language.
 */
import { renderHtml } from '../../domain/report/render/html.js';
import type { PublishedReport } from '../../domain/report/publish.js';
import { Html, html } from '../html.js';
import { page, type PageContext } from './layout.js';

export function reportPage(ctx: PageContext, year: number, report: PublishedReport, unreadable: number): Html {
  const { w } = ctx;
  // The renderer writes a whole document; its body goes inside ours, its first heading becomes a section's.
  const body = /<body>([\s\S]*)<\/body>/.exec(renderHtml(report, w.lang))?.[1] ?? '';
  return page(
    ctx,
    w.m.report.title,
    html`<p>${w.fill(w.m.report.intro, { threshold: report.threshold })}</p>
<form method="get" action="/report"><div class="form-group"><label class="form-label" for="year">${w.m.fields.year}</label><input class="form-input input-width-xs" id="year" name="year" inputmode="numeric" value="${year}"></div><button class="button button-secondary" type="submit">${w.m.report.show}</button></form>
${unreadable > 0 ? html`<p class="alert alert-warning">${w.fill(w.m.report.unreadable, { n: unreadable })}</p>` : ''}
<section class="report-body" lang="${w.lang}" aria-label="${w.m.report.title}">${new Html(body.replace(/<h1>/, '<h2>').replace(/<\/h1>/, '</h2>').replace(/<h2>/g, '<h2>'))}</section>`,
  );
}
