/**
 * Export result tables to an XLSX workbook (SPEC §7): one sheet per table, the header row bold
 * and frozen, numbers stored as numbers at full precision (never as text), empty cells empty.
 */
import ExcelJS from 'exceljs';
import type { Table } from './table.ts';

/** Excel's limits on sheet names: ≤ 31 characters, none of : \ / ? * [ ]. */
const SHEET_NAME_MAX = 31;

/** A valid, unique sheet name for table `k` titled `title`. */
export function sheetName(title: string | undefined, k: number, taken: Set<string>): string {
  const base =
    (title ?? `Table ${k + 1}`)
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, SHEET_NAME_MAX) || `Table ${k + 1}`;
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Build the workbook of `tables`. */
export function tablesWorkbook(tables: Table[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'scf-risk';
  const taken = new Set<string>();
  tables.forEach((t, k) => {
    const ws = wb.addWorksheet(sheetName(t.title, k, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.header).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map((c) => (c === null || c === undefined ? null : typeof c === 'boolean' ? String(c) : c)));
    t.header.forEach((h, j) => {
      ws.getColumn(j + 1).width = Math.min(40, Math.max(8, h.length + 2));
    });
  });
  return wb;
}

/** Write `tables` to `file` as XLSX. */
export async function writeTablesXlsx(file: string, tables: Table[]): Promise<void> {
  await tablesWorkbook(tables).xlsx.writeFile(file);
}
