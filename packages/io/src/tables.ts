/**
 * Reading tabular data files (CSV, XLSX, JSON) into one shape, keeping where every cell came
 * from so errors can say `loans.xlsx, sheet Loans, cell B7` or `loans.csv, row 7, column "grade"`.
 */
import { cellNumber, MAX_LEAF_MAGNITUDE, ValidationError } from '@scf-risk/core/portfolio';
import type ExcelJS from 'exceljs';
import { extensionOf, type FileBytes, fileText } from './file.ts';
import { columnLetter, csvCells, loadWorkbook, type RawCell, sheetCells } from './grid.ts';

/** A table read from a file: a header row and data rows (all rows as long as the header). */
export interface DataTable {
  file: string;
  /** XLSX sheet name, when read from a workbook. */
  sheet?: string;
  header: string[];
  rows: RawCell[][];
  /** Where data cell (row r, column c) — 0-based over `rows` — stands, for messages. */
  where(r: number, c: number): string;
}

/**
 * Read a CSV, XLSX or JSON (array of objects) file, its type from the name's extension. `sheet`
 * picks an XLSX sheet (default: the first).
 */
export async function readTable(file: FileBytes, options: { sheet?: string } = {}): Promise<DataTable> {
  const ext = extensionOf(file.name);
  if (ext === '.xlsx') return workbookTable(file.name, await loadWorkbook(file), options.sheet);
  if (ext === '.json') return readJsonTable(file.name, fileText(file));
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsvTable(file.name, fileText(file), ext === '.tsv' ? '\t' : undefined);
  throw new ValidationError([
    { path: [], message: `${file.name}: unknown data file type "${ext || '(none)'}"`, allowed: '.csv, .tsv, .xlsx or .json' },
  ]);
}

/** Parse CSV text (header row first). Numbers stay text here; callers convert per column. */
export function readCsvTable(file: string, text: string, delimiter?: string): DataTable {
  if (delimiter === undefined) {
    // The reader guesses among , ; and tab from the first line; ";" is refused (see checkCsvSeparator).
    const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const count = (d: string) => first.split(d).length;
    if (count(';') > count(',') && count(';') >= count('\t')) checkCsvSeparator(file, [first]);
  }
  const records = csvCells(file, text, delimiter);
  if (records.length === 0) throw new ValidationError([{ path: [], message: `${file} is empty; expected a header row and data rows` }]);
  const header = records[0].map((h) => (h === null ? '' : String(h)));
  checkCsvHeader(file, header);
  const rows = records.slice(1).map((rec, r) => {
    if (rec.length > header.length) {
      throw new ValidationError([
        {
          path: [],
          message: `${file}, row ${r + 2}: ${rec.length} cells but the header has ${header.length} columns`,
          allowed: `one cell per header column; numbers with a decimal point (1.5, not 1,5) and no thousands separators`,
        },
      ]);
    }
    return header.map((_, c) => rec[c] ?? null);
  });
  return { file, header, rows, where: (r, c) => csvWhere(file, r, header[c]) };
}

/** Where data row r (0-based, below the header) of a CSV file stands, in a column: for messages. */
export function csvWhere(file: string, r: number, column: string): string {
  return `${file}, row ${r + 2}, column "${column}"`;
}

/** One sheet of a loaded workbook as a table (header in row 1); `file` names it in messages. */
export function workbookTable(file: string, wb: ExcelJS.Workbook, sheetName?: string): DataTable {
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name).join(', ');
    throw new ValidationError([
      { path: [], message: `${file}: no sheet named "${sheetName}"`, allowed: names || '(the workbook has no sheets)' },
    ]);
  }
  const grid = sheetCells(ws);
  const headerRow = grid[0] ?? [];
  const header = headerRow.map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw new ValidationError([{ path: [], message: `${file}, sheet ${ws.name}: row 1 must be a header row` }]);
  checkHeader(file, header, (c) => `sheet ${ws.name}, cell ${columnLetter(c)}1`);
  const rows: RawCell[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 1; r < grid.length; r++) {
    const g = grid[r] ?? [];
    const vals = header.map((_, c) => g[c] ?? null);
    if (vals.every((v) => v === null || v === '')) continue;
    rows.push(vals);
    rowNumbers.push(r + 1);
  }
  return {
    file,
    sheet: ws.name,
    header,
    rows,
    where: (r, c) => `${file}, sheet ${ws.name}, cell ${columnLetter(c)}${rowNumbers[r]}`,
  };
}

