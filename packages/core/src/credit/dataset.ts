/**
 * Typed loan-history data sets for the credit trees (SPEC §5.1, [002 §3]).
 *
 * Columns are stored column-major in typed arrays so that trees can be trained on
 * 1,000,000 rows × 22 attributes without per-row objects:
 * - a categorical attribute is an `Int32Array` of codes into `attribute.values`, −1 = missing;
 * - a numeric attribute is a `Float64Array`, NaN = missing (internal only: NaN never appears in output);
 * - the class of each row is an `Int32Array` of codes into `classes`.
 */
import { IssueList, invalid } from '../errors.ts';

/** Whether an attribute holds categories (grades, levels) or numbers (ratios, years). */
export type CreditAttributeKind = 'categorical' | 'numeric';

/** One attribute (column) of a loan history. */
export interface CreditAttribute {
  name: string;
  kind: CreditAttributeKind;
  /** The categories of a categorical attribute in code order; empty for a numeric one. */
  values: string[];
}

/** A column: codes (categorical, −1 = missing) or numbers (numeric, NaN = missing). */
export type CreditColumn = Int32Array | Float64Array;

/** A labelled loan history, column-major. */
export interface CreditDataset {
  attributes: CreditAttribute[];
  /** `columns[a][r]` = value of attribute a in row r. */
  columns: CreditColumn[];
  /** Class names in code order (e.g. high, medium, lower, low risk). */
  classes: string[];
  /** Class code of each row. */
  labels: Int32Array;
  /** Number of rows. */
  rows: number;
}

/** A raw cell as read from a file: text, a number, or missing (null / empty string). */
export type CreditCell = string | number | null | undefined;

/** Options of {@link creditDatasetFromRows}. */
export interface CreditDatasetOptions {
  /** Name of the class column (required). */
  target: string;
  /** Declared kinds per column name; undeclared columns are inferred (numeric when every present cell is a number). */
  kinds?: Record<string, CreditAttributeKind>;
  /** Columns to leave out (e.g. an id or the raw days-overdue column). */
  ignore?: string[];
  /** Class order (default: order of first appearance, or sorted when `sortClasses`). */
  classes?: string[];
  /** Turn the target column into class names (e.g. days overdue → risk class). Return an issue message string to reject the cell. */
  labelOf?: (cell: CreditCell, row: number) => string | { error: string };
}

/** True for a cell that counts as missing: null, undefined, '' or whitespace, 'NA', 'N/A', '?'. */
export function isMissingCreditCell(cell: CreditCell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'number') return Number.isNaN(cell);
  const t = cell.trim();
  return t === '' || t === '?' || t.toUpperCase() === 'NA' || t.toUpperCase() === 'N/A';
}

/** Parse a cell as a number, or undefined when it is not one. */
export function creditCellNumber(cell: CreditCell): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  const t = cell.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(t)) return undefined;
  const v = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Build a typed dataset from a header and rows of raw cells.
 *
 * Every problem is collected; issue paths are `[row, column]` (0-based into `rows`, column index into
 * `header`) so the caller can name the file, row and column. Rules: the target column must exist (the
 * message lists the columns), its cells must not be missing, at least two classes must occur, a
 * declared numeric column must hold numbers.
 */
