/**
 * Grey relational analysis (SPEC §4.3, [000]; Deng Julong 1982; Liu Sifeng, Grey Systems).
 * After making the sequences dimensionless, with Δ_i(k) = |x₀(k) − x_i(k)| and Δmin, Δmax over
 * all i and k:
 *   ξ_i(k) = (Δmin + ρ·Δmax) / (Δ_i(k) + ρ·Δmax),  ρ ∈ (0, 1] (0.5 by default),
 *   r_i = Σ_k w_k·ξ_i(k)  (equal weights by default).
 * Two uses: `gra` ranks alternatives (rows) by their degree to a reference (the best value of each
 * indicator, or a given one); `greyFactors` ranks factors (series) by their degree to a reference
 * series — e.g. [000]'s overdue bad-debt rate — and groups them into levels.
 */
import { IssueList, ValidationError } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import type { Label } from '../label.ts';
import { rankDescending } from '../numeric/ranks.ts';
import { checkDataMatrix } from '../weighting/data-matrix.ts';
import { naturalBreaks } from './natural-breaks.ts';
import { checkEvaluationWeights } from './weights-check.ts';

export type GreyNormalisation = 'min-max' | 'initial' | 'mean' | 'none';
export const GREY_NORMALISATIONS: readonly GreyNormalisation[] = ['min-max', 'initial', 'mean', 'none'];

export interface GreyCore {
  coefficients: number[][];
  grades: number[];
  deltaMin: number;
  deltaMax: number;
}

/** ξ and r for normalised sequences against a normalised reference (all of length K). */
export function greyRelational(
  reference: readonly number[],
  sequences: readonly (readonly number[])[],
  weights: readonly number[],
  rho: number,
): GreyCore {
  let deltaMin = Number.POSITIVE_INFINITY;
  let deltaMax = 0;
  for (const s of sequences) {
    for (let k = 0; k < reference.length; k++) {
      const d = Math.abs(reference[k] - s[k]);
      if (d < deltaMin) deltaMin = d;
      if (d > deltaMax) deltaMax = d;
    }
  }
  const coefficients = sequences.map((s) =>
    s.map((x, k) => (deltaMax === 0 ? 1 : (deltaMin + rho * deltaMax) / (Math.abs(reference[k] - x) + rho * deltaMax))),
  );
  const grades = coefficients.map((row) => row.reduce((acc, xi, k) => acc + weights[k] * xi, 0));
  return { coefficients, grades, deltaMin: deltaMin === Number.POSITIVE_INFINITY ? 0 : deltaMin, deltaMax };
}

function checkRho(rho: number, issues: IssueList): void {
  if (!(typeof rho === 'number' && rho > 0 && rho <= 1)) issues.add(['rho'], `ρ = ${rho} must lie in (0, 1]`);
}

/** Divide by a nonzero divisor, or name where it is zero. */
function divisor(v: number, what: string, path: (string | number)[], issues: IssueList): number {
  if (v === 0)
    issues.add(path, `${what} is 0, so the ${what.split(' ')[0]} normalisation divides by zero`, 'another normalisation (min-max or none)');
  return v;
}

export interface GraOptions {
  directions?: Direction[];
  /** Reference values per indicator (raw units); default the best value of each column. */
  reference?: number[];
  weights?: number[];
  normalisation?: GreyNormalisation;
  rho?: number;
  normalise?: boolean;
  labels?: Label[];
}

export interface GraResult extends GreyCore {
  rank: number[];
  /** The reference after normalisation. */
  reference: number[];
  normalisation: GreyNormalisation;
  rho: number;
  weights: number[];
  labels?: Label[];
  warnings: string[];
}

