/**
 * Import experts' pairwise judgment matrices from the layouts people keep them in (SPEC §7):
 *
 * - `sheets`: an XLSX workbook with one sheet per expert (the sheet name is the expert id), each
 *   holding one matrix — labelled (row 1 and column A carry the element names, A1 anything) or
 *   bare numbers from A1;
 * - `long`: a table with columns `expert, row, column, value` (and optionally `weight`, the
 *   expert's weight), one judgment per row; `row`/`column` are element names;
 * - `matrix`: a CSV (or one sheet) holding one expert's matrix, labelled or bare.
 *
 * Cells are numbers or fractions such as `1/3`. Entering only the upper triangle is the usual
 * practice: an empty cell whose mirror is given is the mirror's reciprocal, an empty diagonal is 1,
 * and a pair empty on both sides is a missing judgment (`null`, for incomplete-matrix methods).
 * Every filled-in cell is listed in `filled`, so nothing is silently changed. Errors name the file,
 * sheet and cell.
 */
import { type Issue, ValidationError } from '@scf-risk/core';
import { baseNameOf, extensionOf, type FileBytes } from './file.ts';
import { type Grid, type RawCell, readGrids } from './grid.ts';

/** One expert's matrix as imported. */
export interface ImportedExpert {
  id: string;
  weight?: number;
  matrix: (number | null)[][];
  /** Cells completed from the reciprocal rule, `[i, j]` 0-based, with where they stand in the file. */
  filled: { i: number; j: number; value: number; from: string }[];
}

/** The experts of one panel over the same elements. */
export interface ImportedJudgments {
  layout: 'sheets' | 'long' | 'matrix';
  labels?: string[];
  experts: ImportedExpert[];
}

export type JudgmentLayout = ImportedJudgments['layout'];

