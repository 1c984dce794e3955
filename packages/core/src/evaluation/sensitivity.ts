/**
 * One-at-a-time weight sensitivity for weighted-sum evaluations (SPEC §4.5). Changing weight j
 * to w_j(1 + δ) and re-normalising the others proportionally keeps Σ w = 1:
 *   w'_j = w_j(1 + δ),  w'_k = w_k · (1 − w_j(1 + δ)) / (1 − w_j)  (k ≠ j),
 * so every score is linear in t = w'_j: S_i(t) = t·z_ij + (1 − t)·R_ij with
 * R_ij = Σ_{k≠j} w_k z_ik / (1 − w_j). Two alternatives swap where their lines cross; the
 * smallest |δ| over all pairs is solved exactly. Weights must stay in [0, 1].
 */
import { ValidationError } from '../errors.ts';

export interface WeightSensitivity {
  index: number;
  weight: number;
  /** Smallest relative change δ (e.g. −0.23 = −23 %) that swaps two ranks; null when none in [0, 1]. */
  delta: number | null;
  /** The weight at which they swap. */
  weightAtSwap: number | null;
  /** The pair that swaps (alternative indices), better one first before the change. */
  pair: [number, number] | null;
}

/** For each weight, the smallest change that reverses any pair of ranks. `values` rows = alternatives, already normalised. */
export function oneAtATimeSensitivity(weights: readonly number[], values: readonly (readonly number[])[]): WeightSensitivity[] {
  const m = values.length;
  if (m < 2) throw new ValidationError([{ path: [], message: 'sensitivity needs at least 2 alternatives' }]);
  const score = values.map((row) => row.reduce((s, z, j) => s + weights[j] * z, 0));
  return weights.map((wj, j) => {
    let best: WeightSensitivity = { index: j, weight: wj, delta: null, weightAtSwap: null, pair: null };
    if (wj <= 0 || wj >= 1) return best;
    const rest = values.map((row, i) => (score[i] - wj * row[j]) / (1 - wj));
    for (let a = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        // S_a(t) − S_b(t) = t·(dz − dr) + dr,  dz = z_aj − z_bj, dr = R_a − R_b
        const dz = values[a][j] - values[b][j];
        const dr = rest[a] - rest[b];
        const slope = dz - dr;
        if (slope === 0) continue;
        const t = -dr / slope;
        if (!(t >= 0 && t <= 1) || Math.abs(t - wj) < 1e-15) continue;
        const delta = t / wj - 1;
        if (best.delta === null || Math.abs(delta) < Math.abs(best.delta)) {
          const aFirst = score[a] >= score[b];
          best = { index: j, weight: wj, delta, weightAtSwap: t, pair: aFirst ? [a, b] : [b, a] };
        }
      }
    }
    return best;
  });
}
