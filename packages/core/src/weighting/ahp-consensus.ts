/**
 * Group consensus of AHP priorities (Goepel 2013; Goepel 2018, "Implementation of an Online
 * Software Tool for the Analytic Hierarchy Process (AHP-OS)", IJAHP 10(3) 469–487): the relative
 * homogeneity of K experts' priority vectors over n elements, from Shannon α, β and γ entropy.
 *
 *   H_α = (1/K) Σ_k −Σ_i w_ki ln w_ki          (mean entropy of the experts' vectors)
 *   H_γ = −Σ_i w̄_i ln w̄_i,  w̄ = (1/K) Σ_k w_k  (entropy of the mean vector)
 *   H_β = H_γ − H_α,  D_β = exp(H_β)             (β diversity, 1 … K)
 *   S   = (1/D_β − 1/n) / (1 − 1/n)              (relative homogeneity, uncorrected)
 *   H_α,min = −[M/(n+M−1)]·ln[M/(n+M−1)] − (n−1)·[1/(n+M−1)]·ln[1/(n+M−1)],  H_γ,max = ln n
 *   c   = exp(H_γ,max − H_α,min)
 *   S*  = (1/D_β − 1/c) / (1 − 1/c)              (AHP consensus, 0 … 1)
 *
 * M is the largest value of the judgment scale (9 on Saaty's scale; `SCALE_MAX` gives it for the
 * other scales). Bands (Goepel's reading): low < 65 %, moderate 65–75 %, high ≥ 75 %. The experts
 * are weighted equally, as in AHP-OS. Leave-one-out consensus names the experts whose removal
 * raises the group's consensus most.
 */
import { IssueList } from '../errors.ts';
import type { SynthesisOptions } from '../hierarchy/synthesis.ts';
import { groupWeights, hierarchyBase } from './ahp-scales.ts';
import { type GroupAhpOptions, type GroupExpert, groupAhp } from './group-ahp.ts';
import { checkPairwiseMatrix } from './saaty-scale.ts';

/** Goepel's bands of S*: below 0.65 low, 0.65 up to 0.75 moderate, from 0.75 high. */
export const CONSENSUS_BANDS = { low: 0.65, high: 0.75 } as const;

export type ConsensusBand = 'low' | 'moderate' | 'high';

export interface ConsensusRemoval {
  id: string;
  /** S* of the panel without this expert (undefined when only one expert would remain). */
  consensus?: number;
  /** consensus − the panel's consensus: positive when the expert's removal raises consensus. */
  gain?: number;
}

export interface AhpConsensusResult {
  /** Goepel's AHP consensus S*, 0 … 1 (shown as %). */
  consensus: number;
  band: ConsensusBand;
  /** Relative homogeneity S = (1/D_β − 1/n)/(1 − 1/n), the uncorrected indicator. */
  homogeneity: number;
  alphaEntropy: number;
  betaEntropy: number;
  gammaEntropy: number;
  /** D_β = exp(H_β). */
  betaDiversity: number;
  /** H_α,min and H_γ,max of the correction (M and n). */
  alphaEntropyMin: number;
  gammaEntropyMax: number;
  /** Largest value M of the judgment scale used in the correction. */
  scaleMax: number;
  n: number;
  experts: number;
  /** Every expert's leave-one-out consensus, largest gain first (K ≥ 3). */
  removal: ConsensusRemoval[];
  /** The experts whose removal raises consensus most (ties kept; empty when no removal raises it). */
  dissenters: string[];
}

export interface AhpConsensusOptions {
  /** Names of the experts (default E1, E2, …). */
  ids?: readonly string[];
  /** Largest scale value M (default 9, Saaty's scale). */
  scaleMax?: number;
}

/** Goepel's band of a consensus value. */
export function consensusBand(s: number): ConsensusBand {
  return s < CONSENSUS_BANDS.low ? 'low' : s < CONSENSUS_BANDS.high ? 'moderate' : 'high';
}

function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

/** The α, β, γ entropies and S, S* of priority vectors already checked. */
function measure(priorities: readonly (readonly number[])[], scaleMax: number) {
  const k = priorities.length;
  const n = priorities[0].length;
  const mean = new Array<number>(n).fill(0);
  let alpha = 0;
  for (const w of priorities) {
    const total = w.reduce((s, x) => s + x, 0);
    const p = w.map((x) => x / total);
    alpha += entropy(p);
    p.forEach((x, i) => {
      mean[i] += x / k;
    });
  }
  alpha /= k;
  const gamma = entropy(mean);
  const beta = Math.max(0, gamma - alpha);
  const betaDiversity = Math.exp(beta);
  const homogeneity = (1 / betaDiversity - 1 / n) / (1 - 1 / n);
  const big = scaleMax / (n + scaleMax - 1);
  const small = 1 / (n + scaleMax - 1);
  const alphaMin = -big * Math.log(big) - (n - 1) * small * Math.log(small);
  const gammaMax = Math.log(n);
  const c = Math.exp(gammaMax - alphaMin);
  const consensus = (1 / betaDiversity - 1 / c) / (1 - 1 / c);
  return { alpha, beta, gamma, betaDiversity, homogeneity, alphaMin, gammaMax, consensus };
}

/**
 * Goepel's AHP consensus S* of the experts' priority vectors (rows of `priorities`, one per
 * expert, each over the same n ≥ 2 elements; rescaled to sum 1), with the leave-one-out
 * consensus of every expert. Errors: fewer than two experts, vectors of different lengths,
 * non-positive or non-finite weights, M ≤ 1.
 *
 * Example: two experts with the same vector give S* = 1 (high).
 */
