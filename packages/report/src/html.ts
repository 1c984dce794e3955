/**
 * A self-contained HTML report (SPEC §7) a researcher pastes into a paper and a risk committee
 * reads: the title, a summary, a table of contents, then numbered sections with numbered tables
 * (caption above, three-line academic style, numbers right-aligned) and numbered figures (charts
 * as inline SVG, caption below). No script, no external stylesheet, font or image, so it opens
 * without a network. Texts are escaped; numbers are shown with `fmt`; every Chinese text is in the
 * script of the report's language (Simplified for `zh`, Traditional for `zh-Hant`).
 */

import type { ChartSpec } from './charts.ts';
import { header } from './labels.ts';
import { renderChartSvg } from './render-svg.ts';
import { inScript, type Lang } from './script.ts';
import { fmt, type Table } from './table.ts';

/** Report language: English, Simplified Chinese, Traditional Chinese. */
export type ReportLang = Lang;

/** A piece of a section: a table, a chart, a paragraph, or pieces side by side. */
export type ReportBlock = { table: Table } | { chart: ChartSpec } | { text: string } | { row: ReportBlock[] };

/** One section of a report. */
export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  tables?: Table[];
  charts?: ChartSpec[];
  /** The content in order; when given, `paragraphs`, `tables` and `charts` are not used. */
  blocks?: ReportBlock[];
}

export interface Report {
  title: string;
  lang: ReportLang;
  /** Shown under the title, e.g. the source and the date of the data. */
  subtitle?: string;
  /** Shown first, before the table of contents (not numbered). */
  summary?: ReportSection;
  sections: ReportSection[];
}

const STYLE = `
:root{--rule:#24292f;--muted:#57606a}
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.2rem auto;max-width:980px;color:#1f2328;line-height:1.45;padding:0 1rem}
:lang(zh-Hant) body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK TC","PingFang TC","Microsoft JhengHei",sans-serif}
h1{font-size:1.45rem;margin:0 0 .2rem}h2{font-size:1.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.15rem;margin:1.6rem 0 .6rem}
.subtitle{color:var(--muted);margin:0 0 .4rem;font-size:.92rem}
.summary h2{margin-top:.6rem}
.row{display:flex;flex-wrap:wrap;gap:0 2.5rem;align-items:flex-start}
.row>*{flex:0 1 auto;min-width:0;max-width:100%}
.row td,.row caption{white-space:nowrap}
.tbl{overflow-x:auto;margin:.3rem 0 1rem}
table{border-collapse:collapse;font-size:.86rem;border-top:2px solid var(--rule);border-bottom:2px solid var(--rule)}
caption{caption-side:top;text-align:left;font-weight:600;padding:.2rem 0 .3rem;font-size:.88rem}
caption .no,figcaption .no{margin-right:.5em}
thead th{border-bottom:1px solid var(--rule);font-weight:600;text-align:left;vertical-align:bottom}
th,td{padding:.16rem .65rem;border:none}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.code{white-space:pre}
figure{margin:.6rem 0 1.2rem}figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:.88rem;font-weight:600;margin-top:.2rem}
nav.toc ol{margin:.2rem 0;padding-left:1.4rem;columns:2;font-size:.92rem}
nav.toc a{color:#0969da;text-decoration:none}
.summary td:first-child{white-space:nowrap}
footer{margin-top:2.5rem;color:var(--muted);font-size:.8rem}
@media print{nav.toc{display:none}figure,table{break-inside:avoid}}`;

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NUMBER = /^[−+-]?(\d[\d,]*(\.\d+)?|\.\d+)(e[−+-]?\d+)?\s?%?$|^\d+\/\d+$/i;

/** Whether a cell reads as a number (numbers, numeric strings, fractions as 1/3, percentages). */
function isNumeric(c: unknown): boolean {
  return typeof c === 'number' || (typeof c === 'string' && NUMBER.test(c.trim()));
}

const EMPTY = new Set(['', '—', '-']);

