/**
 * The table model every front prints: a title, a header and rows of cells; aligned text (CJK
 * characters take two columns) and number formatting for tables. CSV is written by
 * `@scf-risk/io`'s `renderCsv` (csv-stringify), which takes a Table as it is.
 */

/** A rectangular table: header and rows of printable cells. */
export interface Table {
  title?: string;
  header: string[];
  rows: (string | number | boolean | null | undefined)[][];
}

/** Format a number for tables: up to `digits` significant decimals, no trailing noise. */
export function fmt(x: unknown, digits = 4): string {
  if (typeof x === 'number') {
    if (Number.isInteger(x)) return String(x);
    return Number(x.toFixed(digits)).toString();
  }
  if (x === null || x === undefined) return '';
  return String(x);
}

/** Render one table as aligned text. */
export function renderTable(t: Table): string {
  const cells = [t.header, ...t.rows.map((r) => r.map((c) => fmt(c)))];
  const widths = t.header.map((_, j) => Math.max(...cells.map((r) => width(r[j] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((c, j) => pad(c ?? '', widths[j]))
      .join('  ')
      .trimEnd();
  const out = [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
  return (t.title ? `${t.title}\n` : '') + out.join('\n');
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

/** A generic key/value table for results without a presenter: scalars and short number lists. */
export function genericTables(result: object): Table[] {
  const rows: Table['rows'] = [];
  for (const [k, v] of Object.entries(result)) {
    if (v === null || typeof v !== 'object') rows.push([k, fmt(v)]);
    else if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) rows.push([k, v.map((x) => fmt(x)).join(', ')]);
  }
  return [{ header: ['field', 'value'], rows }];
}
