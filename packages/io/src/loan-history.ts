/**
 * Loan histories from CSV/XLSX/JSON files (SPEC §5.1): a header row, categorical and numeric
 * columns (inferred, or declared with `kinds`), missing cells, the class from a target column —
 * risk class names, or days overdue turned into risk classes by cut-offs. Every error names the
 * file, row and column.
 */

import type { TreeRow } from '@scf-risk/core';
import {
  type CreditAttributeKind,
  type CreditCell,
  type CreditDataset,
  creditCellNumber,
  creditDatasetFromRows,
  DAYS_OVERDUE_COLUMN,
  type DaysOverdueCutoffs,
  DEFAULT_DAYS_OVERDUE_CUTOFFS,
  daysOverdueLabeller,
  isMissingCreditCell,
  type LoanHistory,
  ValidationError,
} from '@scf-risk/core';
import { csvField, csvText } from './csv-write.ts';
import type { FileBytes } from './file.ts';
import { type DataTable, readTable } from './tables.ts';

/** How to read a loan history. */
export interface LoanHistoryReadOptions {
  target: string;
  /**
   * `days`: the target holds days overdue (→ risk classes by `cutoffs`); `class`: class names or
   * codes; `auto` (default): days when every target cell is a number and the column's name mentions
   * days / overdue (逾期, 天数) or it has more than 10 distinct values.
   */
  targetKind?: 'auto' | 'days' | 'class';
  cutoffs?: DaysOverdueCutoffs;
  kinds?: Record<string, CreditAttributeKind>;
  ignore?: string[];
  sheet?: string;
}

/** A loaded loan history and how its labels were made. */
export interface LoadedLoanHistory {
  dataset: CreditDataset;
  table: DataTable;
  labelling: { target: string; kind: 'days' | 'class'; cutoffs?: DaysOverdueCutoffs };
}

/** Turn core issues with `[row, column]` paths into messages naming the file, row and column. */
export function locateTableIssues(e: unknown, table: DataTable): never {
  if (e instanceof ValidationError) {
    throw new ValidationError(
      e.issues.map((i) => {
        const [r, c] = i.path;
        const where = typeof r === 'number' && typeof c === 'number' ? table.where(r, c) : table.file;
        const { path: _, ...rest } = i;
        return { ...rest, path: [], message: `${where}: ${i.message}` };
      }),
    );
  }
  throw e;
}

/** Read a table file into a typed dataset; see {@link LoanHistoryReadOptions}. */
export async function readLoanHistory(file: FileBytes, options: LoanHistoryReadOptions): Promise<LoadedLoanHistory> {
  const table = await readTable(file, options.sheet ? { sheet: options.sheet } : {});
  return loanHistoryFromTable(table, options);
}

/** Build the dataset from an already-read table. */
export function loanHistoryFromTable(table: DataTable, options: LoanHistoryReadOptions): LoadedLoanHistory {
  const t = table.header.indexOf(options.target);
  if (t < 0)
    throw new ValidationError([
      {
        path: [],
        message: `${table.file}: no target column "${options.target}"`,
        allowed: `one of the columns: ${table.header.join(', ')}`,
      },
    ]);
  if (table.rows.length === 0) throw new ValidationError([{ path: [], message: `${table.file}: no data rows after the header` }]);
  let kind = options.targetKind ?? 'auto';
  if (kind === 'auto') {
    const cells = table.rows.map((r) => r[t]).filter((c) => !isMissingCreditCell(c as CreditCell));
    const numeric = cells.length > 0 && cells.every((c) => creditCellNumber(c as CreditCell) !== undefined);
    const distinct = new Set(cells.map((c) => String(c).trim())).size;
    // numbers are days overdue when the column says so or takes many values; a 0/1 or 1–4 code is a class
    kind = numeric && (/day|overdue|逾期|天数/i.test(options.target) || distinct > 10) ? 'days' : 'class';
  }
  const cutoffs = options.cutoffs ?? DEFAULT_DAYS_OVERDUE_CUTOFFS;
  let dataset: CreditDataset;
  try {
    dataset = creditDatasetFromRows(table.header, table.rows as CreditCell[][], {
      target: options.target,
      ...(options.kinds ? { kinds: options.kinds } : {}),
      ...(options.ignore ? { ignore: options.ignore } : {}),
      ...(kind === 'days'
        ? { labelOf: daysOverdueLabeller(cutoffs), classes: ['high risk', 'medium risk', 'lower risk', 'low risk'] }
        : {}),
    });
  } catch (e) {
    if (e instanceof ValidationError && e.issues.some((i) => i.path.length === 1 && i.path[0] === 'labels'))
      throw new ValidationError(
        e.issues.map((i) => ({ ...i, path: [], message: `${table.file}, column "${options.target}": ${i.message}` })),
      );
    if (e instanceof ValidationError && e.issues.every((i) => i.path.length === 0))
      throw new ValidationError(e.issues.map((i) => ({ ...i, message: `${table.file}: ${i.message}` })));
    locateTableIssues(e, table);
  }
  if (kind === 'days') {
    // keep only the classes that occur, in risk order
    const counts = new Int32Array(dataset.classes.length);
    for (let r = 0; r < dataset.rows; r++) counts[dataset.labels[r]]++;
    const keep = dataset.classes.map((_, k) => k).filter((k) => counts[k] > 0);
    const remap = new Int32Array(dataset.classes.length).fill(-1);
    keep.forEach((k, i) => (remap[k] = i));
    dataset = { ...dataset, classes: keep.map((k) => dataset.classes[k]), labels: dataset.labels.map((k) => remap[k]) };
  }
  return { dataset, table, labelling: kind === 'days' ? { target: options.target, kind, cutoffs } : { target: options.target, kind } };
}

/** Rows of a table as attribute → cell records (for prediction); `where(r, c)` still names each cell. */
export function tableRows(table: DataTable): TreeRow[] {
  return table.rows.map((row) => Object.fromEntries(table.header.map((h, c) => [h, row[c] as CreditCell])));
}

/**
 * A generated loan history as CSV text in chunks of `chunkRows` lines, header first: the
 * attributes and "days overdue", missing cells empty. Names and levels are quoted by csv-stringify
 * once each ({@link csvField}); numbers never need quoting, so rows are assembled from those fields
 * (a million rows take seconds, where stringifying every cell would take half a minute).
 */
export function* loanHistoryCsv(h: LoanHistory, chunkRows = 10000): Generator<string> {
  const { attributes, columns, rows } = h.dataset;
  yield csvText([[...attributes.map((a) => a.name), DAYS_OVERDUE_COLUMN]]);
  const levels = attributes.map((a) => a.values.map((v) => csvField(v)));
  let buf = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let j = 0; j < attributes.length; j++) {
      const col = columns[j];
      if (col instanceof Int32Array) line += col[r] < 0 ? '' : levels[j][col[r]];
      else line += Number.isNaN(col[r]) ? '' : String(col[r]);
      line += ',';
    }
    buf += `${line}${h.daysOverdue[r]}\n`;
    if ((r + 1) % chunkRows === 0) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
