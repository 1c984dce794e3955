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

/**
 * Entropy weights over column-major data (SPEC §4.6): whole portfolios, three streaming passes
 * per column (range, sum, entropy), no allocation per alternative. Cells must be finite.
 */
export function entropyWeightsBatch(x: ColumnMajor, options: EntropyOptions = {}): EntropyResult {
  const { rows: m, cols: n, data } = x;
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
  const entropy = new Array<number>(n);
  const constant: number[] = [];
  const k = 1 / Math.log(m);
  for (let j = 0; j < n; j++) {
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
    // NaN or ±Infinity make the sum non-finite, a negative value the minimum: only then find the cells
    if (!Number.isFinite(sumV) || (normalisation === 'sum' && lo < 0)) {
      for (let i = 0; i < m; i++) {
        const v = data[o + i];
        if (!Number.isFinite(v)) issues.add([i, j], `${v} is not a finite number`);
        else if (normalisation === 'sum' && v < 0)
          issues.add([i, j], `${v} is negative; the sum normalisation needs non-negative values`, 'values ≥ 0, or normalisation min-max');
      }
      if (!issues.empty) continue;
    }
    const range = hi - lo;
    if (range === 0) {
      constant.push(j);
      entropy[j] = 1;
      continue;
    }
    // z = a·v + b (+ shift): benefit (v − lo)/range, cost (hi − v)/range, sum v. Then with
    // T = Σ z = a·Σv + m·b and p = z/T:  −Σ p ln p = ln T − (1/T) Σ z ln z  (one log per cell).
    const cost = directions[j] === 'cost';
    const a = normalisation === 'sum' ? 1 : cost ? -1 / range : 1 / range;
    const b = (normalisation === 'sum' ? 0 : cost ? hi / range : -lo / range) + shift;
    const total = a * sumV + m * b;
    const zlnz = sumZLogZ(data, o, m, a, b);
    entropy[j] = total > 0 ? Math.min(1, Math.max(0, (Math.log(total) - zlnz / total) * k)) : 1;
  }
  issues.throwIfAny();
  const divergence = entropy.map((e) => 1 - e);
  const warnings: string[] = [];
  if (constant.length > 0)
    warnings.push(
      `indicator${constant.length > 1 ? 's' : ''} ${constant.join(', ')} do${constant.length > 1 ? '' : 'es'} not vary: weight 0`,
    );
  if (normalisation === 'sum' && directions.includes('cost'))
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
