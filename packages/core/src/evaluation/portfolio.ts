/**
 * Evaluating a portfolio of alternatives on the leaves of a weighted hierarchy (SPEC §4, §10
 * `evaluate`): one entry point for the four methods over column-major leaf values.
 *   fce       leaf values are scores on the grade axis (or raw values mapped through the leaf's
 *             `rule: {thresholds}`), weighted-average roll-up with the leaves' global weights;
 *   scorecard S = Σ W_l s_l, s_l the value or its scoring rule's score, graded by cut-offs;
 *   topsis    closeness with the leaves' directions;
 *   gra       weighted grey relational grade against the ideal series.
 * `explain` adds each indicator's weighted contribution W_l·v_l per alternative.
 */
import { type Issue, ValidationError } from '../errors.ts';
import { type SynthesisResult, synthesiseHierarchy } from '../hierarchy/synthesis.ts';
import { type Direction, type HierarchyNode, hierarchyLeaves, isLeaf, walkHierarchy } from '../hierarchy/tree.ts';
import { labelText } from '../label.ts';
import { type ColumnMajor, cmAt as cell } from '../numeric/column-major.ts';
import { rankDescending } from '../numeric/ranks.ts';
import { weightedSumContributions } from './explain.ts';
import {
  DEFAULT_GRADES,
  type FuzzyNode,
  type FuzzyOperator,
  type FuzzyResult,
  fuzzyEvaluate,
  type Grade,
  membershipFromScore,
  membershipFromThresholds,
  membershipFromVotes,
} from './fuzzy.ts';
import { fuzzyEvaluateBatch } from './fuzzy-batch.ts';
import { type GreyNormalisation, gra } from './grey.ts';
import { DEFAULT_SCORECARD_GRADES, type ScorecardGrade, scorecard } from './scorecard.ts';
import { checkScoringRule, type ScoringRule } from './scoring-rule.ts';
import { type TopsisNormalisation, topsisBatch } from './topsis.ts';

export type PortfolioMethod = 'fce' | 'scorecard' | 'topsis' | 'gra';
export const PORTFOLIO_METHODS: readonly PortfolioMethod[] = ['fce', 'scorecard', 'topsis', 'gra'];

export interface PortfolioIndicator {
  code: string;
  /** Global weight (the weights sum to 1). */
  weight: number;
  direction?: Direction;
  /** A scoring rule (scorecard) or `{thresholds: [...]}` (fce). */
  rule?: unknown;
}

export interface PortfolioOptions {
  method: PortfolioMethod;
  /** fce grades (default [004]'s 10/8/6/4/2). */
  grades?: readonly Grade[];
  /** scorecard grade cut-offs. */
  scorecardGrades?: readonly ScorecardGrade[];
  topsisNormalisation?: TopsisNormalisation;
  greyNormalisation?: GreyNormalisation;
  rho?: number;
  explain?: boolean;
  /** With `explain` (fce, scorecard): internal nodes and the leaf columns under each, for per-node scores. */
  nodes?: readonly { code: string; leaves: readonly number[] }[];
}

export interface PortfolioContribution {
  code: string;
  weight: number;
  value: number;
  contribution: number;
  share: number;
}

export interface PortfolioRow {
  id: string;
  score: number;
  grade?: string;
  rank: number;
  /** fce: the normalised membership vector B over the grades. */
  b?: number[];
  contributions?: PortfolioContribution[];
  /** fce, scorecard with `explain`: each internal node's score, Σ W_l s_l / Σ W_l over its leaves. */
  nodes?: { code: string; score: number }[];
}

export interface PortfolioResult {
  method: PortfolioMethod;
  rows: PortfolioRow[];
}

/**
 * Add to each row the indicators' contributions W_l·v_l (v the score the method sums, or the raw
 * value for TOPSIS and GRA) and, when `nodes` are given, each internal node's score
 * Σ W_l v_l / Σ W_l over its leaves.
 */
