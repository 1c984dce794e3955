/**
 * Scoring rules for quantitative indicators (SPEC §4.1): data the analyst edits.
 * - `ranges`: a table of [from, to) ranges, each with a score (piecewise constant); ranges are
 *   ordered, do not overlap and leave no gap; open ends with null.
 * - `linear`: breakpoints (value, score) with linear interpolation between them and the end
 *   scores beyond; values strictly increasing.
 * Qualitative indicators are scored directly on the 7-level scale (1 = very high risk … 7 = very
 * low risk).
 */
import { IssueList, ValidationError } from '../errors.ts';

/** The 7-level qualitative scale of [002 §1]. */
export const SEVEN_LEVEL_SCALE = [
  { score: 1, en: 'very high risk', zh: '风险很高' },
  { score: 2, en: 'high risk', zh: '风险高' },
  { score: 3, en: 'rather high risk', zh: '风险较高' },
  { score: 4, en: 'medium risk', zh: '风险一般' },
  { score: 5, en: 'rather low risk', zh: '风险较低' },
  { score: 6, en: 'low risk', zh: '风险低' },
  { score: 7, en: 'very low risk', zh: '风险很低' },
] as const;

export type ScoringRule =
  | { type: 'ranges'; ranges: { from: number | null; to: number | null; score: number }[] }
  | { type: 'linear'; points: [number, number][] };

/** Validate a rule; errors carry paths inside the rule (`ranges[2].from`). */
export function checkScoringRule(rule: ScoringRule): void {
  const issues = new IssueList();
  if (rule.type === 'ranges') {
    const r = rule.ranges;
    if (!Array.isArray(r) || r.length === 0) issues.add(['ranges'], 'a range table needs at least one range');
    else
      r.forEach((x, k) => {
        if (!Number.isFinite(x.score)) issues.add(['ranges', k, 'score'], `${String(x.score)} is not a finite score`);
        if (x.from !== null && x.to !== null && !(x.from < x.to)) issues.add(['ranges', k], `from ${x.from} must be below to ${x.to}`);
        if (k > 0) {
          const prev = r[k - 1];
          if (prev.to === null || x.from === null)
            issues.add(['ranges', k, 'from'], 'only the first range may start open and only the last may end open');
          else if (x.from > prev.to)
            issues.add(['ranges', k, 'from'], `gap between ${prev.to} and ${x.from}`, 'ranges that meet: each from equals the previous to');
          else if (x.from < prev.to)
            issues.add(
              ['ranges', k, 'from'],
              `overlaps the previous range (which ends at ${prev.to})`,
              'ranges in increasing order that meet',
            );
        }
      });
  } else if (rule.type === 'linear') {
    const p = rule.points;
    if (!Array.isArray(p) || p.length < 2) issues.add(['points'], 'piecewise-linear scoring needs at least 2 breakpoints');
    else
      p.forEach((pt, k) => {
        if (!Array.isArray(pt) || pt.length !== 2 || !pt.every(Number.isFinite))
          issues.add(['points', k], `${JSON.stringify(pt)} is not a [value, score] pair`);
        else if (k > 0 && !(pt[0] > p[k - 1][0]))
          issues.add(['points', k], `value ${pt[0]} must be above the previous breakpoint ${p[k - 1][0]}`, 'strictly increasing values');
      });
  } else issues.add(['type'], `unknown rule type "${(rule as { type: string }).type}"`, 'ranges, linear');
  issues.throwIfAny();
}

/** The score of `value` under `rule` (validated). Values outside a closed range table are an error. */
export function applyScoringRule(rule: ScoringRule, value: number): number {
  if (!Number.isFinite(value)) throw new ValidationError([{ path: [], message: `${value} is not a finite number` }]);
  if (rule.type === 'linear') {
    const p = rule.points;
    if (value <= p[0][0]) return p[0][1];
    if (value >= p[p.length - 1][0]) return p[p.length - 1][1];
    let k = 1;
    while (p[k][0] < value) k++;
    const [x0, y0] = p[k - 1];
    const [x1, y1] = p[k];
    return y0 + ((value - x0) / (x1 - x0)) * (y1 - y0);
  }
  for (const r of rule.ranges) {
    if ((r.from === null || value >= r.from) && (r.to === null || value < r.to)) return r.score;
  }
  const first = rule.ranges[0];
  const last = rule.ranges[rule.ranges.length - 1];
  throw new ValidationError([{ path: [], message: `${value} is outside the scoring table (${first.from ?? '−∞'} to ${last.to ?? '+∞'})` }]);
}
