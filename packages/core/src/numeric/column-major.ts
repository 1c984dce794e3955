/**
 * Column-major numeric data for batch work over whole portfolios (SPEC §4.6):
 * m alternatives (rows) × n indicators (columns); column j occupies data[j·m … j·m + m − 1],
 * so one indicator streams contiguously through memory.
 */
export interface ColumnMajor {
  /** Number of alternatives (rows). */
  rows: number;
  /** Number of indicators (columns). */
  cols: number;
  /** rows × cols values, column after column. */
  data: Float64Array;
}

/** Build column-major data from row-major arrays (the small API's layout). */
export function toColumnMajor(matrix: readonly (readonly number[])[]): ColumnMajor {
  const rows = matrix.length;
  const cols = rows > 0 ? matrix[0].length : 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[j * rows + i] = matrix[i][j];
  return { rows, cols, data };
}

/** Value at (row i, column j). */
export function cmAt(x: ColumnMajor, i: number, j: number): number {
  return x.data[j * x.rows + i];
}

/**
 * Batch kernel: min, max and Σx² of columns [from, to), three numbers per column, in one
 * streaming pass. A NaN or ±Infinity makes Σx² non-finite, so callers look for bad cells only then.
 */
export function columnStats(x: ColumnMajor, from: number, to: number): Float64Array {
  const { rows: m, data } = x;
  const out = new Float64Array((to - from) * 3);
  for (let j = from; j < to; j++) {
    const o = j * m;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let ss = 0;
    for (let i = 0; i < m; i++) {
      const v = data[o + i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      ss += v * v;
    }
    const k = (j - from) * 3;
    out[k] = lo;
    out[k + 1] = hi;
    out[k + 2] = ss;
  }
  return out;
}

/** The first non-finite cell of column j as a ValidationError issue path and message, if any. */
export function firstNonFinite(x: ColumnMajor, j: number): { path: [number, number]; message: string } | undefined {
  const o = j * x.rows;
  for (let i = 0; i < x.rows; i++) {
    const v = x.data[o + i];
    if (!Number.isFinite(v)) return { path: [i, j], message: `${v} is not a finite number` };
  }
  return undefined;
}

/** True when `x` lives in shared memory, so worker threads can read it without a copy. */
export function isShared(x: ColumnMajor): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && x.data.buffer instanceof SharedArrayBuffer;
}

/** Column-major storage in shared memory, for the parallel batch kernels (`@scf-risk/core/parallel`). */
export function sharedColumnMajor(rows: number, cols: number): ColumnMajor {
  return { rows, cols, data: new Float64Array(new SharedArrayBuffer(rows * cols * 8)) };
}

/** [from, to) ranges splitting `count` items into `parts` nearly equal pieces, e.g. splitRange(5, 2) = [[0, 2], [2, 5]]. */
export function splitRange(count: number, parts: number): [number, number][] {
  const k = Math.max(1, Math.min(parts, count));
  return Array.from({ length: k }, (_, p) => [Math.floor((p * count) / k), Math.floor(((p + 1) * count) / k)]);
}
