/**
 * TOPSIS (SPEC §4.4; Hwang & Yoon 1981). Normalise each column — `vector`: x/‖x_j‖₂ (default),
 * `min-max`: (x − min)/(max − min) for benefit, (max − x)/(max − min) for cost (then every column
 * is a benefit) — weight it, take the ideal A⁺ (best per column) and anti-ideal A⁻ (worst),
 * D⁺_i = ‖v_i − A⁺‖, D⁻_i = ‖v_i − A⁻‖, closeness C_i = D⁻/(D⁺ + D⁻) ∈ [0, 1]; rank by C.
 * The small API runs the batch kernel over column-major data, so both agree exactly.
 */
import { IssueList } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import type { Label } from '../label.ts';
import { type ColumnMajor, toColumnMajor } from '../numeric/column-major.ts';
import { rankDescending } from '../numeric/vector.ts';
import { checkDataMatrix } from '../weighting/data-matrix.ts';
import { checkEvaluationWeights } from './weights-check.ts';

export type TopsisNormalisation = 'vector' | 'min-max';

export interface TopsisOptions {
  directions?: Direction[];
  normalisation?: TopsisNormalisation;
  normalise?: boolean;
  labels?: Label[];
}

export interface TopsisResult {
  closeness: number[];
  rank: number[];
  distanceToBest: number[];
  distanceToWorst: number[];
  /** Ideal and anti-ideal of the weighted normalised matrix. */
  ideal: number[];
  antiIdeal: number[];
  weights: number[];
  normalisation: TopsisNormalisation;
  labels?: Label[];
  warnings: string[];
}

/** TOPSIS on a row-major matrix (rows = alternatives). */
export function topsis(
  matrix: readonly (readonly number[])[],
  weights: readonly number[] | undefined,
  options: TopsisOptions = {},
): TopsisResult {
  const { directions } = checkDataMatrix(matrix, { ...options, minRows: 1 });
  return topsisBatch(toColumnMajor(matrix), weights, { ...options, directions });
}

/** TOPSIS over column-major data; per-alternative results in typed arrays internally. */
export function topsisBatch(x: ColumnMajor, weights: readonly number[] | undefined, options: TopsisOptions = {}): TopsisResult {
  const { rows: m, cols: n, data } = x;
  const normalisation = options.normalisation ?? 'vector';
  const directions = options.directions ?? new Array<Direction>(n).fill('benefit');
  const issues = new IssueList();
  if (m === 0) issues.add([], 'the portfolio is empty', 'at least one alternative');
  if (normalisation !== 'vector' && normalisation !== 'min-max')
    issues.add(['normalisation'], `unknown normalisation "${normalisation}"`, 'vector, min-max');
  if (directions.length !== n) issues.add(['directions'], `${directions.length} directions for ${n} indicators`);
  issues.throwIfAny();
  const warnings: string[] = [];
  const w = checkEvaluationWeights(weights, n, options.normalise ?? false, warnings);
  // Per column: v_ij = scale_j · x_ij + shift_j; ideal/anti-ideal from the column's extremes.
  const scale = new Float64Array(n);
  const shift = new Float64Array(n);
  const ideal = new Array<number>(n);
  const antiIdeal = new Array<number>(n);
  for (let j = 0; j < n; j++) {
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
    // NaN or ±Infinity anywhere makes the sum of squares non-finite: only then look for the cells
    if (!Number.isFinite(ss)) {
      for (let i = 0; i < m; i++) if (!Number.isFinite(data[o + i])) issues.add([i, j], `${data[o + i]} is not a finite number`);
      if (!issues.empty) continue;
    }
    const cost = directions[j] === 'cost';
    if (normalisation === 'vector') {
      const norm = Math.sqrt(ss);
      scale[j] = norm > 0 ? w[j] / norm : 0;
      shift[j] = 0;
      const a = scale[j] * hi;
      const b = scale[j] * lo;
      ideal[j] = cost ? b : a;
      antiIdeal[j] = cost ? a : b;
    } else {
      const range = hi - lo;
      scale[j] = range > 0 ? (cost ? -w[j] / range : w[j] / range) : 0;
      shift[j] = range > 0 ? (cost ? (w[j] * hi) / range : (-w[j] * lo) / range) : 0;
      ideal[j] = range > 0 ? w[j] : 0;
      antiIdeal[j] = 0;
    }
  }
  issues.throwIfAny();
  const dPlus = new Float64Array(m);
  const dMinus = new Float64Array(m);
  // Rows in cache-sized blocks: the block's accumulators stay in L1 while the columns stream by.
  const BLOCK = 2048;
  for (let i0 = 0; i0 < m; i0 += BLOCK) {
    const i1 = Math.min(m, i0 + BLOCK);
    for (let j = 0; j < n; j++) {
      const o = j * m;
      const a = scale[j];
      const b = shift[j];
      const best = ideal[j];
      const worst = antiIdeal[j];
      for (let i = i0; i < i1; i++) {
        const v = a * data[o + i] + b;
        const p = v - best;
        const q = v - worst;
        dPlus[i] += p * p;
        dMinus[i] += q * q;
      }
    }
  }
  const closeness = new Array<number>(m);
  const distanceToBest = new Array<number>(m);
  const distanceToWorst = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    const dp = Math.sqrt(dPlus[i]);
    const dm = Math.sqrt(dMinus[i]);
    distanceToBest[i] = dp;
    distanceToWorst[i] = dm;
    // Every alternative equal on every weighted indicator: all are ideal and anti-ideal at once.
    closeness[i] = dp + dm > 0 ? dm / (dp + dm) : 0.5;
  }
  if (closeness.every((c, i) => distanceToBest[i] + distanceToWorst[i] === 0 && c === 0.5))
    warnings.push('no indicator distinguishes the alternatives: closeness 0.5 for all');
  return {
    closeness,
    rank: rankDescending(closeness),
    distanceToBest,
    distanceToWorst,
    ideal,
    antiIdeal,
    weights: w,
    normalisation,
    ...(options.labels ? { labels: options.labels } : {}),
    warnings,
  };
}
