/**
 * Kendall's coefficient of concordance W (Kendall & Babington Smith 1939; with the tie
 * correction as in Siegel & Castellan, Nonparametric Statistics, 2nd ed. 1988, §9.4):
 * n objects ranked by m raters; each rater's ratings are ranked (ties get average ranks),
 * R_i = Σ_j r_ij, S = Σ_i (R_i − R̄)²,
 *   W = 12 S / (m²(n³ − n) − m Σ_j T_j),  T_j = Σ_groups (t³ − t) over rater j's ties,
 * χ² = m(n − 1)W with df = n − 1, p = P(χ²_df ≥ χ²).
 */
import { IssueList, ValidationError } from '../errors.ts';
import { chiSquareSf } from '../numeric/gamma.ts';

export type KendallTies = 'correct' | 'ignore';

export interface KendallResult {
  w: number;
  chiSquare: number;
  df: number;
  p: number;
  /** Objects (n) and raters (m). */
  n: number;
  m: number;
  /** Rank sums R_i per object. */
  rankSums: number[];
  s: number;
  /** Σ_j T_j. */
  tieCorrection: number;
  ties: KendallTies;
}

/** Average ranks (1 = smallest) of `x`, and Σ (t³ − t) over its tie groups. */
export function averageRanks(x: readonly number[]): { ranks: number[]; t: number } {
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const ranks = new Array<number>(x.length);
  let t = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    const avg = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[idx[k]] = avg;
    const size = j - i + 1;
    t += size ** 3 - size;
    i = j + 1;
  }
  return { ranks, t };
}

/**
 * W for `table` with rows = objects and columns = raters (ranks or ratings: each column is
 * ranked). Errors carry paths `[i, j]`.
 */
export function kendallW(table: readonly (readonly number[])[], options: { ties?: KendallTies } = {}): KendallResult {
  const ties = options.ties ?? 'correct';
  const issues = new IssueList();
  if (ties !== 'correct' && ties !== 'ignore') issues.add(['ties'], `unknown ties rule "${ties}"`, 'correct, ignore');
  const n = Array.isArray(table) ? table.length : 0;
  const m = n > 0 && Array.isArray(table[0]) ? table[0].length : 0;
  if (n < 2) issues.add([], `${n} object${n === 1 ? '' : 's'}; concordance needs at least 2 objects (rows)`);
  if (m < 2) issues.add([], `${m} rater${m === 1 ? '' : 's'}; concordance needs at least 2 raters (columns)`);
  issues.throwIfAny();
  table.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== m)
      issues.add([i], `row ${i} has ${Array.isArray(row) ? row.length : 0} values but row 0 has ${m}`);
    else
      row.forEach((v, j) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) issues.add([i, j], `${String(v)} is not a finite number`);
      });
  });
  issues.throwIfAny();
  const rankSums = new Array<number>(n).fill(0);
  let tieCorrection = 0;
  for (let j = 0; j < m; j++) {
    const { ranks, t } = averageRanks(table.map((r) => r[j]));
    for (let i = 0; i < n; i++) rankSums[i] += ranks[i];
    tieCorrection += t;
  }
  const mean = rankSums.reduce((a, b) => a + b, 0) / n;
  const s = rankSums.reduce((acc, r) => acc + (r - mean) ** 2, 0);
  const denom = m * m * (n ** 3 - n) - (ties === 'correct' ? m * tieCorrection : 0);
  if (!(denom > 0))
    throw new ValidationError([{ path: [], message: 'every rater gave all objects the same value: concordance is undefined' }]);
  const w = (12 * s) / denom;
  const df = n - 1;
  const chiSquare = m * df * w;
  return { w, chiSquare, df, p: chiSquareSf(chiSquare, df), n, m, rankSums, s, tieCorrection, ties };
}
