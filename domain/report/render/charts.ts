/**
 * Inline SVG bar charts for the HTML report: no scripts, no external files, readable on paper.
 * Charts are drawn from published cells only; a hidden figure is drawn as a dashed, hatched stub
 * labelled "<3" or "..", never as its value.
 */
import type { PublishedCell, PublishedReport } from '../publish.js';
import type { ReportWords } from '../words/catalogue.js';
import { escapeXml } from './escape.js';

export interface Bar {
  label: string;
  cell: PublishedCell;
}

export interface ChartSpec {
  id: string;
  title: string;
  bars: Bar[];
  /** Percentages are drawn against 100; counts against the largest shown count. */
  unit: 'count' | 'percent';
}

const WIDTH = 640;
const LABEL = 210;
const VALUE = 70;
const ROW = 26;
const TOP = 34;
const STUB = 18;

export function barChart(spec: ChartSpec): string {
  const plot = WIDTH - LABEL - VALUE;
  const shown = spec.bars.map((b) => b.cell.value ?? 0);
  const max = spec.unit === 'percent' ? 100 : Math.max(1, ...shown);
  const height = TOP + spec.bars.length * ROW + 10;
  const hatch = `hatch-${spec.id}`;
  const bars = spec.bars
    .map((bar, i) => {
      const y = TOP + i * ROW;
      const label = `<text x="${LABEL - 8}" y="${y + 17}" text-anchor="end" class="label">${escapeXml(bar.label)}</text>`;
      const value = bar.cell.value;
      const rect =
        value === null
          ? `<rect x="${LABEL}" y="${y + 4}" width="${STUB}" height="${ROW - 8}" fill="url(#${hatch})" stroke="#666" stroke-dasharray="3 2" class="bar hidden-figure"/>`
          : `<rect x="${LABEL}" y="${y + 4}" width="${Math.max(value > 0 ? 2 : 0, (plot * value) / max).toFixed(1)}" height="${ROW - 8}" fill="#2f6f8f" class="bar"/>`;
      const textX = LABEL + (value === null ? STUB : (plot * value) / max) + 6;
      const text = `<text x="${textX.toFixed(1)}" y="${y + 17}" class="value">${escapeXml(bar.cell.display)}</text>`;
      return `<g>${label}${rect}${text}</g>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${spec.id}-title" class="chart" data-chart="${spec.id}">`,
    `<title id="${spec.id}-title">${escapeXml(spec.title)}</title>`,
    `<defs><pattern id="${hatch}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#999" stroke-width="2"/></pattern></defs>`,
    `<text x="0" y="18" class="chart-title">${escapeXml(spec.title)}</text>`,
    `<line x1="${LABEL}" y1="${TOP - 2}" x2="${LABEL}" y2="${height - 8}" stroke="#444"/>`,
    bars,
    '</svg>',
  ].join('');
}

/** The four charts of the report: outcomes, time to departure, follow-up by checkpoint, by country; captions in the report's language. */
export function reportCharts(report: PublishedReport, words: ReportWords): ChartSpec[] {
  const table = (id: string) => report.tables.find((t) => t.id === id)!;
  const overall = (id: string) => table(id).rows.find((r) => r.group === 'overall')!;
  const outcomes = table('outcomes');
  const departure = table('departure');
  return [
    {
      id: 'outcomes',
      title: words.charts.outcomes,
      unit: 'count',
      bars: outcomes.columns.filter((c) => c.key !== 'opened').map((c) => ({ label: c.label, cell: overall('outcomes').cells[c.key]! })),
    },
    {
      id: 'departure',
      title: words.charts.departure,
      unit: 'count',
      bars: departure.columns.filter((c) => c.kind === 'count' && c.key !== 'departed').map((c) => ({ label: c.label, cell: overall('departure').cells[c.key]! })),
    },
    {
      id: 'follow-up',
      title: words.charts['follow-up'],
      unit: 'percent',
      bars: table('followUpByCheckpoint').rows.map((r) => ({ label: `${r.label}`, cell: r.cells.completion! })),
    },
    {
      id: 'countries',
      title: words.charts.countries,
      unit: 'count',
      bars: outcomes.rows.filter((r) => r.group === 'country').map((r) => ({ label: r.label, cell: r.cells.opened! })),
    },
  ];
}
