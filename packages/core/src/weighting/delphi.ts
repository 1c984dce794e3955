/**
 * Delphi screening statistics (SPEC §3.8, [004]): for one round of importance scores
 * (rows = experts, columns = indicators), per indicator the mean M_j, the full-score frequency
 * K_j (share of experts giving the top score), the standard deviation S_j and CV_j = S_j / M_j;
 * the thresholds over all indicators of the round
 *   mean:  mean(M) − sd(M)  (pass when M_j is above),
 *   full:  mean(K) − sd(K)  (pass when K_j is above),
 *   CV:    mean(CV) + sd(CV) (pass when CV_j is below),
 * and the decision of [004]: fails all three → delete; fails one or two → discuss; else keep.
 * A value exactly at a threshold meets it ([004] says "above"/"below" the critical value; with
 * continuous statistics ties do not arise, but where every indicator has the same statistics the
 * sd is 0, each threshold equals the common value, and a strict comparison would delete them all).
 * Comparisons allow a relative 1e-12 for rounding in the means.
 * Concordance of the panel: Kendall's W with the tie correction, χ² and p. The sd is the sample
 * (n − 1) version by default — what Excel's STDEV and SPSS report — or the population one.
 */
import { IssueList } from '../errors.ts';
import type { Label } from '../label.ts';
import { mean, type SdKind, sd } from '../numeric/stats.ts';
import { type KendallResult, kendallW } from './kendall.ts';

/** The named importance scales: [004]'s 1/3/5, and 1–5, 1–10. */
export type DelphiScale = '1-3-5' | '1-5' | '1-10';

/** Any scale `delphiRound` takes: the named ones or the integers 1–K (`"1-7"`, K from 2 to 100). */
export type DelphiScaleName = DelphiScale | `1-${number}`;

/** The syntax of a scale name, for schemas: `1-3-5`, or `1-K` with K from 2 to 100. */
export const DELPHI_SCALE_PATTERN = /^(1-3-5|1-([2-9]|[1-9][0-9]|100))$/;

export const DELPHI_SCALES: Readonly<Record<DelphiScale, { values: readonly number[]; top: number }>> = {
  '1-3-5': { values: [1, 3, 5], top: 5 },
  '1-5': { values: [1, 2, 3, 4, 5], top: 5 },
  '1-10': { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], top: 10 },
};

/** The scores of scale `name` and its top, or undefined for a name that is not a scale. */
export function delphiScaleValues(name: string): { values: readonly number[]; top: number } | undefined {
  if (name in DELPHI_SCALES) return DELPHI_SCALES[name as DelphiScale];
  if (!DELPHI_SCALE_PATTERN.test(name)) return undefined;
  const top = Number(name.slice(2));
  return { values: Array.from({ length: top }, (_, k) => k + 1), top };
}

/** Whether a statistic meets its threshold: `at-least` (mean, full-score frequency) or `at-most` (CV); equality meets it. */
export function meetsThreshold(value: number, threshold: number, side: 'at-least' | 'at-most'): boolean {
  const eps = 1e-12 * Math.max(1, Math.abs(threshold));
  return side === 'at-least' ? value >= threshold - eps : value <= threshold + eps;
}

export type DelphiDecision = 'keep' | 'discuss' | 'delete';

export interface DelphiIndicator {
  indicator: string;
  label?: Label;
  mean: number;
  fullScoreFrequency: number;
  sd: number;
  cv: number;
  passes: { mean: boolean; fullScoreFrequency: boolean; cv: boolean };
  /** How many of the three thresholds it fails. */
  failed: number;
  decision: DelphiDecision;
}

export interface DelphiRoundResult {
  indicators: DelphiIndicator[];
  thresholds: { mean: number; fullScoreFrequency: number; cv: number };
  counts: Record<DelphiDecision, number>;
  kendallW: number;
  chiSquare: number;
  df: number;
  p: number;
  kendall: KendallResult | null;
  scale: DelphiScaleName;
  fullScore: number;
  sdKind: SdKind;
  experts: number;
  warnings: string[];
}

