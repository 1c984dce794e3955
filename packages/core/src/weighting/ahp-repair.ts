/**
 * Inconsistency help for AHP (SPEC §3.1): find the judgments that cause a high CR — the
 * largest deviations ε_ij = a_ij·w_j/w_i from 1 (Saaty 2003, "Decision-making with the AHP:
 * why is the principal eigenvector necessary", EJOR 145) — and for each propose the scale value
 * nearest to the current judgment that brings CR under the threshold (or, when none does, the
 * one that lowers it most). A repaired matrix applies the proposals one at a time, worst pair
 * first, until the matrix is consistent; it is a separate, labelled output, never a change to
 * the expert's matrix.
 */
import { SAATY_SCALE } from './saaty-scale.ts';

/** One judgment that drives inconsistency, with a proposed change. */
export interface InconsistentPair {
  i: number;
  j: number;
  /** The current judgment a_ij. */
  value: number;
  /** ε_ij = a_ij·w_j/w_i (1 for a perfectly consistent judgment). */
  epsilon: number;
  /** The proposed scale value for a_ij (a_ji becomes its reciprocal). */
  suggested: number;
  /** CR of the matrix with only this change. */
  crAfter: number;
}

/** One step of the repair. */
export interface RepairStep {
  i: number;
  j: number;
  from: number;
  to: number;
  crAfter: number;
}

/** Computes CR of a complete matrix (the caller's method, λ rule and RI table). */
export type CrOf = (m: number[][]) => { cr: number; weights: ArrayLike<number> };

/** How many of the worst pairs get a proposal. */
const PAIRS_REPORTED = 5;

/** Pairs (i < j) sorted by |ln ε_ij|, largest first. */
function rankedPairs(m: readonly (readonly number[])[], w: ArrayLike<number>): { i: number; j: number; epsilon: number }[] {
  const n = m.length;
  const pairs: { i: number; j: number; epsilon: number }[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push({ i, j, epsilon: (m[i][j] * w[j]) / w[i] });
  return pairs.sort((a, b) => Math.abs(Math.log(b.epsilon)) - Math.abs(Math.log(a.epsilon)) || a.i - b.i || a.j - b.j);
}

function withJudgment(m: readonly (readonly number[])[], i: number, j: number, v: number): number[][] {
  const out = m.map((r) => r.slice());
  out[i][j] = v;
  out[j][i] = 1 / v;
  return out;
}

/** The best single change of a_ij: nearest scale value (in log distance) reaching CR < threshold, else the lowest CR. */
function proposal(m: readonly (readonly number[])[], i: number, j: number, crOf: CrOf, threshold: number): { to: number; crAfter: number } {
  const current = m[i][j];
  let best: { to: number; crAfter: number; dist: number } | undefined;
  let lowest: { to: number; crAfter: number } | undefined;
  for (const s of SAATY_SCALE) {
    if (Math.abs(s - current) < 1e-12) continue;
    const crAfter = crOf(withJudgment(m, i, j, s)).cr;
    const dist = Math.abs(Math.log(s / current));
    if (crAfter < threshold && (!best || dist < best.dist - 1e-12)) best = { to: s, crAfter, dist };
    if (!lowest || crAfter < lowest.crAfter - 1e-15) lowest = { to: s, crAfter };
  }
  return best ?? (lowest as { to: number; crAfter: number });
}

/** The worst judgments with a proposal each. */
export function inconsistentPairs(
  m: readonly (readonly number[])[],
  w: ArrayLike<number>,
  crOf: CrOf,
  threshold = 0.1,
): InconsistentPair[] {
  return rankedPairs(m, w)
    .slice(0, PAIRS_REPORTED)
    .map(({ i, j, epsilon }) => {
      const p = proposal(m, i, j, crOf, threshold);
      return { i, j, value: m[i][j], epsilon, suggested: p.to, crAfter: p.crAfter };
    });
}

/**
 * Apply proposals greedily until CR < threshold: at each step take the pair with the largest
 * |ln ε_ij| of the current matrix whose proposal lowers CR, and apply that proposal. A pair may be
 * changed again later (never back to a value it had), every step strictly lowers CR, and there
 * are at most n(n − 1) steps. If that still does not reach the threshold, the matrix of scale
 * values nearest to w_i/w_j (the consistent matrix of the current weights, rounded to the scale)
 * is used when its CR is lower.
 */
export function repairMatrix(
  m: readonly (readonly number[])[],
  crOf: CrOf,
  threshold = 0.1,
): { matrix: number[][]; steps: RepairStep[]; cr: number } {
  const n = m.length;
  let cur = m.map((r) => r.slice());
  let state = crOf(cur);
  const steps: RepairStep[] = [];
  const maxSteps = n * (n - 1);
  const tried = new Set<string>();
  while (state.cr >= threshold && steps.length < maxSteps) {
    let applied = false;
    for (const p of rankedPairs(cur, state.weights)) {
      const prop = proposal(cur, p.i, p.j, crOf, threshold);
      const key = `${p.i},${p.j},${prop.to}`;
      if (prop.crAfter >= state.cr - 1e-12 || tried.has(key)) continue;
      tried.add(key);
      steps.push({ i: p.i, j: p.j, from: cur[p.i][p.j], to: prop.to, crAfter: prop.crAfter });
      cur = withJudgment(cur, p.i, p.j, prop.to);
      state = crOf(cur);
      applied = true;
      break;
    }
    if (!applied) break;
  }
  if (state.cr >= threshold) {
    const w = state.weights;
    const rounded = cur.map((row) => row.map(() => 1));
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        rounded[i][j] = nearestScale(w[i] / w[j]);
        rounded[j][i] = 1 / rounded[i][j];
      }
    const r = crOf(rounded);
    if (r.cr < state.cr) {
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++)
          if (rounded[i][j] !== cur[i][j]) steps.push({ i, j, from: cur[i][j], to: rounded[i][j], crAfter: r.cr });
      cur = rounded;
      state = r;
    }
  }
  return { matrix: cur, steps, cr: state.cr };
}

/** The scale value nearest to x in log distance. */
function nearestScale(x: number): number {
  let best = 1;
  for (const s of SAATY_SCALE) if (Math.abs(Math.log(s / x)) < Math.abs(Math.log(best / x))) best = s;
  return best;
}