function explainRows(
  rows: PortfolioRow[],
  weights: readonly number[],
  scoreOf: (i: number, j: number) => number,
  indicators: readonly { code: string }[],
  nodes?: readonly { code: string; leaves: readonly number[] }[],
): void {
  rows.forEach((row, i) => {
    const values = indicators.map((_, j) => scoreOf(i, j));
    row.contributions = weightedSumContributions(weights, values).contributions.map((c) => ({
      code: indicators[c.index].code,
      weight: c.weight,
      value: c.value,
      contribution: c.contribution,
      share: c.share,
    }));
    if (nodes)
      row.nodes = nodes.map((node) => {
        let num = 0;
        let den = 0;
        for (const j of node.leaves) {
          num += weights[j] * values[j];
          den += weights[j];
        }
        return { code: node.code, score: den > 0 ? num / den : 0 };
      });
  });
}

/** `rule.thresholds` when the rule is a membership-threshold rule. */
export function thresholdsOf(rule: unknown): number[] | undefined {
  return rule && typeof rule === 'object' && Array.isArray((rule as { thresholds?: unknown }).thresholds)
    ? (rule as { thresholds: number[] }).thresholds
    : undefined;
}

/** Evaluate `ids.length` alternatives (rows of `x`) on `indicators` (columns of `x`). */
export function evaluatePortfolio(
  indicators: readonly PortfolioIndicator[],
  ids: readonly string[],
  x: ColumnMajor,
  options: PortfolioOptions,
): PortfolioResult {
  const m = x.rows;
  const n = x.cols;
  if (m === 0) throw new ValidationError([{ path: [], message: 'the portfolio is empty (no alternatives)' }]);
  if (n !== indicators.length || ids.length !== m)
    throw new ValidationError([{ path: [], message: `${m}×${n} data for ${ids.length} alternatives and ${indicators.length} indicators` }]);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < m; i++)
      if (!Number.isFinite(cell(x, i, j)))
        throw new ValidationError([{ path: [ids[i], indicators[j].code], message: `${cell(x, i, j)} is not a finite number` }]);
  const weights = indicators.map((l) => l.weight);
  const directions = indicators.map((l) => l.direction ?? 'benefit');
  const rows: PortfolioRow[] = [];
  const { method } = options;
  /** The per-indicator score each method sums (explanations); raw values for TOPSIS and GRA. */
  let scoreOf = (i: number, j: number) => cell(x, i, j);
  if (method === 'fce') {
    const grades = options.grades ?? DEFAULT_GRADES;
    const data = Float64Array.from(x.data);
    indicators.forEach((l, j) => {
      const th = thresholdsOf(l.rule);
      if (!th) return;
      for (let i = 0; i < m; i++) {
        const r = membershipFromThresholds(data[j * m + i], th);
        data[j * m + i] = r.reduce((s, u, k) => s + u * grades[k].score, 0);
      }
    });
    const res = fuzzyEvaluateBatch({ rows: m, cols: n, data }, weights, grades);
    scoreOf = (i, j) => data[j * m + i];
    const rank = rankDescending(res.score);
    const g = res.grades.length;
    for (let i = 0; i < m; i++)
      rows.push({
        id: ids[i],
        score: res.score[i],
        grade: labelText(res.grades[res.grade[i]].name),
        rank: rank[i],
        b: Array.from(res.b.subarray(i * g, (i + 1) * g)),
      });
  } else if (method === 'scorecard') {
    const cards = indicators.map((l) => {
      const rule = l.rule as ScoringRule | undefined;
      const scoring = rule && !thresholdsOf(rule);
      if (scoring) checkScoringRule(rule);
      return { code: l.code, weight: l.weight, ...(scoring ? { rule } : {}) };
    });
    const scores = ids.map((_, i) =>
      scorecard(
        cards,
        Object.fromEntries(indicators.map((l, j) => [l.code, cell(x, i, j)])),
        options.scorecardGrades ?? DEFAULT_SCORECARD_GRADES,
      ),
    );
    scoreOf = (i, j) => scores[i].indicators[j].score;
    const rank = rankDescending(scores.map((s) => s.score));
    scores.forEach((s, i) => {
      rows.push({ id: ids[i], score: s.score, grade: s.grade, rank: rank[i] });
    });
  } else if (method === 'topsis') {
    const res = topsisBatch(x, weights, { directions, normalisation: options.topsisNormalisation });
    for (let i = 0; i < m; i++) rows.push({ id: ids[i], score: res.closeness[i], rank: res.rank[i] });
  } else if (method === 'gra') {
    const matrix = ids.map((_, i) => indicators.map((_, j) => cell(x, i, j)));
    const res = gra(matrix, { weights, directions, normalisation: options.greyNormalisation, rho: options.rho });
    for (let i = 0; i < m; i++) rows.push({ id: ids[i], score: res.grades[i], rank: res.rank[i] });
  } else {
    throw new ValidationError([{ path: ['method'], message: `unknown method "${String(method)}"`, allowed: PORTFOLIO_METHODS.join(', ') }]);
  }
  if (options.explain)
    explainRows(rows, weights, (i, j) => scoreOf(i, j), indicators, method === 'fce' || method === 'scorecard' ? options.nodes : undefined);
  return { method, rows };
}

