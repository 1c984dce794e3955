/**
 * CRITIC weights (SPEC §3.4; Diakoulaki, Mavrotas & Papayannakis 1995, Computers & OR 22(7)):
 * on the min-max normalised matrix (by direction),
 *   C_j = σ_j · Σ_k (1 − r_jk),  w_j = C_j / Σ_k C_k,
 * σ_j the standard deviation of column j (`sample`, n − 1, by default; `population` on request)
 * and r_jk the Pearson correlation. A column that does not vary has σ = 0, hence weight 0, and is
 * left out of the other columns' conflict sums (its correlation is undefined); when no column
 * varies the method refuses.
 */
import { ValidationError } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import type { Label } from '../label.ts';
import { pearson, type SdKind, sd } from '../numeric/stats.ts';
import { checkDataMatrix, minMaxColumns } from './data-matrix.ts';

export interface CriticOptions {
  directions?: Direction[];
  sd?: SdKind;
  labels?: Label[];
}

export interface CriticResult {
  weights: number[];
  /** σ_j of the normalised columns. */
  std: number[];
  /** Σ_k (1 − r_jk). */
  conflict: number[];
  /** C_j = σ_j · conflict_j. */
  information: number[];
  /** r_jk (null where a column does not vary). */
  correlation: (number | null)[][];
  sdKind: SdKind;
  normalisation: 'min-max';
  constantColumns: number[];
  labels?: Label[];
}

export function criticWeights(matrix: readonly (readonly number[])[], options: CriticOptions = {}): CriticResult {
  const { m, n, directions } = checkDataMatrix(matrix, options);
  const sdKind = options.sd ?? 'sample';
  if (sdKind !== 'sample' && sdKind !== 'population')
    throw new ValidationError([{ path: ['sd'], message: `unknown sd "${sdKind}"`, allowed: 'sample, population' }]);
  const { z, constant } = minMaxColumns(matrix, directions);
  const cols = Array.from({ length: n }, (_, j) => Float64Array.from({ length: m }, (_, i) => z[i][j]));
  const std = cols.map((c, j) => (constant.includes(j) ? 0 : sd(c, sdKind)));
  const correlation = cols.map((cj, j) =>
    cols.map((ck, k) => (constant.includes(j) || constant.includes(k) ? null : j === k ? 1 : pearson(cj, ck))),
  );
  const conflict = correlation.map((row) => row.reduce<number>((s, r) => s + (r === null ? 0 : 1 - r), 0));
  const information = std.map((s, j) => s * conflict[j]);
  const total = information.reduce((s, c) => s + c, 0);
  if (!(total > 0))
    throw new ValidationError([
      { path: [], message: 'no indicator varies (or all vary in perfect correlation): CRITIC weights carry no information' },
    ]);
  return {
    weights: information.map((c) => c / total),
    std,
    conflict,
    information,
    correlation,
    sdKind,
    normalisation: 'min-max',
    constantColumns: constant,
    ...(options.labels ? { labels: options.labels } : {}),
  };
}