export function creditDatasetFromRows(header: string[], rows: CreditCell[][], options: CreditDatasetOptions): CreditDataset {
  const t = header.indexOf(options.target);
  if (t < 0) invalid([], `no target column "${options.target}"`, `one of the columns: ${header.join(', ')}`);
  const ignore = new Set(options.ignore ?? []);
  for (const name of ignore) if (!header.includes(name)) invalid([], `column "${name}" to ignore does not exist`, header.join(', '));
  const issues = new IssueList();
  const n = rows.length;
  // class labels
  const classNames: string[] = options.classes ? [...options.classes] : [];
  const classIndex = new Map(classNames.map((c, i) => [c, i]));
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const cell = rows[r][t];
    let name: string;
    if (options.labelOf) {
      const got = options.labelOf(cell, r);
      if (typeof got !== 'string') {
        issues.add([r, t], got.error);
        continue;
      }
      name = got;
    } else {
      if (isMissingCreditCell(cell)) {
        issues.add([r, t], 'the class (target) is missing; every training row needs its outcome');
        continue;
      }
      name = String(cell).trim();
    }
    let k = classIndex.get(name);
    if (k === undefined) {
      if (options.classes) {
        issues.add([r, t], `unknown class "${name}"`, options.classes.join(', '));
        continue;
      }
      k = classNames.length;
      classNames.push(name);
      classIndex.set(name, k);
    }
    labels[r] = k;
  }
  const attributes: CreditAttribute[] = [];
  const columns: CreditColumn[] = [];
  for (let c = 0; c < header.length; c++) {
    if (c === t || ignore.has(header[c])) continue;
    const name = header[c];
    const declared = options.kinds?.[name];
    let kind: CreditAttributeKind;
    if (declared) kind = declared;
    else {
      let any = false;
      let allNumbers = true;
      for (let r = 0; r < n && allNumbers; r++) {
        const cell = rows[r][c];
        if (isMissingCreditCell(cell)) continue;
        any = true;
        if (creditCellNumber(cell) === undefined) allNumbers = false;
      }
      kind = any && allNumbers ? 'numeric' : 'categorical';
    }
    if (kind === 'numeric') {
      const col = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const cell = rows[r][c];
        if (isMissingCreditCell(cell)) col[r] = Number.NaN;
        else {
          const v = creditCellNumber(cell);
          if (v === undefined) {
            issues.add([r, c], `"${String(cell)}" is not a number (column "${name}" is numeric)`, 'a number, or an empty cell for missing');
            col[r] = Number.NaN;
          } else col[r] = v;
        }
      }
      attributes.push({ name, kind, values: [] });
      columns.push(col);
    } else {
      const values: string[] = [];
      const index = new Map<string, number>();
      const col = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        const cell = rows[r][c];
        if (isMissingCreditCell(cell)) {
          col[r] = -1;
          continue;
        }
        const v = String(cell).trim();
        let k = index.get(v);
        if (k === undefined) {
          k = values.length;
          values.push(v);
          index.set(v, k);
        }
        col[r] = k;
      }
      attributes.push({ name, kind, values });
      columns.push(col);
    }
  }
  issues.throwIfAny();
  const ds: CreditDataset = { attributes, columns, classes: classNames, labels, rows: n };
  checkCreditDataset(ds);
  return ds;
}

/**
 * Check a dataset's own rules: at least one row, one attribute, two classes present, column lengths,
 * codes in range. Paths: `['labels']`, `['columns', a]`.
 */
export function checkCreditDataset(ds: CreditDataset): void {
  const issues = new IssueList();
  if (ds.rows < 1) invalid([], 'the loan history has no rows');
  if (ds.attributes.length < 1) invalid([], 'the loan history has no attribute columns besides the target');
  if (ds.labels.length !== ds.rows) issues.add(['labels'], `${ds.labels.length} labels for ${ds.rows} rows`);
  const seen = new Int32Array(ds.classes.length);
  for (let r = 0; r < ds.labels.length; r++) {
    const k = ds.labels[r];
    if (k < 0 || k >= ds.classes.length) {
      issues.add(['labels', r], `class code ${k} out of range`);
      break;
    }
    seen[k]++;
  }
  const present = ds.classes.filter((_, k) => seen[k] > 0);
  if (issues.empty && present.length < 2)
    issues.add(['labels'], `only one class occurs (${present.join(', ') || 'none'}); a tree needs at least two classes to learn from`);
  ds.attributes.forEach((a, j) => {
    const col = ds.columns[j];
    if (!col || col.length !== ds.rows) issues.add(['columns', j], `column "${a.name}" has ${col?.length ?? 0} cells for ${ds.rows} rows`);
    else if (a.kind === 'categorical' && !(col instanceof Int32Array)) issues.add(['columns', j], `column "${a.name}" must hold codes`);
    else if (a.kind === 'numeric' && !(col instanceof Float64Array)) issues.add(['columns', j], `column "${a.name}" must hold numbers`);
  });
  issues.throwIfAny();
}

/** Rows `index` of a dataset (a copy), e.g. a cross-validation fold. */
export function subsetCreditDataset(ds: CreditDataset, index: ArrayLike<number>): CreditDataset {
  const n = index.length;
  const columns = ds.columns.map((col) => {
    const out = col instanceof Int32Array ? new Int32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = col[index[i]];
    return out;
  });
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = ds.labels[index[i]];
  return { attributes: ds.attributes, columns, classes: ds.classes, labels, rows: n };
}

/** Class counts of a dataset (length = classes). */
export function creditClassCounts(ds: CreditDataset): number[] {
  const counts = new Array<number>(ds.classes.length).fill(0);
  for (let r = 0; r < ds.rows; r++) counts[ds.labels[r]]++;
  return counts;
}
