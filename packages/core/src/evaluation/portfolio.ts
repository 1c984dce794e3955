/**
 * Evaluating a portfolio of alternatives on the leaves of a weighted hierarchy (SPEC §4, §10
 * `evaluate`): one entry point for the four methods over column-major leaf values.
 *   fce       leaf values brought onto the grade axis by {@link readLeafValues} (scores, the leaf's
 *             `rule: {thresholds}`, or raw values by the data's range and direction),
 *             weighted-average roll-up with the leaves' global weights;
 *   scorecard S = Σ W_l s_l, s_l the 1–7 score (value, scoring rule, thresholds or data range), graded by cut-offs;
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
  /** The leaf's name, for messages. */
  name?: string;
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
  /**
   * fce, scorecard: a leaf without a rule whose values are not scores on the method's scale
   * (see {@link readLeafValues}): `range` (default) maps them by the data's range and warns,
   * `error` refuses them.
   */
  rawValues?: RawValueHandling;
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
  /** fce, scorecard: how each leaf's values reached the scale. */
  leafValues?: LeafValueReading[];
  warnings: string[];
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

/** How one leaf's values reached the method's scale (fce: the grade axis; scorecard: 1–7). */
export interface LeafValueReading {
  code: string;
  /**
   * `scores` — already on the scale; `thresholds` — the leaf's `rule: {thresholds}`; `scoring rule`
   * — its ranges/linear rule (scorecard); `votes` — expert votes; `data range` — raw values mapped
   * linearly from the data's range onto the scale by direction (best value → top of the scale).
   */
  read: 'scores' | 'thresholds' | 'scoring rule' | 'votes' | 'data range';
  direction: Direction;
  /** `data range`: the values' minimum and maximum. */
  range?: [number, number];
  /** The scale: [lowest, highest] score. */
  scale: [number, number];
  /** `data range`: the rule that reads the values the same way (paste it into the leaf to fix or edit it). */
  equivalentRule?: unknown;
}

/** What to do with raw leaf values that are not scores (fce, scorecard): map by the data's range, or refuse. */
export type RawValueHandling = 'range' | 'error';

/** Largest magnitude a leaf value may have: beyond it squares and sums of a portfolio can overflow (and 1e15 is the limit of whole numbers exact in a double). */
export const MAX_LEAF_MAGNITUDE = 1e15;

const short = (v: number) => Number(v.toPrecision(6));

/**
 * Bring leaf values onto the scale fce or scorecard sums (in place, column-major `x`): fce's grade
 * axis (2–10 for the default grades), scorecard's 1–7.
 * - a leaf with `rule: {thresholds}` — mapped onto the grade axis by the thresholds (scorecard: then
 *   linearly onto 1–7);
 * - a leaf with a scoring rule (scorecard) — left for the rule;
 * - a benefit leaf without a rule whose values all lie on the scale — read as scores;
 * - any other leaf without a rule (a value off the scale, or `direction: cost`: a score is always
 *   higher-is-better) holds raw values: with `raw: 'range'` they are mapped linearly from the data's
 *   range [min, max] onto the scale by direction (benefit: max → top, cost: min → top; all equal →
 *   the middle) with a warning, which is what the returned `equivalentRule` would do; with
 *   `raw: 'error'` a ValidationError names every such leaf, its values and the rule to add.
 * `skip(i, j)` marks cells that are already scores (expert votes).
 *
 * @example readLeafValues([{ code: 'DR', weight: 1, direction: 'cost' }], { rows: 2, cols: 1, data: Float64Array.of(45, 81) }, 'fce')
 *          // data becomes [10, 2]; read: 'data range'
 */
