/**
 * Population stability index of a variable or a score against the training population
 * (SPEC §6.10; Siddiqi, *Credit Risk Scorecards*, 2006/2017):
 *
 *   PSI = Σ_b (a_b − e_b) · ln(a_b / e_b)
 *
 * e_b, a_b = shares of the training (expected) and current (actual) populations in bin b.
 * Bins come from the training quantiles: cut points c_k = x_(⌊k·n/B⌋) of the sorted training
 * values (k = 1…B−1), duplicates dropped (tied values never straddle a bin, so heavy ties give
 * fewer bins), bins left-closed [c_k, c_{k+1}) with open ends (−∞ and +∞), so every current value
 * has a bin. Categorical inputs (`psiFromCounts`) use one bin per level.
 *
 * Empty bins: a share of 0 (either side) is replaced by `epsilon` (default 0.0001) before the
 * logarithm and the difference, without renormalising; the bin is flagged `adjusted`. Without it a
 * single empty bin would make PSI infinite.
 *
 * Verdicts (customary): PSI < 0.10 stable; 0.10 ≤ PSI < 0.25 minor shift; PSI ≥ 0.25 major shift.
 *
 * Example (GeeksforGeeks, "Population Stability Index (PSI)": income shares 0.40/0.30/0.30 in
 * 2020 against 0.35/0.25/0.40 in 2021): PSI = 0.00668 + 0.00912 + 0.02877 = 0.0446 → stable.
 */
import { ValidationError } from '../errors.ts';

export const PSI_VERDICTS = ['stable', 'minor-shift', 'major-shift'] as const;
export type PsiVerdict = (typeof PSI_VERDICTS)[number];

/** The customary thresholds: minor shift from 0.10, major shift from 0.25 (inclusive). */
export const PSI_THRESHOLDS = { minor: 0.1, major: 0.25 } as const;

/** The verdict for a PSI value (a value equal to a threshold takes the worse verdict). */
export function psiVerdict(psi: number): PsiVerdict {
  return psi >= PSI_THRESHOLDS.major ? 'major-shift' : psi >= PSI_THRESHOLDS.minor ? 'minor-shift' : 'stable';
}

export interface PsiBin {
  /** Bin label: the level, or the interval `[lower, upper)`. */
  label: string;
  lower?: number;
  upper?: number;
  expectedCount: number;
  actualCount: number;
  expectedShare: number;
  actualShare: number;
  /** (a − e)·ln(a/e) with the shares used (after the empty-bin adjustment). */
  contribution: number;
  /** A share was 0 and replaced by epsilon. */
  adjusted: boolean;
}

export interface PsiResult {
  psi: number;
  verdict: PsiVerdict;
  bins: PsiBin[];
  epsilon: number;
  expectedTotal: number;
  actualTotal: number;
}

export interface PsiOptions {
  /** Number of quantile bins of the training population (default 10). */
  bins?: number;
  /** Share used in place of 0 (default 0.0001). */
  epsilon?: number;
}

function checkEpsilon(epsilon: number): void {
  if (!(epsilon > 0 && epsilon < 0.01))
    throw new ValidationError([
      { path: ['epsilon'], message: `${epsilon} is out of range`, allowed: 'a small positive share, below 0.01' },
    ]);
}

/** PSI from counts per bin (or level): `expected` from the training population, `actual` from the current one. */
export function psiFromCounts(
  expected: readonly number[],
  actual: readonly number[],
  options: { epsilon?: number; labels?: readonly string[] } = {},
): PsiResult {
  const epsilon = options.epsilon ?? 1e-4;
  checkEpsilon(epsilon);
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  if (expected.length < 2) issues.push({ path: ['expected'], message: 'PSI needs at least 2 bins' });
  if (actual.length !== expected.length)
    issues.push({
      path: ['actual'],
      message: `${actual.length} bins against ${expected.length} expected`,
      allowed: 'the same bins on both sides',
    });
  for (const [name, xs] of [
    ['expected', expected],
    ['actual', actual],
  ] as const)
    xs.forEach((x, k) => {
      if (!(Number.isFinite(x) && x >= 0))
        issues.push({ path: [name, k], message: `${x} is not a count`, allowed: 'a non-negative number' });
    });
  if (issues.length) throw new ValidationError(issues);
  const te = expected.reduce((s, x) => s + x, 0);
  const ta = actual.reduce((s, x) => s + x, 0);
  if (te === 0) throw new ValidationError([{ path: ['expected'], message: 'the training population is empty' }]);
  if (ta === 0) throw new ValidationError([{ path: ['actual'], message: 'the current population is empty' }]);
  let psi = 0;
  const bins = expected.map((ec, k): PsiBin => {
    const ac = actual[k];
    let e = ec / te;
    let a = ac / ta;
    const adjusted = e === 0 || a === 0;
    if (e === 0) e = epsilon;
    if (a === 0) a = epsilon;
    const contribution = (a - e) * Math.log(a / e);
    psi += contribution;
    return {
      label: options.labels?.[k] ?? `bin ${k + 1}`,
      expectedCount: ec,
      actualCount: ac,
      expectedShare: e,
      actualShare: a,
      contribution,
      adjusted,
    };
  });
  return { psi, verdict: psiVerdict(psi), bins, epsilon, expectedTotal: te, actualTotal: ta };
}

/** The cut points of the training population's quantile bins (see the module comment). */
export function quantileCutPoints(training: readonly number[], bins: number): number[] {
  const x = [...training].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let k = 1; k < bins; k++) {
    const c = x[Math.floor((k * x.length) / bins)];
    if (c > x[0] && (cuts.length === 0 || c > cuts[cuts.length - 1])) cuts.push(c);
  }
  return cuts;
}

/** PSI of a numeric variable or score: quantile bins of `training`, `current` counted in the same bins. */
export function populationStabilityIndex(training: readonly number[], current: readonly number[], options: PsiOptions = {}): PsiResult {
  const nb = options.bins ?? 10;
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  if (!Number.isInteger(nb) || nb < 2) issues.push({ path: ['bins'], message: `${nb} bins`, allowed: 'an integer ≥ 2' });
  for (const [name, xs] of [
    ['training', training],
    ['current', current],
  ] as const) {
    if (xs.length === 0) issues.push({ path: [name], message: `the ${name} population is empty` });
    const bad = xs.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) issues.push({ path: [name, bad], message: `${xs[bad]} is not a finite number` });
  }
  if (issues.length) throw new ValidationError(issues);
  const cuts = quantileCutPoints(training, nb);
  if (cuts.length === 0)
    throw new ValidationError([
      {
        path: ['training'],
        message: 'every training value is the same; there is nothing to bin',
        allowed: 'a variable with at least two distinct values',
      },
    ]);
  const binOf = (v: number) => {
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v >= cuts[mid]) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const e = new Array<number>(cuts.length + 1).fill(0);
  const a = new Array<number>(cuts.length + 1).fill(0);
  for (const v of training) e[binOf(v)]++;
  for (const v of current) a[binOf(v)]++;
  const edges = [-Infinity, ...cuts, Infinity];
  const labels = e.map((_, k) => `[${edges[k]}, ${edges[k + 1]})`);
  const r = psiFromCounts(e, a, { epsilon: options.epsilon, labels });
  return { ...r, bins: r.bins.map((b, k) => ({ ...b, lower: edges[k], upper: edges[k + 1] })) };
}