const FRACTION = /^([+-]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/;
const LONG_COLUMNS = ['expert', 'row', 'column', 'value'];
/** Relative tolerance for a_ij·a_ji = 1 when both halves of a pair are given. */
const RECIPROCAL_TOLERANCE = 0.01;

/**
 * Read experts' pairwise matrices from `input` (CSV, TSV or XLSX, by its name's extension); the
 * layout is detected unless given. A one-matrix file's expert is named after the file.
 */
export async function importJudgments(input: FileBytes, layout?: JudgmentLayout): Promise<ImportedJudgments> {
  const file = input.name;
  const grids = (await readGrids(input)).filter((g) => g.cells.length > 0);
  if (grids.length === 0) throw new ValidationError([{ path: [], message: `${file} is empty; expected pairwise judgment matrices` }]);
  const chosen = layout ?? detectLayout(grids);
  if (chosen === 'long') return importLong(grids[0]);
  const list = chosen === 'matrix' ? [grids[0]] : grids;
  const experts = list.map((g) => {
    const base = baseNameOf(file);
    const id = g.sheet ?? base.slice(0, base.length - extensionOf(file).length);
    return { id, ...readMatrixGrid(g) };
  });
  const first = experts[0];
  experts.forEach((e, k) => {
    if (e.matrix.length !== first.matrix.length) {
      throw new ValidationError([
        {
          path: [],
          message: `${file}, sheet ${e.id}: ${e.matrix.length}×${e.matrix.length} matrix, but sheet ${first.id} has ${first.matrix.length}×${first.matrix.length}`,
          allowed: 'every expert judges the same elements',
        },
      ]);
    }
    if (first.labels && e.labels && e.labels.join('\u0000') !== first.labels.join('\u0000')) {
      throw new ValidationError([
        {
          path: [],
          message: `${file}, sheet ${e.id}: elements ${e.labels.join(', ')} differ from sheet ${first.id}'s ${first.labels.join(', ')}`,
          allowed: 'the same elements in the same order on every sheet',
        },
      ]);
    }
    if (k > 0 && experts.slice(0, k).some((o) => o.id === e.id)) {
      throw new ValidationError([{ path: [], message: `${file}: two sheets for expert "${e.id}"` }]);
    }
  });
  return {
    layout: chosen,
    ...(first.labels ? { labels: first.labels } : {}),
    experts: experts.map(({ id, matrix, filled }) => ({ id, matrix, filled })),
  };
}

function detectLayout(grids: Grid[]): JudgmentLayout {
  const head = (grids[0].cells[0] ?? []).map((v) => (typeof v === 'string' ? v.toLowerCase() : v));
  if (LONG_COLUMNS.every((c) => head.includes(c))) return 'long';
  return grids[0].sheet === undefined ? 'matrix' : 'sheets';
}

/** A judgment cell: a positive number, a fraction, or empty. */
function judgment(g: Grid, r: number, c: number): number | null {
  const v = g.cells[r]?.[c] ?? null;
  if (v === null) return null;
  let x: number;
  if (typeof v === 'number') x = v;
  else {
    const f = FRACTION.exec(v);
    x = f ? Number(f[1]) / Number(f[2]) : Number(v);
  }
  if (!Number.isFinite(x) || x <= 0) {
    throw new ValidationError([
      {
        path: [],
        message: `${g.where(r, c)}: "${v}" is not a positive judgment`,
        allowed: 'a positive number such as 3 or 0.2, or a fraction such as 1/5',
      },
    ]);
  }
  return x;
}

function isNumeric(v: RawCell): boolean {
  if (v === null) return false;
  if (typeof v === 'number') return true;
  return FRACTION.test(v) || Number.isFinite(Number(v));
}

/** One matrix from a grid: labelled when the first row (after A1) is not numeric. */
function readMatrixGrid(g: Grid): { labels?: string[]; matrix: (number | null)[][]; filled: ImportedExpert['filled'] } {
  const row0 = g.cells[0] ?? [];
  const labelled = row0.slice(1).some((v) => v !== null && !isNumeric(v)) || (row0[0] !== null && !isNumeric(row0[0]));
  const off = labelled ? 1 : 0;
  let labels: string[] | undefined;
  let n: number;
  if (labelled) {
    labels = [];
    for (let c = 1; c < row0.length && row0[c] !== null; c++) labels.push(String(row0[c]));
    n = labels.length;
    for (let i = 0; i < n; i++) {
      const rowLabel = g.cells[i + 1]?.[0];
      if (rowLabel === undefined || rowLabel === null || String(rowLabel) !== labels[i]) {
        throw new ValidationError([
          {
            path: [],
            message: `${g.where(i + 1, 0)}: row label "${rowLabel ?? ''}" should be "${labels[i]}" (the matrix's rows and columns name the same elements in the same order)`,
          },
        ]);
      }
    }
  } else {
    // A bare matrix may end its first row with missing judgments: its size is its row count.
    n = g.cells.length;
    const width = Math.max(...g.cells.map((r) => r.findLastIndex((v) => v !== null) + 1));
    if (width !== n) {
      throw new ValidationError([
        {
          path: [],
          message: `${g.file}${g.sheet ? `, sheet ${g.sheet}` : ''}: ${n} rows but ${width} columns; a pairwise matrix is square`,
        },
      ]);
    }
  }
  if (n === 0)
    throw new ValidationError([
      {
        path: [],
        message: `${g.where(0, 0)}: no matrix found`,
        allowed: 'a square matrix from A1, or element names in row 1 and column A',
      },
    ]);
  const rows = g.cells.length - off;
  if (rows !== n) {
    throw new ValidationError([
      { path: [], message: `${g.file}${g.sheet ? `, sheet ${g.sheet}` : ''}: ${rows} rows but ${n} columns; a pairwise matrix is square` },
    ]);
  }
  for (let i = 0; i < n; i++) {
    const extra = (g.cells[i + off] ?? []).findIndex((v, c) => c >= n + off && v !== null);
    if (extra >= 0) throw new ValidationError([{ path: [], message: `${g.where(i + off, extra)}: a value outside the ${n}×${n} matrix` }]);
  }
  const given = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => judgment(g, i + off, j + off)));
  const { matrix, filled } = completeReciprocal(given, (i, j) => g.where(i + off, j + off));
  return { ...(labels ? { labels } : {}), matrix, filled };
}

/**
 * Fill empty cells from their mirror (a_ij = 1/a_ji) and the diagonal with 1; check that pairs
 * given on both sides are reciprocal within 1 %. Pairs empty on both sides stay null.
 */