export interface DelphiRoundOptions {
  /**
   * The scale (default: 1–fullScore when `fullScore` is given, else [004]'s 1-3-5): "1-3-5", "1-5",
   * "1-10", or any "1-K".
   */
  scale?: DelphiScaleName;
  /** The top score counted by the full-score frequency (default: the scale's top). */
  fullScore?: number;
  sd?: SdKind;
  /** Indicator codes (default "1", "2", …). */
  indicators?: string[];
  labels?: Label[];
}

/** Statistics and screening of one round; errors name `[expert, indicator]` cells. */
export function delphiRound(scores: readonly (readonly number[])[], options: DelphiRoundOptions = {}): DelphiRoundResult {
  const issues = new IssueList();
  const implied = options.fullScore;
  if (options.scale === undefined && implied !== undefined && !(Number.isInteger(implied) && implied >= 2 && implied <= 100)) {
    issues.add(
      ['fullScore'],
      `full score ${String(implied)} implies no scale`,
      'a whole number from 2 to 100 (the scale is then 1 to it), or give the scale',
    );
    issues.throwIfAny();
  }
  const scale: DelphiScaleName = options.scale ?? (implied !== undefined ? `1-${implied}` : '1-3-5');
  const sdKind = options.sd ?? 'sample';
  const scaleValues = delphiScaleValues(scale);
  if (!scaleValues) {
    issues.add(['scale'], `unknown scale "${scale}"`, '1-3-5, 1-5, 1-10, or any 1-K with K a whole number from 2 to 100 (e.g. 1-7)');
    issues.throwIfAny();
  }
  if (sdKind !== 'sample' && sdKind !== 'population') issues.add(['sd'], `unknown sd "${sdKind}"`, 'sample, population');
  const { values, top } = scaleValues as { values: readonly number[]; top: number };
  const fullScore = options.fullScore ?? top;
  const m = Array.isArray(scores) ? scores.length : 0;
  const n = m > 0 && Array.isArray(scores[0]) ? scores[0].length : 0;
  if (m < 2) issues.add([], `${m} expert${m === 1 ? '' : 's'}; a Delphi round needs at least 2 (rows = experts)`);
  if (n < 2) issues.add([], `${n} indicator${n === 1 ? '' : 's'}; screening needs at least 2 (columns = indicators)`);
  issues.throwIfAny();
  scores.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n)
      issues.add([i], `expert ${i} scored ${Array.isArray(row) ? row.length : 0} indicators but expert 0 scored ${n}`);
    else
      row.forEach((v, j) => {
        if (!values.includes(v)) issues.add([i, j], `score ${String(v)} is not on the ${scale} scale`, values.join(', '));
      });
  });
  const codes = options.indicators ?? Array.from({ length: n }, (_, j) => String(j + 1));
  if (codes.length !== n) issues.add(['indicators'], `${codes.length} indicator codes for ${n} columns`);
  const firstColumn = new Map<string, number>();
  codes.forEach((c, j) => {
    const first = firstColumn.get(c);
    if (first === undefined) firstColumn.set(c, j);
    else
      issues.add(
        ['indicators', j],
        `indicator code ${c} appears twice (columns ${first} and ${j}): each column screens a different indicator`,
        'one distinct code per column',
      );
  });
  if (options.labels !== undefined && options.labels.length !== n)
    issues.add(['labels'], `${options.labels.length} labels for ${n} columns`);
  if (!values.includes(fullScore)) issues.add(['fullScore'], `full score ${fullScore} is not on the ${scale} scale`, values.join(', '));
  issues.throwIfAny();
  const warnings: string[] = [];
  const stats = codes.map((code, j) => {
    const col = scores.map((r) => r[j]);
    const mj = mean(col);
    const sj = sd(col, sdKind);
    return { code, mean: mj, full: col.filter((v) => v === fullScore).length / m, sd: sj, cv: sj / mj };
  });
  const thr = (xs: number[], sign: 1 | -1) => mean(xs) + sign * sd(xs, sdKind);
  const thresholds = {
    mean: thr(
      stats.map((s) => s.mean),
      -1,
    ),
    fullScoreFrequency: thr(
      stats.map((s) => s.full),
      -1,
    ),
    cv: thr(
      stats.map((s) => s.cv),
      1,
    ),
  };
  const counts: Record<DelphiDecision, number> = { keep: 0, discuss: 0, delete: 0 };
  const indicators = stats.map((s, j) => {
    const passes = {
      mean: meetsThreshold(s.mean, thresholds.mean, 'at-least'),
      fullScoreFrequency: meetsThreshold(s.full, thresholds.fullScoreFrequency, 'at-least'),
      cv: meetsThreshold(s.cv, thresholds.cv, 'at-most'),
    };
    const failed = [passes.mean, passes.fullScoreFrequency, passes.cv].filter((p) => !p).length;
    const decision: DelphiDecision = failed === 3 ? 'delete' : failed > 0 ? 'discuss' : 'keep';
    counts[decision]++;
    return {
      indicator: s.code,
      ...(options.labels ? { label: options.labels[j] } : {}),
      mean: s.mean,
      fullScoreFrequency: s.full,
      sd: s.sd,
      cv: s.cv,
      passes,
      failed,
      decision,
    };
  });
  // Concordance: objects = indicators (rows), raters = experts (columns).
  let kendall: KendallResult | null = null;
  try {
    kendall = kendallW(codes.map((_, j) => scores.map((r) => r[j])));
  } catch {
    warnings.push('every expert gave every indicator the same score: Kendall’s W is undefined');
  }
  return {
    indicators,
    thresholds,
    counts,
    kendallW: kendall?.w ?? 0,
    chiSquare: kendall?.chiSquare ?? 0,
    df: n - 1,
    p: kendall?.p ?? 1,
    kendall,
    scale,
    fullScore,
    sdKind,
    experts: m,
    warnings,
  };
}

