/**
 * Grey relational grades of a whole portfolio (SPEC §4.3, §4.6), for the common case: min-max
 * normalisation by direction and the ideal reference (1 in every column). Then Δ_ij = 1 − z_ij,
 * Δmin = 0 and Δmax = 1 whenever a column varies, so
 *   ξ_ij = ρ / (Δ_ij + ρ),  r_i = Σ_j w_j ξ_ij,
 * computed in two streaming passes per column (range, then accumulation), no per-row objects.
 */
import { ValidationError } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import type { ColumnMajor } from '../numeric/column-major.ts';

export function graGradesBatch(x: ColumnMajor, weights: ArrayLike<number>, directions: readonly Direction[], rho = 0.5): Float64Array {
  const { rows: m, cols: n, data } = x;
  if (!(rho > 0 && rho <= 1)) throw new ValidationError([{ path: ['rho'], message: `ρ = ${rho} must lie in (0, 1]` }]);
  if (weights.length !== n || directions.length !== n)
    throw new ValidationError([
      { path: ['weights'], message: `${weights.length} weights and ${directions.length} directions for ${n} columns` },
    ]);
  const grades = new Float64Array(m);
  let anyVaries = false;
  for (let j = 0; j < n; j++) {
    const o = j * m;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const v = data[o + i];
      if (!Number.isFinite(v)) throw new ValidationError([{ path: [i, j], message: `${v} is not a finite number` }]);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const w = weights[j];
    const range = hi - lo;
    if (range === 0) {
      // a constant column is ideal everywhere: ξ = 1
      for (let i = 0; i < m; i++) grades[i] += w;
      continue;
    }
    anyVaries = true;
    // Δ = 1 − z: benefit (hi − v)/range, cost (v − lo)/range
    const a = directions[j] === 'cost' ? 1 / range : -1 / range;
    const b = directions[j] === 'cost' ? -lo / range : hi / range;
    for (let i = 0; i < m; i++) grades[i] += (w * rho) / (a * data[o + i] + b + rho);
  }
  if (!anyVaries) grades.fill(1);
  return grades;
}
