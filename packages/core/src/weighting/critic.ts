/**
 * CRITIC weights (SPEC §3.4; Diakoulaki, Mavrotas & Papayannakis 1995, Computers & OR 22(7)):
 * on the min-max normalised matrix (by direction),
 *   C_j = σ_j · Σ_k (1 − r_jk),  w_j = C_j / Σ_k C_k,
 * σ_j the standard deviation of column j (`sample`, n − 1, by default; `population` on request)
 * and r_jk the Pearson correlation. A column that does not vary has σ = 0, hence weight 0, and is
 * left out of the other columns' conflict sums: its correlation is undefined, reported as the word
 * "undefined" in `correlation` (not a number, not null) and in a warning naming the column; when
 * no column varies the method refuses.
 *
 * Variants other libraries offer, each named in the result:
 * - `normalisation: 'none'`: σ and r of the raw values (scikit-criteria's `scale=False`); a cost
 *   column is only negated (x → −x), which keeps σ and turns the sign of its correlations as
 *   min-max does, so benefit-only data are used exactly as given;
 * - `correlationMethod: 'spearman'`: r_jk is Spearman's rank correlation (Pearson's r of the
 *   average ranks, ties averaged), as scikit-criteria's `correlation="spearman"`;
 * - `conflictRule: 'absolute'`: conflict Σ_k (1 − |r_jk|), so a strong negative correlation counts
 *   as redundancy rather than as maximal conflict.
 */
import { ValidationError } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import { type Label, labelText } from '../label.ts';
import { pearson, type SdKind, sd } from '../numeric/stats.ts';
import { checkDataMatrix, minMaxColumns } from './data-matrix.ts';
import { averageRanks } from './kendall.ts';

/** How columns are prepared: 'min-max' by direction (Diakoulaki et al.), or 'none' (raw values, cost negated). */
export type CriticNormalisation = 'min-max' | 'none';
/** The correlation r_jk: Pearson's (Diakoulaki et al.) or Spearman's rank correlation. */
export type CriticCorrelation = 'pearson' | 'spearman';
/** The conflict of column j: 'signed' Σ_k (1 − r_jk) (Diakoulaki et al.) or 'absolute' Σ_k (1 − |r_jk|). */
export type CriticConflictRule = 'signed' | 'absolute';

export const CRITIC_NORMALISATIONS: readonly CriticNormalisation[] = ['min-max', 'none'];
export const CRITIC_CORRELATIONS: readonly CriticCorrelation[] = ['pearson', 'spearman'];
export const CRITIC_CONFLICT_RULES: readonly CriticConflictRule[] = ['signed', 'absolute'];

export interface CriticOptions {
  directions?: Direction[];
  sd?: SdKind;
  /** Default 'min-max'. */
  normalisation?: CriticNormalisation;
  /** Default 'pearson'. */
  correlationMethod?: CriticCorrelation;
  /** Default 'signed'. */
  conflictRule?: CriticConflictRule;
  labels?: Label[];
}

export interface CriticResult {
  weights: number[];
  /** σ_j of the prepared (normalised or raw) columns. */
  std: number[];
  /** Σ_k (1 − r_jk), or Σ_k (1 − |r_jk|) under the absolute rule. */
  conflict: number[];
  /** C_j = σ_j · conflict_j. */
  information: number[];
  /** r_jk; the word "undefined" where column j or k does not vary (its σ is 0). */
  correlation: (number | 'undefined')[][];
  sdKind: SdKind;
  normalisation: CriticNormalisation;
  correlationMethod: CriticCorrelation;
  conflictRule: CriticConflictRule;
  constantColumns: number[];
  labels?: Label[];
  /** One per constant column: its correlation is undefined and its weight 0. */
  warnings: string[];
}

/** The value of a correlation cell that is undefined (a constant column). */
export const UNDEFINED_CORRELATION = 'undefined';

