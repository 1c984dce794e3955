/**
 * Explanation (SPEC §4.5): the contribution of every indicator to an alternative's result.
 * For a weighted sum S = Σ_j w_j·z_j the contribution of j is w_j·z_j and its share
 * w_j·z_j / S; for a fuzzy evaluation, each leaf's share of the membership mass of the root
 * is its global weight, and its contribution to the score is W_l·(r_l·V).
 */

export interface Contribution {
  index: number;
  weight: number;
  value: number;
  contribution: number;
  share: number;
}

/** Contributions w_j·z_j to a weighted-sum score, largest first. */
export function weightedSumContributions(
  weights: readonly number[],
  values: readonly number[],
): { score: number; contributions: Contribution[] } {
  const parts = weights.map((w, j) => w * values[j]);
  const score = parts.reduce((s, x) => s + x, 0);
  const contributions = parts.map((c, j) => ({
    index: j,
    weight: weights[j],
    value: values[j],
    contribution: c,
    share: score === 0 ? 0 : c / score,
  }));
  contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.index - b.index);
  return { score, contributions };
}

/**
 * The `k` largest contributions of one alternative without building them all: `parts[j]` = w_j·z_j
 * (filled here), the indices of the k largest |w_j·z_j| (ties: lower index first, the order of
 * {@link weightedSumContributions}) in `top`, and the score Σ_j w_j·z_j returned. For streaming
 * explanations of large portfolios: no allocation per alternative.
 *
 * @example topContributions([0.5, 0.5], (j) => [8, 4][j], 1, new Float64Array(2), new Int32Array(1)) // 6; top = [0]
 */
export function topContributions(
  weights: readonly number[],
  valueAt: (j: number) => number,
  k: number,
  parts: Float64Array,
  top: Int32Array,
): number {
  const n = weights.length;
  let score = 0;
  for (let j = 0; j < n; j++) {
    parts[j] = weights[j] * valueAt(j);
    score += parts[j];
  }
  let filled = 0;
  for (let j = 0; j < n; j++) {
    const a = Math.abs(parts[j]);
    if (filled === k && !(a > Math.abs(parts[top[k - 1]]))) continue;
    let p = filled < k ? filled++ : k - 1;
    while (p > 0 && a > Math.abs(parts[top[p - 1]])) {
      top[p] = top[p - 1];
      p--;
    }
    top[p] = j;
  }
  return score;
}
