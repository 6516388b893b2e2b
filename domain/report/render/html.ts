/**
 * The report as one self-contained HTML page: styles inline, charts as inline SVG, no scripts and no
 * external resources, so it can be mailed, archived and printed as it is.
 */
import type { ReportLanguage } from '../language.js';
import type { PublishedReport, PublishedTable } from '../publish.js';
import type { ReportWords } from '../words/catalogue.js';
import { reportWords } from '../words/index.js';
import { barChart, reportCharts } from './charts.js';
import { escapeXml as e } from './escape.js';
import { inLanguage } from './inLanguage.js';
import { headed } from './words.js';

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1d; margin: 2rem auto; max-width: 62rem; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.meta, .description { color: #555; } .notes { font-size: .9rem; color: #444; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .88rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: right; } th:first-child, td:first-child { text-align: left; }
thead th { background: #f0f3f5; } tr.group th { background: #fafafa; text-align: left; font-weight: 600; }
td.hidden-figure { color: #777; font-style: italic; }
.key td { font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr)); gap: 1rem; }
.chart { max-width: 100%; height: auto; } .chart .label, .chart .value { font-size: 12px; fill: #222; } .chart .chart-title { font-size: 14px; font-weight: 600; }
figure { margin: 0; break-inside: avoid; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } .charts { grid-template-columns: 1fr 1fr; } }
`;

export function renderHtml(published: PublishedReport, lang: ReportLanguage = 'en'): string {
  const report = inLanguage(published, lang);
  const words = reportWords(lang);
  const charts = reportCharts(report, words)
    .map((c) => `<figure>${barChart(c)}</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(report.title)}</h1>
<p class="meta">${e(words.period({ ...report.period, generatedAt: report.generatedAt }))}</p>
<h2>${e(words.headings.keyFigures)}</h2>
<table class="key"><tbody>
${report.keyFigures.map((k) => `<tr><th scope="row">${e(k.label)}</th>${cell(k.cell)}</tr>`).join('\n')}
</tbody></table>
<h2>${e(words.headings.charts)}</h2>
<div class="charts">
${charts}
</div>
${report.tables.map((t) => table(t, words)).join('\n')}
<h2>${e(words.headings.notes)}</h2>
<ul class="notes">${report.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>
</body>
</html>
`;
}

function table(t: PublishedTable, words: ReportWords): string {
  const head = `<tr><th scope="col"></th>${t.columns.map((c) => `<th scope="col">${e(c.label)}</th>`).join('')}</tr>`;
  const body: string[] = [];
  let group = '';
  for (const row of t.rows) {
    if (row.group !== group && headed(row.group)) {
      body.push(`<tr class="group"><th colspan="${t.columns.length + 1}">${e(words.groups[row.group])}</th></tr>`);
    }
    group = row.group;
    body.push(`<tr><th scope="row">${e(row.label)}</th>${t.columns.map((c) => cell(row.cells[c.key]!)).join('')}</tr>`);
  }
  return `<section id="${e(t.id)}">
<h2>${e(t.title)}</h2>
<p class="description">${e(t.description)}</p>
<table><thead>${head}</thead><tbody>
${body.join('\n')}
</tbody></table>
</section>`;
}

function cell(c: { display: string; hidden?: string }): string {
  return c.hidden ? `<td class="hidden-figure">${e(c.display)}</td>` : `<td>${e(c.display)}</td>`;
}
