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
import { ValidationError } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import { labelText } from '../label.ts';
import { type ColumnMajor, cmAt as cell } from '../numeric/column-major.ts';
import { rankDescending } from '../numeric/ranks.ts';
import { weightedSumContributions } from './explain.ts';
import { DEFAULT_GRADES, type Grade, membershipFromThresholds } from './fuzzy.ts';
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
  if (options.explain) {
    rows.forEach((row, i) => {
      const values = indicators.map((_, j) => scoreOf(i, j));
      row.contributions = weightedSumContributions(weights, values).contributions.map((c) => ({
        code: indicators[c.index].code,
        weight: c.weight,
        value: c.value,
        contribution: c.contribution,
        share: c.share,
      }));
      if (options.nodes && (method === 'fce' || method === 'scorecard'))
        row.nodes = options.nodes.map((node) => {
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
  return { method, rows };
}
