/**
 * Scorecard (SPEC §4.1, [002 §1]): every indicator gets a score — qualitative ones on the
 * 7-level scale, quantitative ones through their scoring rule — and the total is
 *   S = Σ_l W_l · s_l   (W_l the global weights, summing to 1),
 * mapped to a risk grade by configurable cut-offs. The "subject + debt item" principle is weights
 * on two sub-trees (`subjectDebtWeights`). Re-scoring keeps a dated history, never overwritten.
 */
import { IssueList, ValidationError } from '../errors.ts';
import { applyScoringRule, checkScoringRule, type ScoringRule } from './scoring-rule.ts';

export interface ScorecardIndicator {
  code: string;
  /** Global weight. */
  weight: number;
  /** A scoring rule for raw values; without one the value is already a score (e.g. 1–7). */
  rule?: ScoringRule;
}

export interface ScorecardGrade {
  name: string;
  /** Lowest total score of the grade. */
  min: number;
}

/** Default grades on the 1–7 scale: A ≥ 6, B ≥ 5, C ≥ 4, D ≥ 3, E below. */
export const DEFAULT_SCORECARD_GRADES: readonly ScorecardGrade[] = [
  { name: 'A', min: 6 },
  { name: 'B', min: 5 },
  { name: 'C', min: 4 },
  { name: 'D', min: 3 },
  { name: 'E', min: Number.NEGATIVE_INFINITY },
];

export interface ScorecardResult {
  score: number;
  grade: string;
  indicators: { code: string; value: number; score: number; weight: number; contribution: number }[];
}

/** Validate indicators (weights sum to 1, rules valid) and grades (descending minimums). */
export function checkScorecard(
  indicators: readonly ScorecardIndicator[],
  grades: readonly ScorecardGrade[] = DEFAULT_SCORECARD_GRADES,
): void {
  const issues = new IssueList();
  if (indicators.length === 0) issues.add(['indicators'], 'no indicators');
  indicators.forEach((ind, k) => {
    if (!(Number.isFinite(ind.weight) && ind.weight >= 0))
      issues.add(['indicators', k, 'weight'], `${ind.code}: weight ${ind.weight} must be ≥ 0`);
    if (ind.rule) {
      try {
        checkScoringRule(ind.rule);
      } catch (e) {
        if (e instanceof ValidationError)
          for (const i of e.issues) issues.add(['indicators', k, 'rule', ...i.path], `${ind.code}: ${i.message}`, i.allowed);
        else throw e;
      }
    }
  });
  const total = indicators.reduce((s, i) => s + i.weight, 0);
  if (indicators.length > 0 && Math.abs(total - 1) > 1e-6)
    issues.add(['indicators'], `the weights sum to ${Number(total.toPrecision(10))}, not 1`);
  grades.forEach((g, k) => {
    if (k > 0 && !(g.min < grades[k - 1].min))
      issues.add(['grades', k, 'min'], `grade ${g.name}'s minimum ${g.min} must be below ${grades[k - 1].name}'s ${grades[k - 1].min}`);
  });
  issues.throwIfAny();
}

/** Score one borrower: `values[code]` is the raw value (or the 1–7 score). */
export function scorecard(
  indicators: readonly ScorecardIndicator[],
  values: Readonly<Record<string, number>>,
  grades: readonly ScorecardGrade[] = DEFAULT_SCORECARD_GRADES,
): ScorecardResult {
  checkScorecard(indicators, grades);
  const issues = new IssueList();
  const rows = indicators.map((ind) => {
    const v = values[ind.code];
    if (v === undefined || !Number.isFinite(v)) {
      issues.add([ind.code], v === undefined ? `no value for ${ind.code}` : `${ind.code}: ${v} is not a finite number`);
      return { code: ind.code, value: Number.NaN, score: 0, weight: ind.weight, contribution: 0 };
    }
    let s = v;
    if (ind.rule) {
      try {
        s = applyScoringRule(ind.rule, v);
      } catch (e) {
        if (e instanceof ValidationError) issues.add([ind.code], `${ind.code}: ${e.issues[0].message}`);
        else throw e;
      }
    }
    return { code: ind.code, value: v, score: s, weight: ind.weight, contribution: ind.weight * s };
  });
  issues.throwIfAny();
  const score = rows.reduce((acc, r) => acc + r.contribution, 0);
  const grade = grades.find((g) => score >= g.min)?.name ?? grades[grades.length - 1].name;
  return { score, grade, indicators: rows };
}

/**
 * The "subject + debt item" principle: scale the global weights of the subject (borrower)
 * indicators by α and of the debt-item (transaction) indicators by 1 − α, each group keeping
 * its internal proportions.
 */
export function subjectDebtWeights(
  indicators: readonly ScorecardIndicator[],
  debtItemCodes: ReadonlySet<string>,
  alpha: number,
): ScorecardIndicator[] {
  if (!(alpha >= 0 && alpha <= 1)) throw new ValidationError([{ path: ['alpha'], message: `α = ${alpha} must lie in [0, 1]` }]);
  const subjectTotal = indicators.filter((i) => !debtItemCodes.has(i.code)).reduce((s, i) => s + i.weight, 0);
  const debtTotal = indicators.filter((i) => debtItemCodes.has(i.code)).reduce((s, i) => s + i.weight, 0);
  if (!(subjectTotal > 0) || !(debtTotal > 0))
    throw new ValidationError([{ path: [], message: 'both the subject and the debt-item indicators need positive weights' }]);
  return indicators.map((i) => ({
    ...i,
    weight: debtItemCodes.has(i.code) ? ((1 - alpha) * i.weight) / debtTotal : (alpha * i.weight) / subjectTotal,
  }));
}

/** A dated score. */
export interface ScoreRecord {
  date: string;
  score: number;
  grade: string;
}

/** Append a dated score, keeping the history in date order; a date already scored is refused. */
export function addScore(history: readonly ScoreRecord[], record: ScoreRecord): ScoreRecord[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.date) || Number.isNaN(Date.parse(record.date)))
    throw new ValidationError([{ path: ['date'], message: `"${record.date}" is not a date (YYYY-MM-DD)` }]);
  if (history.some((h) => h.date === record.date))
    throw new ValidationError([
      { path: ['date'], message: `a score for ${record.date} is already recorded; history is never overwritten` },
    ]);
  return [...history, record].sort((a, b) => a.date.localeCompare(b.date));
}