function readJsonTable(file: string, text: string): DataTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ValidationError([{ path: [], message: `${file} is not valid JSON: ${(e as Error).message}` }]);
  }
  if (!Array.isArray(data) || data.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new ValidationError([{ path: [], message: `${file}: expected a JSON array of objects, one per row` }]);
  }
  const header: string[] = [];
  for (const rec of data as Record<string, unknown>[]) for (const k of Object.keys(rec)) if (!header.includes(k)) header.push(k);
  const rows = (data as Record<string, unknown>[]).map((rec) =>
    header.map((h) => {
      const v = rec[h];
      return v === undefined || v === null || v === '' ? null : typeof v === 'number' ? v : String(v);
    }),
  );
  return { file, header, rows, where: (r, c) => `${file}, [${r}].${header[c]}` };
}

/** A CSV header: fields separated by commas, no empty or duplicate column names. */
export function checkCsvHeader(file: string, header: string[]): void {
  checkCsvSeparator(file, header);
  checkHeader(file, header, (c) => `column ${c + 1} of the header row`);
}

/**
 * CSV files are comma-separated with decimal points. A header read with commas whose fields hold
 * `;` (a spreadsheet's regional "CSV" with `;` between fields, usually with decimal commas) is
 * refused rather than guessed: `1,5` would otherwise read as 15 or as two cells.
 */
function checkCsvSeparator(file: string, header: string[]): void {
  const semicolons = header.filter((h) => h.includes(';')).length;
  if (semicolons > 0 && semicolons * 2 >= header.length)
    throw new ValidationError([
      {
        path: [],
        message: `${file}, header row: the fields are separated by ";" (${JSON.stringify(header.join(',').slice(0, 60))})`,
        allowed: 'comma-separated values with decimal points (id,CR,DR / SME-1,1.5,45), a .tsv file, or .xlsx',
      },
    ]);
}

/** What a numeric cell may hold (messages). */
export const NUMBER_CELL_ALLOWED = `a number with a decimal point (1.5, not 1,5), no thousands separators, magnitude at most ${MAX_LEAF_MAGNITUDE.toExponential()}`;

function checkHeader(file: string, header: string[], at: (c: number) => string): void {
  const seen = new Map<string, number>();
  header.forEach((h, c) => {
    if (h === '') throw new ValidationError([{ path: [], message: `${file}, ${at(c)}: empty column name in the header row` }]);
    if (seen.has(h))
      throw new ValidationError([
        { path: [], message: `${file}, ${at(c)}: duplicate column name "${h}" (also column ${seen.get(h)! + 1})` },
      ]);
    seen.set(h, c);
  });
}

/** The number in a cell, or a ValidationError naming where it is. Empty cells give null. */
export function numberCell(t: DataTable, r: number, c: number): number | null {
  const v = t.rows[r][c];
  if (typeof v === 'string' && v.includes(','))
    throw new ValidationError([
      {
        path: [],
        message: `${t.where(r, c)}: "${v}" has a comma (${/^[+-]?\d+,\d+$/.test(v.trim()) && !/^[+-]?\d{1,3},\d{3}$/.test(v.trim()) ? 'a decimal comma' : 'a decimal comma or a thousands separator'})`,
        allowed: NUMBER_CELL_ALLOWED,
      },
    ]);
  let x: number | null;
  try {
    x = cellNumber(v, () => t.where(r, c));
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(e.issues.map((i) => ({ ...i, allowed: i.allowed ?? NUMBER_CELL_ALLOWED })));
    throw e;
  }
  if (x !== null && !(Math.abs(x) <= MAX_LEAF_MAGNITUDE))
    throw new ValidationError([
      { path: [], message: `${t.where(r, c)}: ${v} is too large for safe arithmetic`, allowed: NUMBER_CELL_ALLOWED },
    ]);
  return x;
}