function checkVariant(options: CriticOptions): {
  sdKind: SdKind;
  normalisation: CriticNormalisation;
  correlationMethod: CriticCorrelation;
  conflictRule: CriticConflictRule;
} {
  const sdKind = options.sd ?? 'sample';
  const normalisation = options.normalisation ?? 'min-max';
  const correlationMethod = options.correlationMethod ?? 'pearson';
  const conflictRule = options.conflictRule ?? 'signed';
  const issues = [];
  if (sdKind !== 'sample' && sdKind !== 'population')
    issues.push({ path: ['sd'], message: `unknown sd "${sdKind}"`, allowed: 'sample, population' });
  if (!CRITIC_NORMALISATIONS.includes(normalisation))
    issues.push({
      path: ['normalisation'],
      message: `unknown normalisation "${normalisation}"`,
      allowed: CRITIC_NORMALISATIONS.join(', '),
    });
  if (!CRITIC_CORRELATIONS.includes(correlationMethod))
    issues.push({
      path: ['correlationMethod'],
      message: `unknown correlation "${correlationMethod}"`,
      allowed: CRITIC_CORRELATIONS.join(', '),
    });
  if (!CRITIC_CONFLICT_RULES.includes(conflictRule))
    issues.push({ path: ['conflictRule'], message: `unknown conflict rule "${conflictRule}"`, allowed: CRITIC_CONFLICT_RULES.join(', ') });
  if (issues.length > 0) throw new ValidationError(issues);
  return { sdKind, normalisation, correlationMethod, conflictRule };
}

/**
 * CRITIC weights of the columns of `matrix` (rows = alternatives). Default: min-max normalisation
 * by direction, sample σ, Pearson r, conflict Σ(1 − r) (Diakoulaki et al. 1995); `normalisation`,
 * `correlationMethod` and `conflictRule` select the variants above.
 *
 *   criticWeights([[61, 1.08, 4.33], [20.7, 0.26, 4.34], …]).weights ≈ [0.2022, 0.4809, 0.3169]
 */
export function criticWeights(matrix: readonly (readonly number[])[], options: CriticOptions = {}): CriticResult {
  const { m, n, directions } = checkDataMatrix(matrix, options);
  const { sdKind, normalisation, correlationMethod, conflictRule } = checkVariant(options);
  const constant: number[] = [];
  let z: number[][];
  if (normalisation === 'min-max') {
    const mm = minMaxColumns(matrix, directions);
    z = mm.z;
    constant.push(...mm.constant);
  } else {
    z = matrix.map((row) => row.map((x, j) => (directions[j] === 'cost' ? -x : x)));
    for (let j = 0; j < n; j++) if (matrix.every((row) => row[j] === matrix[0][j])) constant.push(j);
  }
  const cols = Array.from({ length: n }, (_, j) => Float64Array.from({ length: m }, (_, i) => z[i][j]));
  const std = cols.map((c, j) => (constant.includes(j) ? 0 : sd(c, sdKind)));
  const forCorrelation = correlationMethod === 'spearman' ? cols.map((c) => Float64Array.from(averageRanks(Array.from(c)).ranks)) : cols;
  const correlation = forCorrelation.map((cj, j) =>
    forCorrelation.map((ck, k): number | 'undefined' =>
      constant.includes(j) || constant.includes(k) ? UNDEFINED_CORRELATION : j === k ? 1 : pearson(cj, ck),
    ),
  );
  const conflict = correlation.map((row) =>
    row.reduce<number>((s, r) => s + (typeof r !== 'number' ? 0 : 1 - (conflictRule === 'absolute' ? Math.abs(r) : r)), 0),
  );
  const warnings = constant.map((j) => {
    const name = labelText(options.labels?.[j]);
    return `indicator ${j}${name ? ` (${name})` : ''} does not vary (σ = 0): its correlation with the others is undefined, so it gets weight 0 and is left out of their conflict`;
  });
  const information = std.map((s, j) => s * conflict[j]);
  const total = information.reduce((s, c) => s + c, 0);
  if (!(total > 0))
    throw new ValidationError([
      {
        path: [],
        message:
          conflictRule === 'absolute'
            ? 'no indicator varies, or all are perfectly correlated (positively or negatively): CRITIC weights with the absolute conflict rule carry no information'
            : 'no indicator varies (or all vary in perfect correlation): CRITIC weights carry no information',
      },
    ]);
  return {
    weights: information.map((c) => c / total),
    std,
    conflict,
    information,
    correlation,
    sdKind,
    normalisation,
    correlationMethod,
    conflictRule,
    constantColumns: constant,
    ...(options.labels ? { labels: options.labels } : {}),
    warnings,
  };
}
