/**
 * Judgment scales applied after the fact (Ishizaka & Labib 2011, "Review of the main
 * developments in the analytic hierarchy process", Expert Syst. Appl. 38; Goepel 2018, AHP-OS):
 * the same judgments, given as intensities x = 1 … 9 on Saaty's scale (x < 1 meaning 1/x the
 * other way round), read on another scale c = f(x), with f(1/x) = 1/f(x):
 *
 *   standard        c = x
 *   logarithmic     c = log2(x + 1)
 *   root-square     c = √x
 *   inverse-linear  c = 9/(10 − x)
 *   balanced        c = (9 + x)/(11 − x)    (w = 0.45 + 0.05x, c = w/(1 − w); Salo & Hämäläinen 1997)
 *   power           c = x²
 *   geometric       c = 2^(x − 1)
 *
 * Every f is increasing on [1, 9] with f(1) = 1, so a transform keeps reciprocity and the order
 * of the judgments. Weights and CR are computed per scale side by side (CR with the usual RI).
 */
import { IssueList, ValidationError } from '../errors.ts';
import { globalWeights } from '../hierarchy/global-weights.ts';
import { type SynthesisOptions, synthesiseHierarchy } from '../hierarchy/synthesis.ts';
import type { HierarchyNode } from '../hierarchy/tree.ts';
import { validateHierarchy } from '../hierarchy/validate.ts';
import type { Label } from '../label.ts';
import { type AhpOptions, ahp } from './ahp.ts';
import { aggregateJudgments, type GroupAhpOptions, type GroupExpert, groupAhp } from './group-ahp.ts';
import { checkPairwiseMatrix } from './saaty-scale.ts';

export const JUDGMENT_SCALES = ['standard', 'logarithmic', 'root-square', 'inverse-linear', 'balanced', 'power', 'geometric'] as const;
export type JudgmentScaleName = (typeof JUDGMENT_SCALES)[number];

const F: Record<JudgmentScaleName, (x: number) => number> = {
  standard: (x) => x,
  logarithmic: (x) => Math.log2(x + 1),
  'root-square': (x) => Math.sqrt(x),
  'inverse-linear': (x) => 9 / (10 - x),
  balanced: (x) => (9 + x) / (11 - x),
  power: (x) => x * x,
  geometric: (x) => 2 ** (x - 1),
};

/** The largest value M = f(9) of each scale (9, 3.3219, 3, 9, 9, 81, 256): the consensus correction uses it. */
export const SCALE_MAX: Record<JudgmentScaleName, number> = Object.fromEntries(JUDGMENT_SCALES.map((s) => [s, F[s](9)])) as Record<
  JudgmentScaleName,
  number
>;

/** Tolerance for judgments at the ends of the scale (1/9 and 9 after rounding). */
const EDGE = 1e-9;

/**
 * A judgment a (Saaty's scale, 1/9 ≤ a ≤ 9) read on `scale`: f(a) for a ≥ 1, 1/f(1/a) below 1.
 * Example: scaleJudgment(3, 'power') = 9, scaleJudgment(1/3, 'power') = 1/9.
 */
export function scaleJudgment(a: number, scale: JudgmentScaleName): number {
  const f = F[scale];
  if (f === undefined)
    throw new ValidationError([{ path: ['scale'], message: `unknown judgment scale "${scale}"`, allowed: JUDGMENT_SCALES.join(', ') }]);
  if (!(Number.isFinite(a) && a > 0) || a > 9 * (1 + EDGE) || a < 1 / (9 * (1 + EDGE)))
    throw new ValidationError([{ path: [], message: `judgment ${a} is outside Saaty's scale 1/9 … 9`, allowed: '1/9 … 9' }]);
  const x = Math.min(9, a >= 1 ? a : 1 / a);
  return a >= 1 ? f(x) : 1 / f(x);
}

/** A matrix (validated on Saaty's scale; `null` = missing, kept) read on `scale`; diagonal 1. */
export function scaleMatrix(matrix: readonly (readonly (number | null)[])[], scale: JudgmentScaleName): (number | null)[][] {
  const checked = checkPairwiseMatrix(matrix, 'saaty');
  return checked.matrix.map((row, i) => row.map((v, j) => (i === j ? 1 : v === null ? null : scaleJudgment(v, scale))));
}

/** Check a list of scale names (paths `['scales', k]`); the default is every scale. */
export function checkScales(scales: readonly string[] | undefined): JudgmentScaleName[] {
  if (scales === undefined) return [...JUDGMENT_SCALES];
  const issues = new IssueList();
  if (scales.length === 0) issues.add(['scales'], 'no judgment scales given', JUDGMENT_SCALES.join(', '));
  scales.forEach((s, k) => {
    if (!(JUDGMENT_SCALES as readonly string[]).includes(s))
      issues.add(['scales', k], `unknown judgment scale "${s}"`, JUDGMENT_SCALES.join(', '));
  });
  issues.throwIfAny();
  return [...new Set(scales)] as JudgmentScaleName[];
}