export function completeReciprocal(
  given: (number | null)[][],
  where: (i: number, j: number) => string,
): Pick<ImportedExpert, 'matrix' | 'filled'> {
  const n = given.length;
  const matrix = given.map((r) => r.slice());
  const filled: ImportedExpert['filled'] = [];
  const issues: Issue[] = [];
  for (let i = 0; i < n; i++) {
    const d = given[i][i];
    if (d === null) matrix[i][i] = 1;
    else if (Math.abs(d - 1) > 1e-9) issues.push({ path: [], message: `${where(i, i)}: the diagonal must be 1, found ${d}` });
    for (let j = i + 1; j < n; j++) {
      const a = given[i][j];
      const b = given[j][i];
      if (a !== null && b !== null) {
        if (Math.abs(a * b - 1) > RECIPROCAL_TOLERANCE) {
          issues.push({
            path: [],
            message: `${where(i, j)} is ${fmtJ(a)} but ${where(j, i)} is ${fmtJ(b)}; they must be reciprocal (${fmtJ(a)} and ${fmtJ(1 / a)})`,
          });
        }
      } else if (a !== null) {
        matrix[j][i] = 1 / a;
        filled.push({ i: j, j: i, value: 1 / a, from: where(i, j) });
      } else if (b !== null) {
        matrix[i][j] = 1 / b;
        filled.push({ i, j, value: 1 / b, from: where(j, i) });
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { matrix, filled };
}

function fmtJ(x: number): string {
  if (x >= 1) return String(Number(x.toPrecision(6)));
  const inv = 1 / x;
  return Math.abs(inv - Math.round(inv)) < 1e-9 ? `1/${Math.round(inv)}` : String(Number(x.toPrecision(6)));
}

/** The long layout: `expert, row, column, value[, weight]`, one judgment per row. */
function importLong(g: Grid): ImportedJudgments {
  const head = (g.cells[0] ?? []).map((v) => (v === null ? '' : String(v).toLowerCase()));
  const col = (name: string) => head.indexOf(name);
  const [ce, cr, cc, cv, cw] = [col('expert'), col('row'), col('column'), col('value'), col('weight')];
  const labels: string[] = [];
  const index = (name: string) => {
    let k = labels.indexOf(name);
    if (k < 0) k = labels.push(name) - 1;
    return k;
  };
  const byExpert = new Map<string, { weight?: number; weightAt?: string; cells: Map<string, { value: number; at: string }> }>();
  const text = (r: number, c: number, what: string): string => {
    const v = g.cells[r]?.[c] ?? null;
    if (v === null) throw new ValidationError([{ path: [], message: `${g.where(r, c)}: the ${what} is empty` }]);
    return String(v);
  };
  for (let r = 1; r < g.cells.length; r++) {
    if ((g.cells[r] ?? []).every((v) => v === null)) continue;
    const expert = text(r, ce, 'expert');
    const i = index(text(r, cr, 'row element'));
    const j = index(text(r, cc, 'column element'));
    const value = judgment(g, r, cv);
    if (value === null)
      throw new ValidationError([
        { path: [], message: `${g.where(r, cv)}: the judgment is empty`, allowed: 'leave out the row of a missing judgment' },
      ]);
    let e = byExpert.get(expert);
    if (!e) byExpert.set(expert, (e = { cells: new Map() }));
    if (cw >= 0 && g.cells[r]?.[cw] != null) {
      const w = Number(g.cells[r][cw]);
      if (!Number.isFinite(w) || w <= 0)
        throw new ValidationError([
          { path: [], message: `${g.where(r, cw)}: expert weight "${g.cells[r][cw]}" must be a positive number` },
        ]);
      if (e.weight !== undefined && e.weight !== w) {
        throw new ValidationError([
          { path: [], message: `${g.where(r, cw)}: expert ${expert} has weight ${w} here but ${e.weight} at ${e.weightAt}` },
        ]);
      }
      e.weight = w;
      e.weightAt = g.where(r, cw);
    }
    const key = `${i},${j}`;
    const prior = e.cells.get(key);
    if (prior)
      throw new ValidationError([
        { path: [], message: `${g.where(r, cv)}: expert ${expert} judges (${labels[i]}, ${labels[j]}) twice (also ${prior.at})` },
      ]);
    e.cells.set(key, { value, at: g.where(r, cv) });
  }
  if (byExpert.size === 0) throw new ValidationError([{ path: [], message: `${g.file}: no judgments below the header row` }]);
  const n = labels.length;
  const experts = [...byExpert].map(([id, e]) => {
    const given = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => e.cells.get(`${i},${j}`)?.value ?? null));
    const where = (i: number, j: number) => e.cells.get(`${i},${j}`)?.at ?? `${g.file}, expert ${id}, (${labels[i]}, ${labels[j]})`;
    return { id, ...(e.weight !== undefined ? { weight: e.weight } : {}), ...completeReciprocal(given, where) };
  });
  return { layout: 'long', labels, experts };
}
