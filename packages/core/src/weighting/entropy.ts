/**
 * Entropy weight method (SPEC §3.3, [003]). For m alternatives × n indicators:
 *   normalise per column (`min-max` by direction — default — or `sum`: raw non-negative values),
 *   optionally add a shift s to every normalised value, then
 *   p_ij = x'_ij / Σ_i x'_ij,  e_j = −(1/ln m) Σ_i p_ij ln p_ij  (0·ln 0 = 0),
 *   d_j = 1 − e_j,  w_j = d_j / Σ_k d_k.
 * A column without variation has e_j = 1 and weight 0; when no column varies there is no
 * information and the method refuses (never NaN). `entropyOfComparisonMatrix` is [003]'s variant
 * on an AHP matrix: columns normalised to P, each indicator's (column's) entropy and divergence.
 */
import { IssueList, ValidationError } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import type { Label } from '../label.ts';
import { type ColumnMajor, toColumnMajor } from '../numeric/column-major.ts';
import { sumZLogZ } from '../numeric/fast-log.ts';
import { checkDataMatrix } from './data-matrix.ts';
import { checkPairwiseMatrix, type JudgmentScale } from './saaty-scale.ts';

export type EntropyNormalisation = 'min-max' | 'sum';

export interface EntropyOptions {
  directions?: Direction[];
  normalisation?: EntropyNormalisation;
  /** Added to every normalised value before p_ij (e.g. 0.0001); default 0. */
  shift?: number;
  labels?: Label[];
}

export interface EntropyResult {
  weights: number[];
  entropy: number[];
  divergence: number[];
  normalisation: EntropyNormalisation | 'ahp-matrix';
  shift: number;
  /** How p·ln p is taken at p = 0. */
  zeroRule: '0·ln 0 = 0';
  m: number;
  n: number;
  /** Columns that do not vary (weight 0). */
  constantColumns: number[];
  labels?: Label[];
  warnings: string[];
}

/** w_j = d_j / Σ d; no divergence at all is an error. */
function weightsFrom(divergence: number[], path: string): number[] {
  const total = divergence.reduce((s, d) => s + d, 0);
  if (!(total > 0))
    throw new ValidationError([{ path: [], message: `no indicator varies across the ${path}: entropy weights carry no information` }]);
  return divergence.map((d) => d / total);
}

/** Entropy weights of a data matrix (rows = alternatives); computed by the batch kernel. */
export function entropyWeights(matrix: readonly (readonly number[])[], options: EntropyOptions = {}): EntropyResult {
  const { directions } = checkDataMatrix(matrix, options);
  return entropyWeightsBatch(toColumnMajor(matrix), { ...options, directions });
}

/** The parameters of an entropy run, checked once. */
export interface EntropyPlan {
  normalisation: EntropyNormalisation;
  shift: number;
  cost: boolean[];
}

/** Check the options once (shared with the parallel variant). */
export function planEntropy(x: ColumnMajor, options: EntropyOptions): EntropyPlan {
  const { rows: m, cols: n } = x;
  const normalisation = options.normalisation ?? 'min-max';
  const shift = options.shift ?? 0;
  const directions = options.directions ?? new Array<Direction>(n).fill('benefit');
  const issues = new IssueList();
  if (m < 2) issues.add([], `${m} alternatives; at least 2 are needed`);
  if (normalisation !== 'min-max' && normalisation !== 'sum')
    issues.add(['normalisation'], `unknown normalisation "${normalisation}"`, 'min-max, sum');
  if (!Number.isFinite(shift) || shift < 0) issues.add(['shift'], `shift ${shift} must be a number ≥ 0`);
  if (directions.length !== n) issues.add(['directions'], `${directions.length} directions for ${n} indicators`);
  issues.throwIfAny();
  return { normalisation, shift, cost: directions.map((d) => d === 'cost') };
}

/**
 * The batch kernel: for columns [from, to), four numbers each — min, max, Σv and Σ z ln z with
 * z = a·v + b the normalised value (benefit (v − lo)/range, cost (hi − v)/range, sum v; + shift).
 * Two streaming passes per column, one table-driven log per cell. A non-finite Σv (NaN or ±∞ in
 * the column) skips the second pass; the caller then names the cells.
 */
