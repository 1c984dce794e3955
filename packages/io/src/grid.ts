/**
 * Raw cell grids of spreadsheet-like files, for layouts that are not "a header row and data
 * rows" (a pairwise matrix per sheet, say). Every cell keeps its address for messages:
 * `panel.xlsx, sheet E2, cell C4` or `m.csv, row 3, column 2`.
 */

import { createRequire } from 'node:module';
import { ValidationError } from '@scf-risk/core/errors';
import type { parse as parseCsvType } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { extensionOf, type FileBytes, fileText } from './file.ts';

/** csv-parse, loaded on the first CSV read (the large-CSV path never needs it). */
const csvParse = () => (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof parseCsvType }).parse;

/** A raw cell: text, number, or null when empty. */
export type RawCell = string | number | null;

/** One sheet (or a whole CSV file) as rows of cells, trailing empty rows removed. */
export interface Grid {
  file: string;
  /** Sheet name for workbooks; undefined for CSV. */
  sheet?: string;
  cells: RawCell[][];
  /** Where cell (r, c) — 0-based — stands. */
  where(r: number, c: number): string;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * exceljs, loaded on first use: it takes about half a second to import, and most commands never
 * touch a workbook.
 */
export async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** Load an XLSX workbook from bytes, with a clear error when it is not one. */
export async function loadWorkbook(file: FileBytes): Promise<ExcelJS.Workbook> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new ValidationError([{ path: [], message: `${file.name} is not a valid XLSX workbook: ${(e as Error).message}` }]);
  }
  return wb;
}

/** The cells of one worksheet, row-major, 0-based. */
export function sheetCells(ws: ExcelJS.Worksheet): RawCell[][] {
  const grid: RawCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const vals: RawCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      vals[colNumber - 1] = cellValue(cell.value);
    });
    grid[rowNumber - 1] = Array.from(vals, (v) => v ?? null);
  });
  for (let r = 0; r < grid.length; r++) grid[r] ??= [];
  while (grid.length > 0 && grid[grid.length - 1].every((v) => v === null)) grid.pop();
  return grid;
}

/** A sheet's grid with cell addresses. */
export function sheetGrid(file: string, ws: ExcelJS.Worksheet): Grid {
  return { file, sheet: ws.name, cells: sheetCells(ws), where: (r, c) => `${file}, sheet ${ws.name}, cell ${columnLetter(c)}${r + 1}` };
}

function cellValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

/** Parse CSV/TSV text into rows of trimmed cells ('' → null); the delimiter is detected from the first line. */
export function csvCells(file: string, text: string, delimiter?: string): RawCell[][] {
  try {
    const records = csvParse()(text.replace(/^\uFEFF/, ''), {
      delimiter: delimiter ?? detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
    return records.map((rec) => rec.map((v) => (v === '' ? null : v)));
  } catch (e) {
    throw new ValidationError([{ path: [], message: `${file} is not valid CSV: ${(e as Error).message}` }]);
  }
}

function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][0];
}

/** Every sheet of an XLSX workbook, or the single grid of a CSV/TSV file; the type is the name's extension. */
export async function readGrids(file: FileBytes): Promise<Grid[]> {
  const name = file.name;
  const ext = extensionOf(name);
  if (ext === '.xlsx') {
    const wb = await loadWorkbook(file);
    return wb.worksheets.map((ws) => sheetGrid(name, ws));
  }
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') {
    const cells = csvCells(name, fileText(file), ext === '.tsv' ? '\t' : undefined);
    return [{ file: name, cells, where: (r, c) => `${name}, row ${r + 1}, column ${c + 1}` }];
  }
  throw new ValidationError([
    { path: [], message: `${name}: unknown spreadsheet type "${ext || '(none)'}"`, allowed: '.csv, .tsv or .xlsx' },
  ]);
}