/** An expert's authority Cr = (Ca + Cs)/2: Ca judgment basis, Cs familiarity, both in [0, 1]. */
export function authorityCoefficient(experts: readonly { id?: string; ca: number; cs: number }[]): {
  experts: { id: string; ca: number; cs: number; cr: number }[];
  mean: number;
} {
  const issues = new IssueList();
  experts.forEach((e, k) => {
    for (const f of ['ca', 'cs'] as const) {
      if (typeof e[f] !== 'number' || !(e[f] >= 0 && e[f] <= 1)) issues.add([k, f], `${f} = ${String(e[f])} must be a number from 0 to 1`);
    }
  });
  if (experts.length === 0) issues.add([], 'no experts');
  issues.throwIfAny();
  const rows = experts.map((e, k) => ({ id: e.id ?? `E${k + 1}`, ca: e.ca, cs: e.cs, cr: (e.ca + e.cs) / 2 }));
  return { experts: rows, mean: mean(rows.map((r) => r.cr)) };
}

/** Delphi weights [002 §1]: experts' direct weight estimates (rows) averaged per indicator and normalised. */
export function delphiWeights(estimates: readonly (readonly number[])[]): { weights: number[]; means: number[] } {
  const issues = new IssueList();
  const n = estimates[0]?.length ?? 0;
  if (estimates.length === 0 || n === 0) issues.add([], 'no estimates', 'rows = experts, columns = indicators');
  estimates.forEach((row, i) => {
    if (row.length !== n) issues.add([i], `expert ${i} estimated ${row.length} weights but expert 0 estimated ${n}`);
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) issues.add([i, j], `${String(v)} is not a non-negative number`);
    });
  });
  issues.throwIfAny();
  const means = Array.from({ length: n }, (_, j) => mean(estimates.map((r) => r[j])));
  const total = means.reduce((s, x) => s + x, 0);
  if (!(total > 0)) issues.add([], 'all estimates are 0');
  issues.throwIfAny();
  return { weights: means.map((x) => x / total), means };
}