/** One alternative as data: leaf code → value, or (fce) leaf code → expert votes per grade. */
export interface PortfolioAlternative {
  id: string;
  values?: Readonly<Record<string, number>>;
  /**
   * Votes per grade for a leaf: fce takes their shares as the leaf's membership; the other
   * methods take the score of those shares on the grade axis (Σ share·grade score).
   */
  votes?: Readonly<Record<string, readonly number[]>>;
}

/** Alternatives as a column table: `x` has one row per id and one column per code (extra columns are ignored). */
export interface PortfolioTable {
  ids: readonly string[];
  codes: readonly string[];
  x: ColumnMajor;
}

/** Input of {@link evaluateHierarchyPortfolio}. */
export interface HierarchyPortfolioInput extends Omit<PortfolioOptions, 'nodes'> {
  /** A validated hierarchy (`validateHierarchy(tree).root`). */
  root: HierarchyNode;
  /** Its weights (`synthesiseHierarchy(tree)`); synthesised from `root` when absent. */
  synthesis?: Pick<SynthesisResult, 'nodes' | 'leaves'>;
  alternatives: readonly PortfolioAlternative[] | PortfolioTable;
  /** Directions that replace the leaves' own (by leaf code). */
  directions?: Readonly<Record<string, Direction>>;
  /** fce: the composition operator (default weighted average). */
  operator?: FuzzyOperator;
  /** fce: also return every alternative's multi-level result (B and score at every node). */
  fuzzyTrees?: boolean;
}

/** An indicator of the evaluation: leaf code, global weight and direction. */
export interface PortfolioIndicatorInfo {
  code: string;
  globalWeight: number;
  direction: Direction;
}

/** Result of {@link evaluateHierarchyPortfolio}. */
export interface HierarchyPortfolioResult {
  method: PortfolioMethod;
  /** One row per alternative, in input order: id, score, grade, rank (ties share the best rank), b, contributions, nodes. */
  rows: PortfolioRow[];
  indicators: PortfolioIndicatorInfo[];
  /** fce: the grade names (in the grades' order, as `b`). */
  grades?: string[];
  /** fce with `fuzzyTrees`: each alternative's multi-level fuzzy evaluation. */
  fuzzy?: { id: string; result: FuzzyResult }[];
  diagnostics: {
    alternatives: number;
    indicators: number;
    /**
     * fce: how B was computed — `global weights` (weighted average over leaf scores: the roll-up is
     * linear, so one step with the leaves' global weights) or `multi-level` (votes or another operator:
     * level by level with the local weights).
     */
    fceComposition?: 'global weights' | 'multi-level';
    warnings: string[];
  };
}

/**
 * The leaves of a weighted hierarchy as evaluation indicators: code, global weight (from the
 * synthesis), direction (the override, else the leaf's, else benefit) and rule. Throws a
 * ValidationError (path []) naming the leaves whose global weight is unknown.
 */
export function portfolioIndicators(
  root: HierarchyNode,
  synthesis: Pick<SynthesisResult, 'leaves'>,
  directions: Readonly<Record<string, Direction>> = {},
): PortfolioIndicator[] {
  const leaves = hierarchyLeaves(root);
  const weightOf = new Map(synthesis.leaves.map((l) => [l.code, l.globalWeight]));
  const unknown = leaves.filter((l) => weightOf.get(l.code) === null || weightOf.get(l.code) === undefined).map((l) => l.code);
  if (unknown.length > 0)
    throw new ValidationError([
      {
        path: [],
        message: `no global weight for ${unknown.join(', ')}`,
        allowed: 'a hierarchy whose every level is weighted (tree weights or the weighting section)',
      },
    ]);
  return leaves.map((l) => ({
    code: l.code,
    weight: weightOf.get(l.code) as number,
    direction: directions[l.code] ?? l.direction ?? 'benefit',
    ...(l.rule !== undefined ? { rule: l.rule } : {}),
  }));
}

