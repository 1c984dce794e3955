/**
 * Checks shared by the data-driven weighting methods (entropy, CRITIC): a data matrix of m
 * alternatives (rows) × n indicators (columns), finite numbers, rectangular, directions per
 * column. Errors carry paths `[i, j]` (cell), `['directions', j]` or `['labels']`.
 */
import { IssueList } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import type { Label } from '../label.ts';

export interface DataMatrixOptions {
  directions?: Direction[];
  labels?: Label[];
  /** Minimum number of rows (alternatives). */
  minRows?: number;
}

/** Validate and return m, n and the directions (default all benefit). */
export function checkDataMatrix(
  matrix: readonly (readonly number[])[],
  options: DataMatrixOptions = {},
): { m: number; n: number; directions: Direction[] } {
  const issues = new IssueList();
  const minRows = options.minRows ?? 2;
  if (!Array.isArray(matrix) || matrix.length === 0) {
    issues.add([], 'the data matrix is empty', 'rows = alternatives, columns = indicators');
    issues.throwIfAny();
  }
  const m = matrix.length;
  const n = Array.isArray(matrix[0]) ? matrix[0].length : 0;
  if (n === 0) issues.add([0], 'the first row has no values', 'one column per indicator');
  if (m < minRows) issues.add([], `${m} row${m === 1 ? '' : 's'}; at least ${minRows} alternatives are needed`);
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      issues.add([i], `row ${i} has ${Array.isArray(row) ? row.length : 0} values but row 0 has ${n}`, `${n} values per row`);
      return;
    }
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) issues.add([i, j], `${String(v)} is not a finite number`);
    });
  });
  const directions = options.directions ?? new Array<Direction>(n).fill('benefit');
  if (directions.length !== n)
    issues.add(['directions'], `${directions.length} directions for ${n} indicators`, `${n} values, each benefit or cost`);
  else
    directions.forEach((d, j) => {
      if (d !== 'benefit' && d !== 'cost') issues.add(['directions', j], `direction "${String(d)}" is not allowed`, 'benefit, cost');
    });
  if (options.labels !== undefined && options.labels.length !== n)
    issues.add(['labels'], `${options.labels.length} labels for ${n} indicators`, `${n} labels`);
  issues.throwIfAny();
  return { m, n, directions };
}

/**
 * Min-max normalisation by direction, per column: benefit (x − min)/(max − min), cost
 * (max − x)/(max − min); a constant column becomes all 1 (equal, no information).
 * Returns the normalised copy and the indices of constant columns.
 */
export function minMaxColumns(
  matrix: readonly (readonly number[])[],
  directions: readonly Direction[],
): { z: number[][]; constant: number[] } {
  const m = matrix.length;
  const n = matrix[0].length;
  const z = matrix.map((r) => r.slice());
  const constant: number[] = [];
  for (let j = 0; j < n; j++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      lo = Math.min(lo, matrix[i][j]);
      hi = Math.max(hi, matrix[i][j]);
    }
    const range = hi - lo;
    if (range === 0) constant.push(j);
    for (let i = 0; i < m; i++)
      z[i][j] = range === 0 ? 1 : directions[j] === 'cost' ? (hi - matrix[i][j]) / range : (matrix[i][j] - lo) / range;
  }
  return { z, constant };
}