/** Rank alternatives (rows) by grey relational degree to the reference. Errors name `[i, j]`. */
export function gra(matrix: readonly (readonly number[])[], options: GraOptions = {}): GraResult {
  const { m, n, directions } = checkDataMatrix(matrix, { ...options, minRows: 1 });
  const normalisation = options.normalisation ?? 'min-max';
  const rho = options.rho ?? 0.5;
  const issues = new IssueList();
  if (!GREY_NORMALISATIONS.includes(normalisation))
    issues.add(['normalisation'], `unknown normalisation "${normalisation}"`, GREY_NORMALISATIONS.join(', '));
  checkRho(rho, issues);
  if (options.reference !== undefined) {
    if (options.reference.length !== n) issues.add(['reference'], `${options.reference.length} reference values for ${n} indicators`);
    options.reference.forEach((v, j) => {
      if (!Number.isFinite(v)) issues.add(['reference', j], `${v} is not a finite number`);
    });
  }
  issues.throwIfAny();
  const warnings: string[] = [];
  const w = checkEvaluationWeights(options.weights, n, options.normalise ?? false, warnings);
  const z = matrix.map((r) => r.slice());
  const ref = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    const col = matrix.map((r) => r[j]);
    const lo = Math.min(...col);
    const hi = Math.max(...col);
    const cost = directions[j] === 'cost';
    const raw = options.reference?.[j] ?? (cost ? lo : hi);
    let f: (v: number) => number;
    if (normalisation === 'min-max') {
      const range = hi - lo;
      f = (v) => (range === 0 ? 1 : cost ? (hi - v) / range : (v - lo) / range);
    } else if (normalisation === 'initial') {
      const d = divisor(matrix[0][j], `initial value of column ${j}`, [0, j], issues);
      f = (v) => v / d;
    } else if (normalisation === 'mean') {
      const d = divisor(col.reduce((s, v) => s + v, 0) / m, `mean of column ${j}`, [], issues);
      f = (v) => v / d;
    } else f = (v) => v;
    for (let i = 0; i < m; i++) z[i][j] = f(matrix[i][j]);
    ref[j] = normalisation === 'min-max' && options.reference === undefined ? 1 : f(raw);
  }
  issues.throwIfAny();
  const core = greyRelational(ref, z, w, rho);
  if (core.deltaMax === 0)
    warnings.push(
      m > 1
        ? `every alternative coincides with the reference (Δmax = 0): every degree is 1 and the ranking carries no information${options.reference === undefined ? ' (the rows are identical)' : ''}`
        : 'the one alternative coincides with the reference (Δmax = 0): its degree is 1',
    );
  return {
    ...core,
    rank: rankDescending(core.grades),
    reference: ref,
    normalisation,
    rho,
    weights: w,
    ...(options.labels ? { labels: options.labels } : {}),
    warnings,
  };
}

export interface GreyFactorOptions {
  normalisation?: Exclude<GreyNormalisation, 'min-max'> | 'min-max';
  rho?: number;
  /** Number of levels for natural breaks (default 4, as [000]); ignored with `cutoffs`. */
  levels?: number;
  /** Descending degree cut-offs: level 1 is ≥ cutoffs[0], level 2 ≥ cutoffs[1], …. */
  cutoffs?: number[];
}

export interface GreyFactorResult {
  factors: { name: string; degree: number; rank: number; level: number }[];
  coefficients: number[][];
  deltaMin: number;
  deltaMax: number;
  normalisation: GreyNormalisation;
  rho: number;
  grouping: 'natural-breaks' | 'cutoffs';
  /** Level boundaries actually used (lowest degree of each level). */
  levelFloors: number[];
  warnings: string[];
}

/**
 * Rank factor series by their grey relational degree to a reference series (same length K,
 * e.g. yearly values) and group them into levels, as [000] does for ZTMG's risk indicators.
 * Each series is normalised on its own: initial (÷ first value, default), mean, min-max or none.
 */
