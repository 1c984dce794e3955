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
