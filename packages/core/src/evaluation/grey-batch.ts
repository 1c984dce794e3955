/**
 * Grey relational grades of a whole portfolio (SPEC §4.3, §4.6), for the common case: min-max
 * normalisation by direction and the ideal reference (1 in every column). Then Δ_ij = 1 − z_ij,
 * Δmin = 0 and Δmax = 1 whenever a column varies, so
 *   ξ_ij = ρ / (Δ_ij + ρ),  r_i = Σ_j w_j ξ_ij,
 * computed in two streaming passes (column ranges, then row blocks), no per-row objects.
 */
import { ValidationError } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import { type ColumnMajor, columnStats, firstNonFinite } from '../numeric/column-major.ts';

/** Checked parameters and per-column coefficients: ξ_ij = wρ_j / (a_j·x_ij + b_j + ρ). */
export interface GraPlan {
  a: Float64Array;
  b: Float64Array;
  /** w_j·ρ, or 0 for a constant column (its ξ = 1 is added as `constant`). */
  wr: Float64Array;
  constant: number;
  anyVaries: boolean;
  rho: number;
}

/** Check the arguments and derive the per-column coefficients from column stats (min, max, Σx²). */
export function planGra(
  x: ColumnMajor,
  weights: ArrayLike<number>,
  directions: readonly Direction[],
  rho: number,
  stats: Float64Array,
): GraPlan {
  const n = x.cols;
  if (!(rho > 0 && rho <= 1)) throw new ValidationError([{ path: ['rho'], message: `ρ = ${rho} must lie in (0, 1]` }]);
  if (weights.length !== n || directions.length !== n)
    throw new ValidationError([
      { path: ['weights'], message: `${weights.length} weights and ${directions.length} directions for ${n} columns` },
    ]);
  const plan: GraPlan = { a: new Float64Array(n), b: new Float64Array(n), wr: new Float64Array(n), constant: 0, anyVaries: false, rho };
  for (let j = 0; j < n; j++) {
    const [lo, hi, ss] = [stats[3 * j], stats[3 * j + 1], stats[3 * j + 2]];
    if (!Number.isFinite(ss)) {
      const bad = firstNonFinite(x, j);
      if (bad) throw new ValidationError([bad]);
    }
    const range = hi - lo;
    if (range === 0) {
      plan.constant += weights[j]; // a constant column is ideal everywhere: ξ = 1
      continue;
    }
    plan.anyVaries = true;
    // Δ = 1 − z: benefit (hi − v)/range, cost (v − lo)/range
    const cost = directions[j] === 'cost';
    plan.a[j] = cost ? 1 / range : -1 / range;
    plan.b[j] = (cost ? -lo / range : hi / range) + rho;
    plan.wr[j] = weights[j] * rho;
  }
  return plan;
}

/** Kernel: grades of rows [from, to) into `grades`, in cache-sized row blocks. */
export function graAccumulate(x: ColumnMajor, from: number, to: number, plan: GraPlan, grades: Float64Array): null {
  const { rows: m, data } = x;
  // the columns that count, so four at a time share one accumulator update
  const cols = Array.from(plan.wr).flatMap((wr, j) => (wr === 0 ? [] : [j]));
  const BLOCK = 4096;
  for (let i0 = from; i0 < to; i0 += BLOCK) {
    const i1 = Math.min(to, i0 + BLOCK);
    for (let i = i0; i < i1; i++) grades[i] = plan.constant;
    let c = 0;
    for (; c + 3 < cols.length; c += 4) {
      const [j0, j1, j2, j3] = [cols[c], cols[c + 1], cols[c + 2], cols[c + 3]];
      const [o0, o1, o2, o3] = [j0 * m, j1 * m, j2 * m, j3 * m];
      const [w0, w1, w2, w3] = [plan.wr[j0], plan.wr[j1], plan.wr[j2], plan.wr[j3]];
      const [a0, a1, a2, a3] = [plan.a[j0], plan.a[j1], plan.a[j2], plan.a[j3]];
      const [b0, b1, b2, b3] = [plan.b[j0], plan.b[j1], plan.b[j2], plan.b[j3]];
      for (let i = i0; i < i1; i++)
        grades[i] +=
          w0 / (a0 * data[o0 + i] + b0) + w1 / (a1 * data[o1 + i] + b1) + (w2 / (a2 * data[o2 + i] + b2) + w3 / (a3 * data[o3 + i] + b3));
    }
    for (; c < cols.length; c++) {
      const j = cols[c];
      const [o, wr, a, b] = [j * m, plan.wr[j], plan.a[j], plan.b[j]];
      for (let i = i0; i < i1; i++) grades[i] += wr / (a * data[o + i] + b);
    }
  }
  if (!plan.anyVaries) grades.fill(1, from, to);
  return null;
}

export function graGradesBatch(x: ColumnMajor, weights: ArrayLike<number>, directions: readonly Direction[], rho = 0.5): Float64Array {
  const plan = planGra(x, weights, directions, rho, columnStats(x, 0, x.cols));
  const grades = new Float64Array(x.rows);
  graAccumulate(x, 0, x.rows, plan, grades);
  return grades;
}
