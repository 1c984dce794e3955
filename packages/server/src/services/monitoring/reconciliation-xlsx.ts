/**
 * Reconciliation records from one XLSX workbook (SPEC §6.9, issue 15 "import the three sources
 * (CSV/XLSX/API)"): sheets `orders`, `shipments` and `payments` (names compared without case),
 * each with a header row `id, tradeId, amount, date` — or `amountMinor` instead of `amount`.
 *
 * Amounts are exact: `amount` is in the currency's major unit as a spreadsheet holds money
 * (1234.56 yuan → 123456 fen, at most 2 decimals); `amountMinor` is integer minor units as in the
 * CSV. A number cell is read at Excel's own precision, 15 significant digits, and then as a decimal
 * string, never multiplied as a float: a formula `=0.1+0.2` (stored 0.30000000000000004) is 30 fen,
 * 1.15 is 115 fen (1.15 × 100 = 114.99999999999999 in binary floating point).
 * Dates: a date cell, an Excel serial day number (1900 date system: 46356 = 2026-11-30), or text
 * `YYYY-MM-DD` / `YYYY/M/D`. Every bad cell is one issue naming it as `payments!C7`, with what is
 * allowed; all of them are reported at once.
 */
import { dayNumber, type Issue, isoDate, type TradeRecord, ValidationError } from '@scf-risk/core';
import { type DataTable, loadWorkbook, type RawCell, workbookTable } from '@scf-risk/io';
import { SOURCES, type SourceName } from './reconciliation.ts';

/** Day number (since 1970-01-01) of Excel serial day 0 in the 1900 date system (1899-12-30). */
const EXCEL_EPOCH_DAY = -25569;
/** Serial days before 1900-03-01 are off by Excel's 1900 leap-year bug: refused. */
const FIRST_SERIAL = 61;
const LAST_SERIAL = 2_958_465; // 9999-12-31
const AMOUNT_ALLOWED = 'an amount of at most 2 decimals without separators or currency sign, e.g. 1234.56';
const MINOR_ALLOWED = 'whole minor units (fen), e.g. 123456';
const DATE_ALLOWED = 'a date cell, an Excel serial day number, or text YYYY-MM-DD';

/** The decimal text of a cell's number at Excel's precision (15 significant digits), or the cell's text. */
function decimalText(v: RawCell): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(15))) : String(v ?? '').trim();
}

/** Minor units of a decimal text with at most `scale` decimals, or undefined when it is not one. */
export function minorOfDecimal(text: string, scale: number): number | undefined {
  const m = /^(\d{1,16})(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return undefined;
  const minor = BigInt(m[1] as string) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : undefined;
}

/** The ISO date of a cell (see the module comment), or undefined. */
export function dateOfCell(v: RawCell): string | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= FIRST_SERIAL && v <= LAST_SERIAL ? isoDate(EXCEL_EPOCH_DAY + v) : undefined;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(String(v ?? '').trim());
  if (!m) return undefined;
  const date = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
  try {
    dayNumber(date);
    return date;
  } catch {
    return undefined;
  }
}

/** A1 reference of data cell (r, c) of a sheet's table: `payments!C7`. */
function cellRef(t: DataTable, r: number, c: number): string {
  return `${t.sheet}!${/cell ([A-Z]+\d+)$/.exec(t.where(r, c))?.[1] ?? `${r + 2}:${c + 1}`}`;
}

function recordsOfSheet(source: SourceName, t: DataTable, issues: Issue[]): TradeRecord[] {
  const col = (c: string) => t.header.indexOf(c);
  const amountCol = col('amount') >= 0 ? 'amount' : 'amountMinor';
  const missing = ['id', 'tradeId', 'date'].filter((c) => col(c) < 0);
  if (col('amount') < 0 && col('amountMinor') < 0) missing.push('amount (or amountMinor)');
  if (missing.length) {
    issues.push({
      path: [source],
      message: `sheet ${t.sheet} lacks the column(s) ${missing.join(', ')} in its header row`,
      allowed: 'a header row id, tradeId, amount (or amountMinor), date',
    });
    return [];
  }
  return t.rows.map((row, k) => {
    const bad = (column: string, message: string, allowed: string) =>
      issues.push({ path: [source, k, column], message: `${cellRef(t, k, col(column))}: ${message}`, allowed });
    const text = (column: string) => decimalText(row[col(column)] ?? null);
    const id = text('id');
    const tradeId = text('tradeId');
    if (id === '') bad('id', 'the id is empty', 'the record’s own id, e.g. PO-1001');
    if (tradeId === '') bad('tradeId', 'the trade id is empty', 'the trade the record belongs to, e.g. T-2026-17');
    const raw = row[col(amountCol)] ?? null;
    const amount = minorOfDecimal(decimalText(raw), amountCol === 'amount' ? 2 : 0);
    if (amount === undefined)
      bad(
        amountCol,
        `"${decimalText(raw)}" is not ${amountCol === 'amount' ? 'an amount' : 'a whole number of minor units'}`,
        amountCol === 'amount' ? AMOUNT_ALLOWED : MINOR_ALLOWED,
      );
    const rawDate = row[col('date')] ?? null;
    const date = dateOfCell(rawDate);
    if (date === undefined) bad('date', `"${decimalText(rawDate)}" is not a date`, DATE_ALLOWED);
    return { id, tradeId, amount: amount ?? 0, date: date ?? '' };
  });
}

/** The three sources of one workbook (see the module comment); bad cells throw one ValidationError. */
export async function recordsFromWorkbook(bytes: Uint8Array): Promise<Record<SourceName, TradeRecord[]>> {
  const wb = await loadWorkbook({ name: 'workbook', bytes });
  const issues: Issue[] = [];
  const out = {} as Record<SourceName, TradeRecord[]>;
  for (const source of SOURCES) {
    const ws = wb.worksheets.find((w) => w.name.trim().toLowerCase() === source);
    if (!ws) {
      issues.push({
        path: [source],
        message: `the workbook has no sheet ${source}`,
        allowed: `sheets orders, shipments and payments (it has: ${wb.worksheets.map((w) => w.name).join(', ') || 'none'})`,
      });
      continue;
    }
    try {
      out[source] = recordsOfSheet(source, workbookTable('workbook', wb, ws.name), issues);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      issues.push(...e.issues.map((i) => ({ ...i, path: [source, ...i.path] })));
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return out;
}
