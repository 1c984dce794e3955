/**
 * Weight uncertainty from the judgments (after Goepel 2018, AHP-OS "weight uncertainty based on
 * randomized small variations of input judgments"): every judgment of every matrix is varied at
 * random, the weights recomputed, and the spread of each weight and each element's rank reported.
 *
 * Rules (seeded; a_ji = 1/a_ij is kept):
 *   step         the intensity x ≥ 1 of each judgment (x = a, or 1/a the other way round) moves by
 *                −δ, 0 or +δ with probability 1/3 each (δ = `step`, default 0.5, as AHP-OS); a value
 *                below 1 crosses to the other side (x' = 2 − x, direction reversed); capped at 9.
 *   log-uniform  a' = a · f^(2U − 1), U uniform on [0, 1): a factor between 1/f and f, log-uniform
 *                (f = `factor`, default 1.5); clamped to [1/9, 9].
 * Per element: nominal weight, mean, standard deviation, min, max and the central 95 % interval
 * (2.5 % and 97.5 % quantiles, linear interpolation), and the probability of each rank (1 = largest;
 * equal weights are ranked in their order, so each draw gives every rank to exactly one element).
 * δ = 0 or f = 1 gives every draw equal to the nominal weights: zero spread.
 */
import { IssueList } from '../errors.ts';
import type { SynthesisOptions } from '../hierarchy/synthesis.ts';
import type { Label } from '../label.ts';
import { createRng, type Rng, randomInt } from '../numeric/random.ts';
import { type AhpOptions, ahp } from './ahp.ts';
import { groupWeights, hierarchyBase, resynthesise } from './ahp-scales.ts';
import { type GroupAhpOptions, type GroupExpert, groupAhp } from './group-ahp.ts';
import { checkPairwiseMatrix } from './saaty-scale.ts';

export const PERTURBATION_RULES = ['step', 'log-uniform'] as const;
export type PerturbationRule = (typeof PERTURBATION_RULES)[number];

export interface PerturbationOptions {
  /** Number of random draws (default 1000). */
  draws?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  rule?: PerturbationRule;
  /** `step` rule: the move on the 1–9 scale (default 0.5). */
  step?: number;
  /** `log-uniform` rule: the largest factor (default 1.5). */
  factor?: number;
}

export interface WeightSpread {
  nominal: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** 2.5 % quantile. */
  lower: number;
  /** 97.5 % quantile. */
  upper: number;
}

export interface AhpUncertaintyResult {
  rule: PerturbationRule;
  step?: number;
  factor?: number;
  draws: number;
  seed: number;
  /** Coverage of [lower, upper]. */
  level: number;
  /** One spread per element, in the order of the weights. */
  weights: WeightSpread[];
  /** Ranks of the nominal weights (1 = largest). */
  nominalRanks: number[];
  /** rankProbabilities[i][r − 1]: share of draws in which element i has rank r. */
  rankProbabilities: number[][];
  /** Share of draws whose whole ranking equals the nominal one. */
  sameRanking: number;
  /** Share of draws whose (group or largest node) CR is 0.10 or more. */
  inconsistentDraws: number;
  labels?: Label[];
  /** For a tree: the leaf codes, in the order of the weights. */
  codes?: string[];
}

const MAX_DRAWS = 1_000_000;

/** Check the perturbation options; paths are the option names. */
export function checkPerturbation(options: PerturbationOptions): Required<Pick<PerturbationOptions, 'draws' | 'seed' | 'rule'>> & {
  step: number;
  factor: number;
} {
  const issues = new IssueList();
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const rule = options.rule ?? 'step';
  const step = options.step ?? 0.5;
  const factor = options.factor ?? 1.5;
  if (!(Number.isInteger(draws) && draws >= 1 && draws <= MAX_DRAWS))
    issues.add(['draws'], `the number of draws ${draws} must be a whole number from 1 to ${MAX_DRAWS}`, `1 … ${MAX_DRAWS}`);
  if (!Number.isInteger(seed)) issues.add(['seed'], `the seed ${seed} must be a whole number`);
  if (!(PERTURBATION_RULES as readonly string[]).includes(rule))
    issues.add(['rule'], `unknown perturbation rule "${rule}"`, PERTURBATION_RULES.join(', '));
  if (!(Number.isFinite(step) && step >= 0 && step <= 8))
    issues.add(['step'], `the step ${step} must be a number from 0 to 8 (on the 1–9 scale)`, '0 … 8');
  if (!(Number.isFinite(factor) && factor >= 1 && factor <= 9))
    issues.add(['factor'], `the factor ${factor} must be a number from 1 to 9`, '1 … 9');
  issues.throwIfAny();
  return { draws, seed, rule, step, factor };
}

type Checked = ReturnType<typeof checkPerturbation>;

/** One judgment a (> 0) varied by `rule` (see the module comment). */
export function perturbJudgment(a: number, rng: Rng, p: Pick<Checked, 'rule' | 'step' | 'factor'>): number {
  if (p.rule === 'log-uniform') {
    const v = a * p.factor ** (2 * rng.next() - 1);
    return Math.min(9, Math.max(1 / 9, v));
  }
  let up = a >= 1;
  let x = up ? a : 1 / a;
  x += p.step * (randomInt(rng, 3) - 1);
  if (x < 1) {
    x = 2 - x;
    up = !up;
  }
  x = Math.min(9, x);
  return up ? x : 1 / x;
}

/** A reciprocal matrix with every given judgment above the diagonal varied (missing ones stay missing). */
export function perturbMatrix(
  m: readonly (readonly (number | null)[])[],
  rng: Rng,
  p: Pick<Checked, 'rule' | 'step' | 'factor'>,
): (number | null)[][] {
  const n = m.length;
  const out = m.map((row) => [...row]);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = m[i][j] ?? (m[j][i] !== null ? 1 / (m[j][i] as number) : null);
      if (a === null) continue;
      const v = perturbJudgment(a, rng, p);
      out[i][j] = v;
      out[j][i] = 1 / v;
    }
  return out;
}