/** Every internal node with the indices (in `leaves`) of the indicators under it. */
function internalNodes(root: HierarchyNode, leaves: readonly HierarchyNode[]): { code: string; leaves: number[] }[] {
  const out: { code: string; leaves: number[] }[] = [];
  walkHierarchy(root, (n) => {
    if (isLeaf(n)) return;
    out.push({ code: n.code, leaves: hierarchyLeaves(n).map((l) => leaves.indexOf(l)) });
  });
  return out;
}

const isTable = (a: HierarchyPortfolioInput['alternatives']): a is PortfolioTable => !Array.isArray(a);

/**
 * Evaluate a portfolio against a weighted hierarchy (SPEC §4, §10 `evaluate`, §7 studies): the
 * one implementation behind `scf-risk evaluate` and the study runner. Leaf values come from a
 * column table or from alternatives `{id, values, votes}`; the leaves' global weights from the
 * synthesis; directions from the leaves (or `directions`); scoring rules and membership
 * thresholds from the leaves' `rule`. Methods as {@link evaluatePortfolio}; fce with votes or an
 * operator other than the weighted average composes level by level with the local weights
 * (`fuzzyEvaluate`), otherwise in one step with the global weights (identical up to rounding:
 * the weighted average is linear). Errors about alternatives have paths from `alternatives`.
 *
 * @example evaluateHierarchyPortfolio({ root, alternatives: [{ id: 'a', values: { S11: 8, S12: 6 } }], method: 'fce' })
 */
