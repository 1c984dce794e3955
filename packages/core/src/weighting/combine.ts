/**
 * Combination of subjective and objective weights (SPEC §3.7, [003] §3):
 *   linear:             w_j = α·s_j + β·o_j, β = 1 − α, 0 ≤ α ≤ 1   ([003] uses α = β = 0.5, the default);
 *   multiplicative:     w_j = s_j·o_j / Σ_k s_k·o_k;
 *   min-discrimination: w_j = √(s_j·o_j) / Σ_k √(s_k·o_k) — the minimiser of the summed relative entropies
 *                       Σ_j w_j ln(w_j/s_j) + Σ_j w_j ln(w_j/o_j) subject to Σ w = 1 (最小鉴别信息原理);
 *   game:               the game-theoretic combination (博弈论组合赋权): w = a₁·s + a₂·o with (a₁, a₂) minimising
 *                       ‖a₁s + a₂o − s‖² + ‖a₁s + a₂o − o‖², whose first-order conditions are the 2×2 system
 *                       [s·s s·o; o·s o·o]·(a₁, a₂)ᵀ = (s·s, o·o)ᵀ, solved exactly (Cramer's rule); then
 *                       a_k* = |a_k| / (|a₁| + |a₂|) (a negative coefficient is reported as a warning).
 * Inputs must have the same length, be non-negative and sum to 1 (or be rescaled with `normalise`);
 * errors name the vector and the index. Every input vector is reported beside the combined one.
 * Example: `combineWeights([0.5, 0.3, 0.2], [0.2, 0.2, 0.6]).weights` → [0.35, 0.25, 0.4].
 */
import { IssueList, ValidationError } from '../errors.ts';
import type { Label } from '../label.ts';

export type CombineRule = 'linear' | 'multiplicative' | 'min-discrimination' | 'game';

/** The combination rules, default first. */
export const COMBINE_RULES: readonly CombineRule[] = ['linear', 'multiplicative', 'min-discrimination', 'game'];

export interface CombineOptions {
  rule?: CombineRule;
  alpha?: number;
  normalise?: boolean;
  labels?: Label[];
}

export interface CombineResult {
  weights: number[];
  inputs: { subjective: number[]; objective: number[] };
  rule: CombineRule;
  /** Coefficient of the subjective vector (α; for `game`, the solved a₁ normalised). */
  alpha?: number;
  /** Coefficient of the objective vector (1 − α; for `game`, a₂ normalised). */
  beta?: number;
  /** `game`: the unnormalised solution (a₁, a₂) of the 2×2 system. */
  gameCoefficients?: [number, number];
  labels?: Label[];
  warnings: string[];
}

function checkVector(v: readonly number[], name: string, n: number, normalise: boolean, issues: IssueList, warnings: string[]): number[] {
  if (!Array.isArray(v) || v.length === 0) {
    issues.add([name], 'the weight vector is empty');
    return [];
  }
  if (v.length !== n) issues.add([name], `${v.length} weights but subjective has ${n}`, `${n} weights`);
  let bad = false;
  v.forEach((x, j) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      issues.add([name, j], `${String(x)} is not a finite number`);
      bad = true;
    } else if (x < 0) {
      issues.add([name, j], `${x} is negative`, 'weights ≥ 0');
      bad = true;
    }
  });
  if (bad) return [];
  const total = v.reduce((s, x) => s + x, 0);
  if (!(total > 0)) {
    issues.add([name], 'the weights sum to 0');
    return [];
  }
  if (Math.abs(total - 1) > 1e-6) {
    if (!normalise)
      issues.add([name], `the weights sum to ${Number(total.toPrecision(10))}, not 1`, 'weights summing to 1, or --normalise');
    else warnings.push(`${name} weights summed to ${Number(total.toPrecision(10))}; normalised`);
  }
  return v.map((x) => x / total);
}

/**
 * Combine a subjective and an objective weight vector by one of `COMBINE_RULES` (see the module
 * comment for the formulas). Errors carry paths `[subjective|objective, j]`, `[alpha]`, `[rule]`.
 */
export function combineWeights(subjective: readonly number[], objective: readonly number[], options: CombineOptions = {}): CombineResult {
  const rule = options.rule ?? 'linear';
  const alpha = options.alpha ?? 0.5;
  const issues = new IssueList();
  const warnings: string[] = [];
  if (!COMBINE_RULES.includes(rule)) issues.add(['rule'], `unknown rule "${rule}"`, COMBINE_RULES.join(', '));
  if (!(Number.isFinite(alpha) && alpha >= 0 && alpha <= 1)) issues.add(['alpha'], `α = ${alpha} must lie in [0, 1]`);
  const n = Array.isArray(subjective) ? subjective.length : 0;
  const s = checkVector(subjective, 'subjective', n, options.normalise ?? false, issues, warnings);
  const o = checkVector(objective, 'objective', n, options.normalise ?? false, issues, warnings);
  if (options.labels !== undefined && options.labels.length !== n)
    issues.add(['labels'], `${options.labels.length} labels for ${n} weights`);
  issues.throwIfAny();
  const base = { inputs: { subjective: s, objective: o }, rule, ...(options.labels ? { labels: options.labels } : {}), warnings };
  if (rule === 'linear') return { ...base, weights: s.map((x, j) => alpha * x + (1 - alpha) * o[j]), alpha, beta: 1 - alpha };
  if (rule === 'multiplicative') {
    const prod = s.map((x, j) => x * o[j]);
    const total = prod.reduce((a, b) => a + b, 0);
    if (!(total > 0))
      throw new ValidationError([{ path: [], message: 'the two vectors have no indicator weighted by both: the product is all zero' }]);
    return { ...base, weights: prod.map((x) => x / total) };
  }
  if (rule === 'min-discrimination') {
    const root = s.map((x, j) => Math.sqrt(x * o[j]));
    const total = root.reduce((a, b) => a + b, 0);
    if (!(total > 0))
      throw new ValidationError([{ path: [], message: 'the two vectors have no indicator weighted by both: √(s·o) is all zero' }]);
    return { ...base, weights: root.map((x) => x / total) };
  }
  const dot = (a: number[], b: number[]) => a.reduce((t, x, j) => t + x * b[j], 0);
  const ss = dot(s, s);
  const so = dot(s, o);
  const oo = dot(o, o);
  const det = ss * oo - so * so;
  let a1: number;
  let a2: number;
  if (Math.abs(det) <= 1e-12 * ss * oo) {
    a1 = 0.5;
    a2 = 0.5;
    warnings.push('the two vectors are proportional; the game-theoretic combination is their mean');
  } else {
    a1 = (ss * oo - so * oo) / det;
    a2 = (ss * oo - ss * so) / det;
  }
  // Negative coefficients would give negative weights: use their absolute values (the usual convention).
  if (a1 < 0 || a2 < 0)
    warnings.push(`the game-theoretic coefficients are (${a1}, ${a2}); their absolute values were normalised, as is usual`);
  const t = Math.abs(a1) + Math.abs(a2);
  const c1 = Math.abs(a1) / t;
  const c2 = Math.abs(a2) / t;
  return { ...base, weights: s.map((x, j) => c1 * x + c2 * o[j]), alpha: c1, beta: c2, gameCoefficients: [a1, a2] };
}