export function greyFactors(
  reference: readonly number[],
  factors: readonly { name: string; series: readonly number[] }[],
  options: GreyFactorOptions = {},
): GreyFactorResult {
  const normalisation = options.normalisation ?? 'initial';
  const rho = options.rho ?? 0.5;
  const issues = new IssueList();
  const K = reference.length;
  if (K < 2) issues.add(['reference'], `the reference series has ${K} value(s); at least 2 are needed`);
  if (factors.length === 0) issues.add(['factors'], 'no factors');
  if (!GREY_NORMALISATIONS.includes(normalisation))
    issues.add(['normalisation'], `unknown normalisation "${normalisation}"`, GREY_NORMALISATIONS.join(', '));
  checkRho(rho, issues);
  reference.forEach((v, k) => {
    if (!Number.isFinite(v)) issues.add(['reference', k], `${v} is not a finite number`);
  });
  factors.forEach((f, i) => {
    if (f.series.length !== K) issues.add(['factors', i, 'series'], `${f.name}: ${f.series.length} values but the reference has ${K}`);
    f.series.forEach((v, k) => {
      if (!Number.isFinite(v)) issues.add(['factors', i, 'series', k], `${v} is not a finite number`);
    });
  });
  if (options.cutoffs === undefined && options.levels !== undefined && options.levels > factors.length)
    issues.add(
      ['levels'],
      `${options.levels} levels for ${factors.length} factor${factors.length === 1 ? '' : 's'}: a level would be empty`,
      `a whole number from 1 to ${factors.length}`,
    );
  issues.throwIfAny();
  const norm = (s: readonly number[], path: (string | number)[]): number[] => {
    if (normalisation === 'initial') {
      const d = divisor(s[0], 'initial value', [...path, 0], issues);
      return s.map((v) => v / d);
    }
    if (normalisation === 'mean') {
      const d = divisor(s.reduce((a, b) => a + b, 0) / s.length, 'mean of the series', path, issues);
      return s.map((v) => v / d);
    }
    if (normalisation === 'min-max') {
      const lo = Math.min(...s);
      const hi = Math.max(...s);
      return s.map((v) => (hi === lo ? 1 : (v - lo) / (hi - lo)));
    }
    return [...s];
  };
  const ref = norm(reference, ['reference']);
  const seqs = factors.map((f, i) => norm(f.series, ['factors', i, 'series']));
  issues.throwIfAny();
  const core = greyRelational(ref, seqs, new Array<number>(K).fill(1 / K), rho);
  const rank = rankDescending(core.grades);
  const warnings: string[] = [];
  if (core.deltaMax === 0)
    warnings.push(
      'every factor series coincides with the reference after normalisation (Δmax = 0): every degree is 1 and one level holds them all',
    );
  let level: number[];
  let levelFloors: number[];
  let grouping: GreyFactorResult['grouping'];
  if (options.cutoffs) {
    grouping = 'cutoffs';
    const cuts = options.cutoffs;
    cuts.forEach((c, k) => {
      if (!Number.isFinite(c) || (k > 0 && c >= cuts[k - 1]))
        issues.add(['cutoffs', k], `cut-offs must be finite and strictly decreasing, got ${cuts.join(', ')}`);
    });
    issues.throwIfAny();
    level = core.grades.map((g) => {
      const k = cuts.findIndex((c) => g >= c);
      return k < 0 ? cuts.length + 1 : k + 1;
    });
    levelFloors = [...cuts];
  } else {
    grouping = 'natural-breaks';
    const L = options.levels ?? 4;
    if (!Number.isInteger(L) || L < 1)
      throw new ValidationError([{ path: ['levels'], message: `levels = ${L} must be a whole number ≥ 1` }]);
    const distinct = new Set(core.grades).size;
    if (options.levels !== undefined && L > distinct && core.deltaMax > 0)
      warnings.push(
        `${L} levels asked, but the factors have only ${distinct} distinct degrees: ${distinct} level${distinct === 1 ? '' : 's'}`,
      );
    const { classOf, floors } = naturalBreaks(core.grades, Math.min(L, distinct));
    // natural breaks number classes from the lowest values up; level 1 = most related
    const top = Math.max(...classOf);
    level = classOf.map((c) => top - c + 1);
    levelFloors = [...floors].reverse();
  }
  return {
    factors: factors.map((f, i) => ({ name: f.name, degree: core.grades[i], rank: rank[i], level: level[i] })),
    coefficients: core.coefficients,
    deltaMin: core.deltaMin,
    deltaMax: core.deltaMax,
    normalisation,
    rho,
    grouping,
    levelFloors,
    warnings,
  };
}