export function ahpConsensus(priorities: readonly (readonly number[])[], options: AhpConsensusOptions = {}): AhpConsensusResult {
  const issues = new IssueList();
  const scaleMax = options.scaleMax ?? 9;
  if (!Array.isArray(priorities) || priorities.length < 2)
    issues.add(
      [],
      `consensus needs at least two experts, got ${Array.isArray(priorities) ? priorities.length : 0}`,
      '2 or more priority vectors',
    );
  if (!(Number.isFinite(scaleMax) && scaleMax > 1))
    issues.add(['scaleMax'], `the largest scale value ${scaleMax} must be a number above 1`);
  issues.throwIfAny();
  const n = priorities[0].length;
  if (n < 2) issues.add([0], `a priority vector needs at least two elements, got ${n}`);
  priorities.forEach((w, k) => {
    if (w.length !== n) issues.add([k], `${w.length} weights, but the first expert has ${n}`, `${n} weights`);
    w.forEach((x, i) => {
      if (!(Number.isFinite(x) && x > 0)) issues.add([k, i], `weight ${x} must be a positive number`);
    });
  });
  if (options.ids !== undefined && options.ids.length !== priorities.length)
    issues.add(['ids'], `${options.ids.length} names for ${priorities.length} experts`, `${priorities.length} names`);
  issues.throwIfAny();
  const ids = options.ids ?? priorities.map((_, k) => `E${k + 1}`);
  const m = measure(priorities, scaleMax);
  const removal: ConsensusRemoval[] = ids.map((id, k) => {
    if (priorities.length < 3) return { id };
    const rest = priorities.filter((_, j) => j !== k);
    const s = measure(rest, scaleMax).consensus;
    return { id, consensus: s, gain: s - m.consensus };
  });
  removal.sort((a, b) => (b.gain ?? Number.NEGATIVE_INFINITY) - (a.gain ?? Number.NEGATIVE_INFINITY));
  const best = removal[0]?.gain;
  const dissenters =
    best !== undefined && best > 1e-12
      ? removal.filter((r) => r.gain !== undefined && Math.abs(r.gain - best) <= 1e-12).map((r) => r.id)
      : [];
  return {
    consensus: m.consensus,
    band: consensusBand(m.consensus),
    homogeneity: m.homogeneity,
    alphaEntropy: m.alpha,
    betaEntropy: m.beta,
    gammaEntropy: m.gamma,
    betaDiversity: m.betaDiversity,
    alphaEntropyMin: m.alphaMin,
    gammaEntropyMax: m.gammaMax,
    scaleMax,
    n,
    experts: priorities.length,
    removal,
    dissenters,
  };
}

export interface GroupConsensusResult extends AhpConsensusResult {
  /** Expert ids, in the order of `expertWeights`. */
  ids: string[];
  /** Each expert's own priority vector. */
  expertWeights: number[][];
  /** Group weights and CR by AIJ and by AIP, side by side. */
  aij: { weights: number[]; cr: number };
  aip: { weights: number[]; cr: number };
}

/**
 * Goepel's consensus of a panel (`groupAhp` input), with the AIJ and AIP group weights beside it.
 * Example: groupAhpConsensus([{matrix: A}, {matrix: A}]).consensus = 1.
 */
export function groupAhpConsensus(
  experts: readonly GroupExpert[],
  options: GroupAhpOptions & { scaleMax?: number } = {},
): GroupConsensusResult {
  const r = groupAhp(experts, { ...options, skipHelp: true });
  const ids = r.experts.map((e) => e.id);
  const expertWeights = r.experts.map((e) => e.weights);
  const checked = experts.map((e) => ({ ...e, matrix: checkPairwiseMatrix(e.matrix, options.scale).matrix }));
  const other = groupWeights(checked, { ...options, aggregation: r.aggregation === 'aij' ? 'aip' : 'aij' });
  const mine = { weights: r.weights, cr: r.cr };
  const c = ahpConsensus(expertWeights, { ids, ...(options.scaleMax !== undefined ? { scaleMax: options.scaleMax } : {}) });
  return {
    ...c,
    ids,
    expertWeights,
    aij: r.aggregation === 'aij' ? mine : { weights: other.weights, cr: other.cr },
    aip: r.aggregation === 'aip' ? mine : { weights: other.weights, cr: other.cr },
  };
}

export interface HierarchyConsensusResult {
  /** One entry per node judged by experts. */
  nodes: ({ code: string; globalWeight: number } & GroupConsensusResult)[];
  /** Σ g·S*_node / Σ g over those nodes (g = the node's global weight), as AHP-OS summarises a tree; undefined without expert nodes. */
  overall?: number;
  overallBand?: ConsensusBand;
}

/** Consensus at every node of a tree whose children are weighted by experts. */
export function hierarchyConsensus(tree: unknown, options: SynthesisOptions & { scaleMax?: number } = {}): HierarchyConsensusResult {
  const { nominal, nodes } = hierarchyBase(tree, options);
  const global = new Map(nominal.nodes.map((n) => [n.code, n.globalWeight ?? 0]));
  const out = nodes
    .filter((n) => n.experts && n.experts.length >= 2)
    .map((n) => ({
      code: n.code,
      globalWeight: global.get(n.code) ?? 0,
      ...groupAhpConsensus(n.experts ?? [], {
        method: options.method,
        ri: options.ri,
        lambda: options.lambda,
        incompleteMethod: options.incompleteMethod,
        aggregation: n.aggregation ?? options.aggregation,
        labels: n.children,
        ...(options.scaleMax !== undefined ? { scaleMax: options.scaleMax } : {}),
      }),
    }));
  const g = out.reduce((s, n) => s + n.globalWeight, 0);
  if (out.length === 0 || g <= 0) return { nodes: out };
  const overall = out.reduce((s, n) => s + n.globalWeight * n.consensus, 0) / g;
  return { nodes: out, overall, overallBand: consensusBand(overall) };
}