export interface ScaleResult {
  scale: JudgmentScaleName;
  weights: number[];
  /** Rank of each element (1 = largest weight). */
  ranks: number[];
  cr: number;
  lambdaMax: number;
  consistent: boolean;
}

export interface AhpScalesResult {
  scales: ScaleResult[];
  /** True when some scale ranks the elements differently from the standard (first) scale. */
  rankingChanges: boolean;
  /** Scales whose ranking differs from the first scale's. */
  scalesChangingRanking: JudgmentScaleName[];
  labels?: Label[];
}

/** Ranks 1 … n by decreasing weight (ties share the smaller rank). */
export function weightRanks(w: readonly number[]): number[] {
  return w.map((x) => 1 + w.filter((y) => y > x + 1e-12).length);
}

function summarise(rows: ScaleResult[], labels?: Label[]): AhpScalesResult {
  const first = rows[0].ranks.join(',');
  const changing = rows.filter((r) => r.ranks.join(',') !== first).map((r) => r.scale);
  return { scales: rows, rankingChanges: changing.length > 0, scalesChangingRanking: changing, ...(labels ? { labels } : {}) };
}

/**
 * One matrix read on several judgment scales (default all seven), weights and CR per scale.
 * `options` are the AHP options (method, RI table, λmax rule); the matrix must lie on Saaty's
 * scale. Example: ahpScales([[1, 3], [1/3, 1]], {scales: ['standard', 'power']}) → .75/.25 and .9/.1.
 */
export function ahpScales(
  matrix: readonly (readonly (number | null)[])[],
  options: AhpOptions & { scales?: readonly string[] } = {},
): AhpScalesResult {
  const scales = checkScales(options.scales);
  const rows = scales.map((scale) => {
    const r = ahp(scaleMatrix(matrix, scale), { ...options, scale: 'any', skipHelp: true });
    return { scale, weights: r.weights, ranks: weightRanks(r.weights), cr: r.cr, lambdaMax: r.lambdaMax, consistent: r.consistent };
  });
  return summarise(rows, options.labels);
}

/**
 * A panel's matrices read on several scales: every expert's judgments are transformed, then
 * aggregated as `options.aggregation` says (AIJ: geometric mean of the transformed judgments;
 * AIP: mean of the experts' priorities on that scale). CR is the group's (as `groupAhp`).
 */
export function groupAhpScales(
  experts: readonly GroupExpert[],
  options: GroupAhpOptions & { scales?: readonly string[] } = {},
): AhpScalesResult & { expertWeights: Record<string, number[][]> } {
  const scales = checkScales(options.scales);
  const expertWeights: Record<string, number[][]> = {};
  const rows = scales.map((scale) => {
    const transformed = experts.map((e, k) => {
      try {
        return { ...e, matrix: scaleMatrix(e.matrix, scale) };
      } catch (err) {
        if (err instanceof ValidationError) throw err.at(k, 'matrix');
        throw err;
      }
    });
    const r = groupAhp(transformed, { ...options, scale: 'any' });
    expertWeights[scale] = r.experts.map((e) => e.weights);
    return {
      scale,
      weights: r.weights,
      ranks: weightRanks(r.weights),
      cr: r.cr,
      lambdaMax: r.group?.lambdaMax ?? Number.NaN,
      consistent: r.consistent,
    };
  });
  return { ...summarise(rows, options.labels), expertWeights };
}

/** A node of a tree whose children are weighted by judgments: its matrix or its experts, as validated. */
export interface JudgedNode {
  code: string;
  children: string[];
  matrix?: (number | null)[][];
  experts?: GroupExpert[];
  aggregation?: 'aij' | 'aip';
}