export function evaluateHierarchyPortfolio(input: HierarchyPortfolioInput): HierarchyPortfolioResult {
  const { root, method } = input;
  if (!PORTFOLIO_METHODS.includes(method))
    throw new ValidationError([{ path: ['method'], message: `unknown method "${String(method)}"`, allowed: PORTFOLIO_METHODS.join(', ') }]);
  const synthesis = input.synthesis ?? synthesiseHierarchy(root);
  const indicators = portfolioIndicators(root, synthesis, input.directions);
  const leaves = hierarchyLeaves(root);
  const codes = indicators.map((l) => l.code);
  const grades = input.grades ?? DEFAULT_GRADES;
  const operator = input.operator ?? 'weighted-average';
  const alts = input.alternatives;
  const ids = isTable(alts) ? alts.ids : alts.map((a) => a.id);
  const m = ids.length;
  const n = codes.length;
  if (m === 0) throw new ValidationError([{ path: ['alternatives'], message: 'the portfolio is empty (no alternatives)' }]);
  const issues: Issue[] = [];
  const voteShares = (votes: readonly number[], at: (string | number)[]): number[] | undefined => {
    if (votes.length !== grades.length) {
      issues.push({ path: at, message: `${votes.length} vote counts for ${grades.length} grades` });
      return undefined;
    }
    try {
      return membershipFromVotes(votes);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const i of e.issues) issues.push({ ...i, path: [...at, ...i.path] });
      return undefined;
    }
  };
  // Leaf values column-major; fce votes kept as memberships (other methods: their score).
  let x: ColumnMajor;
  const votesAt = new Map<number, number[]>(); // i·n + j → shares
  if (isTable(alts)) {
    const col = codes.map((c) => alts.codes.indexOf(c));
    const absent = codes.filter((_, j) => col[j] < 0);
    if (absent.length > 0)
      throw new ValidationError([
        { path: ['alternatives', 'codes'], message: `no column for ${absent.join(', ')}`, allowed: `columns ${codes.join(', ')}` },
      ]);
    if (alts.x.rows !== m) throw new ValidationError([{ path: ['alternatives'], message: `${alts.x.rows} rows of data for ${m} ids` }]);
    if (col.every((c, j) => c === j) && alts.x.cols === n) x = alts.x;
    else {
      const data = new Float64Array(m * n);
      col.forEach((c, j) => {
        data.set(alts.x.data.subarray(c * m, (c + 1) * m), j * m);
      });
      x = { rows: m, cols: n, data };
    }
  } else {
    const data = new Float64Array(m * n);
    alts.forEach((a, i) => {
      codes.forEach((c, j) => {
        const v = a.values?.[c];
        if (v !== undefined) {
          data[j * m + i] = v;
          return;
        }
        const votes = a.votes?.[c];
        if (votes) {
          const shares = voteShares(votes, ['alternatives', i, 'votes', c]);
          if (!shares) return;
          if (method === 'fce') votesAt.set(i * n + j, shares);
          data[j * m + i] = shares.reduce((s, u, k) => s + u * grades[k].score, 0);
          return;
        }
        issues.push({ path: ['alternatives', i], message: `${a.id}: no value or votes for ${c}`, allowed: `values.${c} or votes.${c}` });
      });
    });
    x = { rows: m, cols: n, data };
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const nodes = internalNodes(root, leaves);
  const info: PortfolioIndicatorInfo[] = indicators.map((l) => ({
    code: l.code,
    globalWeight: l.weight,
    direction: l.direction ?? 'benefit',
  }));
  const warnings: string[] = [];
  const options: PortfolioOptions = {
    method,
    grades,
    ...(input.scorecardGrades ? { scorecardGrades: input.scorecardGrades } : {}),
    ...(input.topsisNormalisation ? { topsisNormalisation: input.topsisNormalisation } : {}),
    ...(input.greyNormalisation ? { greyNormalisation: input.greyNormalisation } : {}),
    ...(input.rho !== undefined ? { rho: input.rho } : {}),
    ...(input.explain ? { explain: true, nodes } : {}),
  };
  const result: HierarchyPortfolioResult = {
    method,
    rows: [],
    indicators: info,
    diagnostics: { alternatives: m, indicators: n, warnings },
  };
  if (method !== 'fce') {
    result.rows = evaluatePortfolio(indicators, ids, x, options).rows;
    return result;
  }
  result.grades = grades.map((g) => labelText(g.name));
  // The multi-level evaluation of one alternative (memberships from votes, thresholds or scores).
  const local = new Map(synthesis.nodes.map((s) => [s.code, s.localWeight]));
  const leafIndex = new Map(leaves.map((l, j) => [l, j]));
  const multiLevel = (i: number): FuzzyResult => {
    const tree = (node: HierarchyNode): FuzzyNode => {
      const weight = local.get(node.code) ?? undefined;
      if (!isLeaf(node)) return { code: node.code, name: node.name, weight, children: (node.children ?? []).map(tree) };
      const j = leafIndex.get(node) as number;
      const th = thresholdsOf(node.rule);
      const v = cell(x, i, j);
      const membership = votesAt.get(i * n + j) ?? (th ? membershipFromThresholds(v, th, grades) : membershipFromScore(v, grades));
      return { code: node.code, name: node.name, weight, membership };
    };
    try {
      return fuzzyEvaluate(tree(root), { grades, operator, normalise: true });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      throw new ValidationError(e.issues.map((is) => ({ ...is, message: `${ids[i]}: ${is.message}` })));
    }
  };
  const trees = input.fuzzyTrees || votesAt.size > 0 || operator !== 'weighted-average' ? ids.map((_, i) => multiLevel(i)) : undefined;
  if (votesAt.size > 0 || operator !== 'weighted-average') {
    const all = trees as FuzzyResult[];
    result.diagnostics.fceComposition = 'multi-level';
    const rank = rankDescending(all.map((t) => t.score));
    // Contributions and node scores: the leaves' scores on the grade axis, weighted as the method sums them.
    const scores = new Float64Array(m * n);
    all.forEach((t, i) => {
      const leafScores = fuzzyLeaves(t.root);
      for (let j = 0; j < n; j++) scores[j * m + i] = leafScores[j];
    });
    result.rows = all.map((t, i) => ({ id: ids[i], score: t.score, grade: t.gradeName, rank: rank[i], b: t.b }));
    if (input.explain)
      explainRows(
        result.rows,
        indicators.map((l) => l.weight),
        (i, j) => scores[j * m + i],
        indicators,
        nodes,
      );
    warnings.push(...all[0].warnings);
  } else {
    result.diagnostics.fceComposition = 'global weights';
    result.rows = evaluatePortfolio(indicators, ids, x, options).rows;
  }
  if (input.fuzzyTrees && trees) result.fuzzy = trees.map((t, i) => ({ id: ids[i], result: t }));
  return result;
}

/** The leaves of a fuzzy result in depth-first order: their scores B·V. */
function fuzzyLeaves(node: FuzzyResult['root']): number[] {
  if (!node.children) return [node.score];
  return node.children.flatMap(fuzzyLeaves);
}