/** One table as HTML: numbers right-aligned (and the header of an all-number column). */
export function tableHtml(t: Table, caption?: { no: string }): string {
  const numericColumn = t.header.map((_, j) => {
    const cells = t.rows.map((r) => r[j]).filter((c) => c !== null && c !== undefined && !EMPTY.has(String(c)));
    return cells.length > 0 && cells.every(isNumeric);
  });
  const head = `<tr>${t.header.map((h, j) => `<th${numericColumn[j] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r
          .map((c, j) => {
            const text = fmt(c);
            const cls = isNumeric(c) || (numericColumn[j] && EMPTY.has(text)) ? 'num' : /^ +\S/.test(text) ? 'code' : '';
            return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const cap =
    t.title || caption
      ? `<caption>${caption ? `<span class="no">${escapeHtml(caption.no)}</span>` : ''}${escapeHtml(t.title ?? '')}</caption>`
      : '';
  return `<div class="tbl"><table>${cap}<thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** Words of the report frame. */
const FRAME = {
  table: { en: (n: number) => `Table ${n}.`, zh: (n: number) => `表 ${n}` },
  figure: { en: (n: number) => `Figure ${n}.`, zh: (n: number) => `图 ${n}` },
  contents: { en: 'Contents', zh: '目录' },
  footer: { en: 'Generated by scf-risk', zh: '由 scf-risk 生成' },
};

/** Render the whole report. */
export function renderReport(r: Report): string {
  const zh = r.lang !== 'en';
  let tables = 0;
  let figures = 0;
  const tableBlock = (t: Table) =>
    tableHtml(zh ? { ...t, header: t.header.map((h) => header(h, r.lang)) } : t, {
      no: (zh ? FRAME.table.zh : FRAME.table.en)(++tables),
    });
  const chartBlock = (c: ChartSpec) => {
    const no = (zh ? FRAME.figure.zh : FRAME.figure.en)(++figures);
    return `<figure>${renderChartSvg(c)}<figcaption><span class="no">${escapeHtml(no)}</span>${escapeHtml(c.title ?? '')}</figcaption></figure>`;
  };
  const block = (b: ReportBlock): string =>
    'table' in b
      ? tableBlock(b.table)
      : 'chart' in b
        ? chartBlock(b.chart)
        : 'text' in b
          ? `<p>${escapeHtml(b.text)}</p>`
          : `<div class="row">${b.row.map((x) => `<div>${block(x)}</div>`).join('\n')}</div>`;
  const blocksOf = (s: ReportSection): ReportBlock[] =>
    s.blocks ?? [
      ...(s.paragraphs ?? []).map((text) => ({ text })),
      ...(s.tables ?? []).map((table) => ({ table })),
      ...(s.charts ?? []).map((chart) => ({ chart })),
    ];
  const summary = r.summary
    ? `<section class="summary" id="summary">\n<h2>${escapeHtml(r.summary.heading)}</h2>\n${blocksOf(r.summary).map(block).join('\n')}\n</section>`
    : '';
  const sections = r.sections
    .map((s, k) => {
      const parts = [`<h2>${k + 1}${zh ? ' ' : '. '}${escapeHtml(s.heading)}</h2>`, ...blocksOf(s).map(block)];
      return `<section id="s${k + 1}">\n${parts.join('\n')}\n</section>`;
    })
    .join('\n');
  const toc =
    r.sections.length > 1
      ? `<nav class="toc"><h2>${zh ? FRAME.contents.zh : FRAME.contents.en}</h2><ol>${r.sections
          .map((s, k) => `<li><a href="#s${k + 1}">${escapeHtml(s.heading)}</a></li>`)
          .join('')}</ol></nav>`
      : '';
  const html = `<!DOCTYPE html>
<html lang="${r.lang === 'zh' ? 'zh-CN' : r.lang === 'zh-Hant' ? 'zh-Hant' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(r.title)}</h1>
${r.subtitle ? `<p class="subtitle">${escapeHtml(r.subtitle)}</p>` : ''}
${summary}
${toc}
${sections}
<footer>${zh ? FRAME.footer.zh : FRAME.footer.en}</footer>
</body>
</html>
`;
  return inScript(html, r.lang);
}