/** The nodes of a validated tree that carry a matrix or experts, their matrices checked (snapped, one-sided pairs completed). */
export function judgedNodes(root: HierarchyNode): JudgedNode[] {
  const out: JudgedNode[] = [];
  const walk = (node: HierarchyNode) => {
    const children = (node.children ?? []).map((c) => c.code);
    if (node.matrix) out.push({ code: node.code, children, matrix: checkPairwiseMatrix(node.matrix).matrix });
    else if (node.experts)
      out.push({
        code: node.code,
        children,
        experts: node.experts.map((e) => ({ ...e, matrix: checkPairwiseMatrix(e.matrix).matrix })),
        ...(node.aggregation ? { aggregation: node.aggregation } : {}),
      });
    for (const c of node.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

/**
 * The leaves' global weights when every judged node's matrices are replaced by `mapMatrix` of
 * them (the other nodes keep their nominal local weights); also each judged node's CR.
 */
export function resynthesise(
  root: HierarchyNode,
  nodes: readonly JudgedNode[],
  nominalLocal: ReadonlyMap<string, number | null>,
  options: SynthesisOptions,
  mapMatrix: (m: (number | null)[][]) => (number | null)[][],
): { leaves: { code: string; globalWeight: number }[]; cr: Record<string, number> } {
  const local = new Map<string, number>();
  const cr: Record<string, number> = {};
  const ahpOptions: AhpOptions = {
    method: options.method,
    ri: options.ri,
    lambda: options.lambda,
    incompleteMethod: options.incompleteMethod,
    scale: 'any',
    skipHelp: true,
  };
  for (const node of nodes) {
    const r = node.matrix
      ? ahp(mapMatrix(node.matrix), ahpOptions)
      : groupWeights(
          (node.experts ?? []).map((e) => ({ ...e, matrix: mapMatrix(e.matrix) })),
          { ...ahpOptions, aggregation: node.aggregation ?? options.aggregation },
        );
    cr[node.code] = r.cr;
    node.children.forEach((c, k) => {
      local.set(c, r.weights[k]);
    });
  }
  const weighted = globalWeights(root, (n) => local.get(n.code) ?? nominalLocal.get(n.code) ?? n.weight);
  return { leaves: weighted.filter((w) => w.leaf).map((w) => ({ code: w.code, globalWeight: w.globalWeight ?? 0 })), cr };
}

/** A validated tree, its judged nodes and nominal local weights (what the hierarchy variants start from). */
export function hierarchyBase(tree: unknown, options: SynthesisOptions = {}) {
  const nominal = synthesiseHierarchy(tree, options);
  const { root } = validateHierarchy(tree, options);
  const nominalLocal = new Map(nominal.nodes.map((n) => [n.code, n.localWeight]));
  return { nominal, root, nodes: judgedNodes(root), nominalLocal };
}

export interface HierarchyScalesResult {
  /** Leaf codes, in the order of the weights. */
  codes: string[];
  scales: (ScaleResult & { nodeCr: Record<string, number> })[];
  rankingChanges: boolean;
  scalesChangingRanking: JudgmentScaleName[];
}

/**
 * Every judged node of a tree read on several scales: the leaves' global weights and ranks per
 * scale, `cr` the largest node CR on that scale and `nodeCr` each node's.
 */
export function hierarchyScales(tree: unknown, options: SynthesisOptions & { scales?: readonly string[] } = {}): HierarchyScalesResult {
  const scales = checkScales(options.scales);
  const { root, nodes, nominalLocal } = hierarchyBase(tree, options);
  const rows = scales.map((scale) => {
    const r = resynthesise(root, nodes, nominalLocal, options, (m) => scaleMatrix(m, scale));
    const weights = r.leaves.map((l) => l.globalWeight);
    const crs = Object.values(r.cr);
    const cr = crs.length > 0 ? Math.max(...crs) : 0;
    return { scale, weights, ranks: weightRanks(weights), cr, lambdaMax: Number.NaN, consistent: cr < 0.1, nodeCr: r.cr };
  });
  const s = summarise(rows);
  const leafCodes = resynthesise(root, [], nominalLocal, options, (m) => m).leaves.map((l) => l.code);
  return { codes: leafCodes, scales: rows, rankingChanges: s.rankingChanges, scalesChangingRanking: s.scalesChangingRanking };
}

/**
 * Group weights and CR without the per-expert help `groupAhp` adds (for loops over many
 * variants; inputs already validated): AIJ = AHP of the weighted geometric mean of the
 * judgments, AIP = Σ λ_k w_k with CR = Σ λ_k CR_k — the same numbers as `groupAhp`.
 */
export function groupWeights(
  experts: readonly GroupExpert[],
  options: GroupAhpOptions,
): { weights: number[]; cr: number; consistent: boolean } {
  const raw = experts.map((e) => e.weight ?? 1);
  const total = raw.reduce((s, x) => s + x, 0);
  const lambdas = raw.map((x) => x / total);
  const ahpOptions = { ...options, scale: 'any' as const, skipHelp: true };
  if ((options.aggregation ?? 'aij') === 'aip') {
    const rs = experts.map((e) => ahp(e.matrix, ahpOptions));
    const n = rs[0].n;
    const weights = new Array<number>(n).fill(0);
    rs.forEach((r, k) => {
      for (let i = 0; i < n; i++) weights[i] += lambdas[k] * r.weights[i];
    });
    const cr = rs.reduce((s, r, k) => s + lambdas[k] * r.cr, 0);
    return { weights, cr, consistent: cr < 0.1 };
  }
  const r = ahp(
    aggregateJudgments(
      experts.map((e) => e.matrix),
      lambdas,
    ),
    ahpOptions,
  );
  return { weights: r.weights, cr: r.cr, consistent: r.consistent };
}