export function entropyColumnStats(x: ColumnMajor, from: number, to: number, plan: EntropyPlan): Float64Array {
  const { rows: m, data } = x;
  const out = new Float64Array((to - from) * 4);
  for (let j = from; j < to; j++) {
    const o = j * m;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let sumV = 0;
    for (let i = 0; i < m; i++) {
      const v = data[o + i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      sumV += v;
    }
    const k = (j - from) * 4;
    out[k] = lo;
    out[k + 1] = hi;
    out[k + 2] = sumV;
    const range = hi - lo;
    if (!Number.isFinite(sumV) || range === 0) continue;
    const { a, b } = affine(plan, j, lo, hi);
    out[k + 3] = sumZLogZ(data, o, m, a, b);
  }
  return out;
}

/** z = a·v + b for column j. */
function affine(plan: EntropyPlan, j: number, lo: number, hi: number): { a: number; b: number } {
  const range = hi - lo;
  const sum = plan.normalisation === 'sum';
  const cost = plan.cost[j];
  return {
    a: sum ? 1 : cost ? -1 / range : 1 / range,
    b: (sum ? 0 : cost ? hi / range : -lo / range) + plan.shift,
  };
}

/**
 * Entropy weights over column-major data (SPEC §4.6): whole portfolios, two streaming passes
 * per column (range and sum, then Σ z ln z), no allocation per alternative. Cells must be finite.
 */
export function entropyWeightsBatch(x: ColumnMajor, options: EntropyOptions = {}): EntropyResult {
  const plan = planEntropy(x, options);
  return finishEntropy(x, plan, entropyColumnStats(x, 0, x.cols, plan), options);
}

/** Entropy per column from the kernel's stats (shared with the parallel variant): e = (ln T − Σ z ln z / T)/ln m, T = Σ z = a·Σv + m·b. */
export function finishEntropy(x: ColumnMajor, plan: EntropyPlan, stats: Float64Array, options: EntropyOptions): EntropyResult {
  const { rows: m, cols: n, data } = x;
  const { normalisation, shift } = plan;
  const issues = new IssueList();
  const entropy = new Array<number>(n);
  const constant: number[] = [];
  const k = 1 / Math.log(m);
  for (let j = 0; j < n; j++) {
    const [lo, hi, sumV, zlnz] = [stats[4 * j], stats[4 * j + 1], stats[4 * j + 2], stats[4 * j + 3]];
    // NaN or ±Infinity make the sum non-finite, a negative value the minimum: only then find the cells
    if (!Number.isFinite(sumV) || (normalisation === 'sum' && lo < 0)) {
      const o = j * m;
      for (let i = 0; i < m; i++) {
        const v = data[o + i];
        if (!Number.isFinite(v)) issues.add([i, j], `${v} is not a finite number`);
        else if (normalisation === 'sum' && v < 0)
          issues.add([i, j], `${v} is negative; the sum normalisation needs non-negative values`, 'values ≥ 0, or normalisation min-max');
      }
      continue;
    }
    if (hi - lo === 0) {
      constant.push(j);
      entropy[j] = 1;
      continue;
    }
    const { a, b } = affine(plan, j, lo, hi);
    const total = a * sumV + m * b;
    entropy[j] = total > 0 ? Math.min(1, Math.max(0, (Math.log(total) - zlnz / total) * k)) : 1;
  }
  issues.throwIfAny();
  const divergence = entropy.map((e) => 1 - e);
  const warnings: string[] = [];
  if (constant.length > 0)
    warnings.push(
      `indicator${constant.length > 1 ? 's' : ''} ${constant.join(', ')} do${constant.length > 1 ? '' : 'es'} not vary: weight 0`,
    );
  if (normalisation === 'sum' && plan.cost.includes(true))
    warnings.push('the sum normalisation uses raw values; directions do not change entropy weights');
  const weights = weightsFrom(divergence, 'alternatives');
  return {
    weights,
    entropy,
    divergence,
    normalisation,
    shift,
    zeroRule: '0·ln 0 = 0',
    m,
    n,
    constantColumns: constant,
    ...(options.labels ? { labels: options.labels } : {}),
    warnings,
  };
}

/**
 * [003]'s correction of AHP weights: normalise the comparison matrix by columns,
 * p_ij = a_ij / Σ_i a_ij, then e_j = −(1/ln n) Σ_i p_ij ln p_ij for each indicator j (column),
 * d_j = 1 − e_j, w_j = d_j / Σ d.
 */
export function entropyOfComparisonMatrix(
  matrix: readonly (readonly (number | null)[])[],
  options: { labels?: Label[]; scale?: JudgmentScale } = {},
): EntropyResult {
  const checked = checkPairwiseMatrix(matrix, options.scale);
  if (checked.incomplete)
    throw new ValidationError([
      { path: [], message: 'the comparison matrix has missing judgments; complete it first (scf-risk ahp reports filledMatrix)' },
    ]);
  const n = checked.n;
  if (n < 2) throw new ValidationError([{ path: [], message: 'a 1×1 matrix has no entropy; at least 2 indicators are needed' }]);
  const r = entropyWeightsBatch(toColumnMajor(checked.matrix as number[][]), {
    normalisation: 'sum',
    ...(options.labels ? { labels: options.labels } : {}),
  });
  return { ...r, normalisation: 'ahp-matrix', warnings: [...checked.warnings, ...r.warnings] };
}