/** Ranks 1 … n by decreasing weight; equal weights (within 1e-12) are ranked in their order, so every rank is taken once. */
function ordinalRanks(w: ArrayLike<number>): number[] {
  const n = w.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (Math.abs(w[a] - w[b]) <= 1e-12 ? a - b : w[b] - w[a]));
  const ranks = new Array<number>(n);
  order.forEach((i, k) => {
    ranks[i] = k + 1;
  });
  return ranks;
}

function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Spreads and rank probabilities from `draws` rows of weights. */
function summarise(nominal: readonly number[], samples: Float64Array, draws: number, inconsistent: number, p: Checked) {
  const n = nominal.length;
  const nominalRanks = ordinalRanks(nominal);
  const rankCounts = nominal.map(() => new Array<number>(n).fill(0));
  let same = 0;
  const row = new Array<number>(n);
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < n; i++) row[i] = samples[d * n + i];
    const ranks = ordinalRanks(row);
    let equal = true;
    ranks.forEach((r, i) => {
      rankCounts[i][r - 1]++;
      if (r !== nominalRanks[i]) equal = false;
    });
    if (equal) same++;
  }
  const weights: WeightSpread[] = nominal.map((w, i) => {
    const xs = new Float64Array(draws);
    for (let d = 0; d < draws; d++) xs[d] = samples[d * n + i];
    const mean = xs.reduce((s, x) => s + x, 0) / draws;
    const sd = draws > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws - 1)) : 0;
    xs.sort();
    return { nominal: w, mean, sd, min: xs[0], max: xs[draws - 1], lower: quantile(xs, 0.025), upper: quantile(xs, 0.975) };
  });
  return {
    rule: p.rule,
    ...(p.rule === 'step' ? { step: p.step } : { factor: p.factor }),
    draws,
    seed: p.seed,
    level: 0.95,
    weights,
    nominalRanks,
    rankProbabilities: rankCounts.map((c) => c.map((x) => x / draws)),
    sameRanking: same / draws,
    inconsistentDraws: inconsistent / draws,
  };
}

/**
 * Spread of one matrix's weights under random variations of its judgments (`options`: the AHP
 * options and the perturbation rule). Example: ahpUncertainty(m, {draws: 2000, seed: 7}).
 */
export function ahpUncertainty(
  matrix: readonly (readonly (number | null)[])[],
  options: AhpOptions & PerturbationOptions = {},
): AhpUncertaintyResult {
  const p = checkPerturbation(options);
  const nominal = ahp(matrix, { ...options, skipHelp: true });
  const base = checkPairwiseMatrix(matrix, options.scale).matrix;
  const rng = createRng(p.seed);
  const n = nominal.n;
  const samples = new Float64Array(p.draws * n);
  let inconsistent = 0;
  for (let d = 0; d < p.draws; d++) {
    const r = ahp(perturbMatrix(base, rng, p), { ...options, scale: 'any', skipHelp: true });
    if (!r.consistent) inconsistent++;
    samples.set(r.weights, d * n);
  }
  return { ...summarise(nominal.weights, samples, p.draws, inconsistent, p), ...(options.labels ? { labels: options.labels } : {}) };
}

/** The same for a panel: every expert's every judgment is varied, then aggregated as `options.aggregation` says. */
export function groupAhpUncertainty(
  experts: readonly GroupExpert[],
  options: GroupAhpOptions & PerturbationOptions = {},
): AhpUncertaintyResult {
  const p = checkPerturbation(options);
  const nominal = groupAhp(experts, options);
  const base = experts.map((e) => ({ ...e, matrix: checkPairwiseMatrix(e.matrix, options.scale).matrix }));
  const rng = createRng(p.seed);
  const n = nominal.weights.length;
  const samples = new Float64Array(p.draws * n);
  let inconsistent = 0;
  for (let d = 0; d < p.draws; d++) {
    const r = groupWeights(
      base.map((e) => ({ ...e, matrix: perturbMatrix(e.matrix, rng, p) })),
      options,
    );
    if (!r.consistent) inconsistent++;
    samples.set(r.weights, d * n);
  }
  return { ...summarise(nominal.weights, samples, p.draws, inconsistent, p), ...(options.labels ? { labels: options.labels } : {}) };
}

/**
 * The same for a tree: every judgment of every node's matrix or experts is varied; the spread is
 * that of the leaves' global weights (nodes weighted by fixed weights keep them).
 */
export function hierarchyUncertainty(tree: unknown, options: SynthesisOptions & PerturbationOptions = {}): AhpUncertaintyResult {
  const p = checkPerturbation(options);
  const { nominal, root, nodes, nominalLocal } = hierarchyBase(tree, options);
  const leaves = nominal.leaves;
  const n = leaves.length;
  const rng = createRng(p.seed);
  const samples = new Float64Array(p.draws * n);
  let inconsistent = 0;
  for (let d = 0; d < p.draws; d++) {
    const r = resynthesise(root, nodes, nominalLocal, options, (m) => perturbMatrix(m, rng, p));
    if (Object.values(r.cr).some((cr) => cr >= 0.1)) inconsistent++;
    r.leaves.forEach((l, i) => {
      samples[d * n + i] = l.globalWeight;
    });
  }
  const nominalWeights = leaves.map((l) => l.globalWeight ?? 0);
  return {
    ...summarise(nominalWeights, samples, p.draws, inconsistent, p),
    codes: leaves.map((l) => l.code),
    labels: leaves.map((l) => l.code),
  };
}