export function readLeafValues(
  indicators: readonly PortfolioIndicator[],
  x: ColumnMajor,
  method: 'fce' | 'scorecard',
  options: { grades?: readonly Grade[]; raw?: RawValueHandling; skip?: (i: number, j: number) => boolean } = {},
): { readings: LeafValueReading[]; warnings: string[] } {
  const grades = options.grades ?? DEFAULT_GRADES;
  const m = x.rows;
  const data = x.data;
  const gLo = Math.min(...grades.map((g) => g.score));
  const gHi = Math.max(...grades.map((g) => g.score));
  const [lo, hi] = method === 'fce' ? [gLo, gHi] : [1, 7];
  const scaleText = `${lo}–${hi} ${method === 'fce' ? 'grade axis' : 'scorecard scale'}`;
  const readings: LeafValueReading[] = [];
  const warnings: string[] = [];
  const issues: Issue[] = [];
  const skip = options.skip ?? (() => false);
  indicators.forEach((l, j) => {
    const direction = l.direction ?? 'benefit';
    const base = { code: l.code, direction, scale: [lo, hi] as [number, number] };
    const label = l.name ? `${l.code} (${l.name})` : l.code;
    const th = thresholdsOf(l.rule);
    let cells = 0;
    for (let i = 0; i < m; i++) if (!skip(i, j)) cells++;
    if (cells === 0) {
      readings.push({ ...base, read: 'votes' });
      return;
    }
    if (th) {
      for (let i = 0; i < m; i++) {
        if (skip(i, j)) continue;
        const r = membershipFromThresholds(data[j * m + i], th, grades);
        const s = r.reduce((acc, u, k) => acc + u * grades[k].score, 0);
        data[j * m + i] = method === 'fce' ? s : 1 + ((s - gLo) / (gHi - gLo)) * 6;
      }
      readings.push({ ...base, read: 'thresholds' });
      return;
    }
    if (l.rule !== undefined && method === 'scorecard') {
      readings.push({ ...base, read: 'scoring rule' });
      return;
    }
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let off = 0;
    for (let i = 0; i < m; i++) {
      if (skip(i, j)) continue;
      const v = data[j * m + i];
      if (v < min) min = v;
      if (v > max) max = v;
      if (v < lo || v > hi) off++;
    }
    if (off === 0 && direction === 'benefit') {
      readings.push({ ...base, read: 'scores' });
      return;
    }
    // Raw values: the rule that reads them linearly from the data's range, best value on top.
    const at = (score: number) =>
      direction === 'benefit' ? min + ((score - lo) / (hi - lo)) * (max - min) : max - ((score - lo) / (hi - lo)) * (max - min);
    const equivalentRule =
      method === 'fce'
        ? { thresholds: grades.map((g) => short(at(g.score))) }
        : {
            type: 'linear',
            points:
              direction === 'benefit'
                ? [
                    [short(min), 1],
                    [short(max), 7],
                  ]
                : [
                    [short(min), 7],
                    [short(max), 1],
                  ],
          };
    const ruleText =
      method === 'fce'
        ? `rule: {thresholds: [${(equivalentRule as { thresholds: number[] }).thresholds.join(', ')}]}`
        : `rule: {type: linear, points: ${JSON.stringify((equivalentRule as { points: number[][] }).points)}}`;
    const why =
      off > 0
        ? `values ${short(min)} to ${short(max)} (${off} of ${cells} outside the ${scaleText})`
        : `values ${short(min)} to ${short(max)} of a cost indicator (a score on the ${scaleText} is higher-is-better)`;
    if (options.raw === 'error') {
      issues.push({
        path: [l.code],
        message: `leaf ${label}: ${why} are not scores, and the leaf has no rule`,
        allowed: `scores on the ${scaleText}, or a rule on the leaf that maps the raw values, e.g. ${ruleText} (${
          method === 'fce' ? 'the value that is fully each grade, best grade first' : 'value → score breakpoints'
        }); or --method topsis|gra, which take raw values`,
      });
      return;
    }
    for (let i = 0; i < m; i++) {
      if (skip(i, j)) continue;
      const v = data[j * m + i];
      const u = max > min ? (v - min) / (max - min) : 0.5;
      data[j * m + i] = direction === 'benefit' ? lo + u * (hi - lo) : hi - u * (hi - lo);
    }
    readings.push({ ...base, read: 'data range', range: [min, max], equivalentRule });
    warnings.push(
      `leaf ${label}: ${why} are raw values; mapped from this portfolio's range onto the ${scaleText} by direction (${direction}), as ${ruleText} would: its scores and grades are relative to this portfolio. Give the leaf its own rule for absolute grades.`,
    );
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return { readings, warnings };
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
      if (!(Math.abs(cell(x, i, j)) <= MAX_LEAF_MAGNITUDE))
        throw new ValidationError([
          {
            path: [ids[i], indicators[j].code],
            message: Number.isFinite(cell(x, i, j))
              ? `${cell(x, i, j)} is too large for safe arithmetic`
              : `${cell(x, i, j)} is not a finite number`,
            allowed: `a finite number between −${MAX_LEAF_MAGNITUDE.toExponential()} and ${MAX_LEAF_MAGNITUDE.toExponential()}`,
          },
        ]);
  const weights = indicators.map((l) => l.weight);
  const directions = indicators.map((l) => l.direction ?? 'benefit');
  const rows: PortfolioRow[] = [];
  const { method } = options;
  const warnings: string[] = [];
  let leafValues: LeafValueReading[] | undefined;
  /** The per-indicator score each method sums (explanations); raw values for TOPSIS and GRA. */
  let scoreOf = (i: number, j: number) => cell(x, i, j);
  if (method === 'fce') {
    const grades = options.grades ?? DEFAULT_GRADES;
    const data = Float64Array.from(x.data);
    const read = readLeafValues(indicators, { rows: m, cols: n, data }, 'fce', { grades, raw: options.rawValues });
    leafValues = read.readings;
    warnings.push(...read.warnings);
    const res = fuzzyEvaluateBatch({ rows: m, cols: n, data }, weights, grades);
    // The score the roll-up sums: a value beyond an end grade counts as that grade.
    const lo = Math.min(...grades.map((g) => g.score));
    const hi = Math.max(...grades.map((g) => g.score));
    scoreOf = (i, j) => Math.min(hi, Math.max(lo, data[j * m + i]));
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
    const data = Float64Array.from(x.data);
    const read = readLeafValues(indicators, { rows: m, cols: n, data }, 'scorecard', { raw: options.rawValues });
    leafValues = read.readings;
    warnings.push(...read.warnings);
    const scores = ids.map((_, i) =>
      scorecard(
        cards,
        Object.fromEntries(indicators.map((l, j) => [l.code, data[j * m + i]])),
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
  return { method, rows, ...(leafValues ? { leafValues } : {}), warnings };
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
    /** fce, scorecard: how each leaf's values reached the scale ({@link readLeafValues}). */
    leafValues?: LeafValueReading[];
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
    name: labelText(l.name),
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
    ...(input.rawValues ? { rawValues: input.rawValues } : {}),
    ...(input.explain ? { explain: true, nodes } : {}),
  };
  const result: HierarchyPortfolioResult = {
    method,
    rows: [],
    indicators: info,
    diagnostics: { alternatives: m, indicators: n, warnings },
  };
  const given = x; // the values as given (evaluatePortfolio brings them onto the scale itself)
  const run = () => {
    const r = evaluatePortfolio(indicators, ids, given, options);
    if (r.leafValues) result.diagnostics.leafValues = r.leafValues;
    warnings.push(...r.warnings);
    return r.rows;
  };
  if (method !== 'fce') {
    result.rows = run();
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
      const membership = votesAt.get(i * n + j) ?? membershipFromScore(cell(x, i, j), grades);
      return { code: node.code, name: node.name, weight, membership };
    };
    try {
      return fuzzyEvaluate(tree(root), { grades, operator, normalise: true });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      throw new ValidationError(e.issues.map((is) => ({ ...is, message: `${ids[i]}: ${is.message}` })));
    }
  };
  const levelled = input.fuzzyTrees || votesAt.size > 0 || operator !== 'weighted-average';
  if (levelled) {
    // Leaf values onto the grade axis once (thresholds, or raw values by the data's range); votes stay.
    const data = Float64Array.from(x.data);
    const read = readLeafValues(indicators, { rows: m, cols: n, data }, 'fce', {
      grades,
      raw: input.rawValues,
      skip: (i, j) => votesAt.has(i * n + j),
    });
    x = { rows: m, cols: n, data };
    if (votesAt.size > 0 || operator !== 'weighted-average') {
      result.diagnostics.leafValues = read.readings;
      warnings.push(...read.warnings);
    }
  }
  const trees = levelled ? ids.map((_, i) => multiLevel(i)) : undefined;
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
    result.rows = run();
  }
  if (input.fuzzyTrees && trees) result.fuzzy = trees.map((t, i) => ({ id: ids[i], result: t }));
  return result;
}

/** The leaves of a fuzzy result in depth-first order: their scores B·V. */
function fuzzyLeaves(node: FuzzyResult['root']): number[] {
  if (!node.children) return [node.score];
  return node.children.flatMap(fuzzyLeaves);
}
