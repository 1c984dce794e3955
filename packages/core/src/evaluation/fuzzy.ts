/**
 * Multi-level fuzzy comprehensive evaluation (SPEC §4.2, [004]).
 *
 * Grades V with scores ([004]: no risk 10, slight 8, moderate 6, severe 4, extremely severe 2;
 * a higher score means lower risk). Each indicator has a membership vector r over the grades —
 * from a score (triangular between adjacent grade centres, so 9 is 0.5 "no risk" + 0.5 "slight";
 * or trapezoidal), from expert votes (shares), or from a quantitative value through thresholds.
 * Composition B = W ∘ R with
 *   weighted-average M(·,⊕): b_g = Σ_i w_i r_ig                (default)
 *   min-max          M(∧,∨): b_g = max_i min(w_i, r_ig)
 *   product-max      M(·,∨): b_g = max_i w_i r_ig
 *   min-bounded-sum  M(∧,⊕): b_g = min(1, Σ_i min(w_i, r_ig))
 * B is normalised to sum 1 when the operator does not keep it (both bRaw and b are reported).
 * Score S = B·V; grade by maximum membership, and by the weighted average (the grade whose score
 * is nearest to S). Multi-level: leaves → parents → … → goal, keeping B at every node.
 */
import { IssueList, ValidationError } from '../errors.ts';
import { type Label, labelText } from '../label.ts';

export interface Grade {
  name: Label;
  score: number;
}

/** [004]'s five grades. */
export const DEFAULT_GRADES: readonly Grade[] = [
  { name: { zh: '无风险', en: 'no risk' }, score: 10 },
  { name: { zh: '轻度风险', en: 'slight risk' }, score: 8 },
  { name: { zh: '中度风险', en: 'moderate risk' }, score: 6 },
  { name: { zh: '重度风险', en: 'severe risk' }, score: 4 },
  { name: { zh: '特重度风险', en: 'extremely severe risk' }, score: 2 },
];

export type FuzzyOperator = 'weighted-average' | 'min-max' | 'product-max' | 'min-bounded-sum';
export const FUZZY_OPERATORS: readonly FuzzyOperator[] = ['weighted-average', 'min-max', 'product-max', 'min-bounded-sum'];

/** Check a grade set: at least 2 grades, finite distinct scores. */
export function checkGrades(grades: readonly Grade[]): void {
  const issues = new IssueList();
  if (!Array.isArray(grades) || grades.length < 2) issues.add(['grades'], 'a grade set needs at least 2 grades');
  else
    grades.forEach((g, k) => {
      if (typeof g.score !== 'number' || !Number.isFinite(g.score))
        issues.add(['grades', k, 'score'], `${String(g.score)} is not a finite number`);
      else if (grades.findIndex((o) => o.score === g.score) !== k)
        issues.add(['grades', k, 'score'], `score ${g.score} is used by two grades`);
    });
  issues.throwIfAny();
}

/** Grade indices sorted by ascending score. */
function ascending(grades: readonly Grade[]): number[] {
  return grades.map((_, k) => k).sort((a, b) => grades[a].score - grades[b].score);
}

/**
 * Membership of a score, triangular between adjacent grade centres (`plateau` = 0), or
 * trapezoidal: full membership within ±plateau·gap/2 of a centre (0 < plateau < 1), linear between.
 * Scores beyond the extreme centres belong fully to the extreme grade.
 */
export function membershipFromScore(score: number, grades: readonly Grade[] = DEFAULT_GRADES, plateau = 0): number[] {
  const r = new Array<number>(grades.length).fill(0);
  const up = ascending(grades);
  const lo = grades[up[0]].score;
  const hi = grades[up[up.length - 1]].score;
  if (score <= lo) {
    r[up[0]] = 1;
    return r;
  }
  if (score >= hi) {
    r[up[up.length - 1]] = 1;
    return r;
  }
  for (let t = 0; t + 1 < up.length; t++) {
    const a = grades[up[t]].score;
    const b = grades[up[t + 1]].score;
    if (score >= a && score <= b) {
      const half = (plateau * (b - a)) / 2;
      const from = a + half;
      const to = b - half;
      const u = score <= from ? 0 : score >= to ? 1 : (score - from) / (to - from);
      r[up[t]] = 1 - u;
      r[up[t + 1]] = u;
      return r;
    }
  }
  return r;
}

/** Membership from expert votes: the share of experts choosing each grade. */
export function membershipFromVotes(votes: readonly number[]): number[] {
  const total = votes.reduce((s, v) => s + v, 0);
  if (!(total > 0)) throw new ValidationError([{ path: [], message: 'no votes: the counts sum to 0' }]);
  return votes.map((v) => v / total);
}

/**
 * Membership of a quantitative value through thresholds: `thresholds[k]` is the value that is
 * fully grade k; values between two thresholds interpolate linearly (in any order, so cost-type
 * indicators whose better values are lower work too); beyond the ends, the end grade.
 */
export function membershipFromThresholds(
  value: number,
  thresholds: readonly number[],
  grades: readonly Grade[] = DEFAULT_GRADES,
): number[] {
  if (thresholds.length !== grades.length)
    throw new ValidationError([{ path: ['thresholds'], message: `${thresholds.length} thresholds for ${grades.length} grades` }]);
  // Map the value to the grade-score axis by interpolating between (threshold_k, score_k).
  const pts = thresholds.map((t, k) => [t, grades[k].score] as const).sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < pts.length; k++)
    if (pts[k][0] === pts[k - 1][0])
      throw new ValidationError([{ path: ['thresholds'], message: `two grades share the threshold ${pts[k][0]}` }]);
  let s: number;
  if (value <= pts[0][0]) s = pts[0][1];
  else if (value >= pts[pts.length - 1][0]) s = pts[pts.length - 1][1];
  else {
    const k = pts.findIndex((p) => p[0] >= value);
    const [x0, y0] = pts[k - 1];
    const [x1, y1] = pts[k];
    s = y0 + ((value - x0) / (x1 - x0)) * (y1 - y0);
  }
  return membershipFromScore(s, grades);
}

/** B = W ∘ R with the operator; returns bRaw and b (normalised). */
export function compose(
  weights: readonly number[],
  r: readonly (readonly number[])[],
  operator: FuzzyOperator = 'weighted-average',
): { bRaw: number[]; b: number[] } {
  const g = r[0]?.length ?? 0;
  const bRaw = new Array<number>(g).fill(0);
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    const row = r[i];
    for (let k = 0; k < g; k++) {
      const x = row[k];
      switch (operator) {
        case 'weighted-average':
          bRaw[k] += w * x;
          break;
        case 'min-max':
          bRaw[k] = Math.max(bRaw[k], Math.min(w, x));
          break;
        case 'product-max':
          bRaw[k] = Math.max(bRaw[k], w * x);
          break;
        case 'min-bounded-sum':
          bRaw[k] += Math.min(w, x);
          break;
      }
    }
  }
  if (operator === 'min-bounded-sum') for (let k = 0; k < g; k++) bRaw[k] = Math.min(1, bRaw[k]);
  const total = bRaw.reduce((s, x) => s + x, 0);
  return { bRaw, b: total > 0 ? bRaw.map((x) => x / total) : bRaw.map(() => 1 / g) };
}

/** Score S = B·V and the two grade rules. */
export function gradeOf(
  b: readonly number[],
  grades: readonly Grade[],
): { score: number; gradeMaxMembership: number; gradeWeightedAverage: number } {
  const score = b.reduce((s, x, k) => s + x * grades[k].score, 0);
  let gmax = 0;
  for (let k = 1; k < b.length; k++) if (b[k] > b[gmax] + 1e-15) gmax = k;
  let gavg = 0;
  for (let k = 1; k < grades.length; k++) if (Math.abs(grades[k].score - score) < Math.abs(grades[gavg].score - score) - 1e-15) gavg = k;
  return { score, gradeMaxMembership: gmax, gradeWeightedAverage: gavg };
}

/**
 * A node of a fuzzy evaluation tree: a leaf has `membership`; a criterion has children and their
 * weights, either as `weights` over `children` (in their order) or as a `weight` on each child.
 */
export interface FuzzyNode {
  code?: string;
  name?: Label;
  weight?: number;
  /** The children's local weights, in their order (instead of a `weight` on each child). */
  weights?: number[];
  membership?: number[];
  children?: FuzzyNode[];
}

export interface FuzzyNodeResult {
  code: string;
  name?: Label;
  weight?: number;
  /** The children's weights as used, when the node gave them as `weights`. */
  weights?: number[];
  bRaw: number[];
  b: number[];
  score: number;
  /** Grade index by maximum membership. */
  grade: number;
  gradeName: string;
  /** Grade index by the weighted-average principle (nearest grade score to S). */
  gradeWeightedAverage: number;
  children?: FuzzyNodeResult[];
}

export interface FuzzyResult {
  b: number[];
  bRaw: number[];
  score: number;
  grade: number;
  gradeName: string;
  gradeWeightedAverage: number;
  gradeRule: 'maximum membership (gradeWeightedAverage: nearest grade score to S)';
  operator: FuzzyOperator;
  grades: Grade[];
  root: FuzzyNodeResult;
  warnings: string[];
}

export interface FuzzyOptions {
  grades?: readonly Grade[];
  operator?: FuzzyOperator;
  normalise?: boolean;
}

/** Evaluate a fuzzy tree (or a flat node whose children are leaves). Errors carry data paths. */
export function fuzzyEvaluate(root: FuzzyNode, options: FuzzyOptions = {}): FuzzyResult {
  const grades = [...(options.grades ?? DEFAULT_GRADES)];
  const operator = options.operator ?? 'weighted-average';
  checkGrades(grades);
  if (!FUZZY_OPERATORS.includes(operator))
    throw new ValidationError([{ path: ['operator'], message: `unknown operator "${operator}"`, allowed: FUZZY_OPERATORS.join(', ') }]);
  const g = grades.length;
  const issues = new IssueList();
  const warnings: string[] = [];
  const visit = (node: FuzzyNode, path: (string | number)[], code: string): FuzzyNodeResult | undefined => {
    if (node.children && node.children.length > 0) {
      const kids = node.children.map((c, k) => visit(c, [...path, 'children', k], c.code ?? `${code}.${k + 1}`));
      const own = node.weights;
      const kidsWithWeight = node.children.map((c, k) => (c.weight !== undefined ? k : -1)).filter((k) => k >= 0);
      if (own !== undefined && kidsWithWeight.length > 0)
        issues.add(
          [...path, 'weights'],
          `${code}: weights are given both as ${code}'s weights and on child ${kidsWithWeight.map((k) => node.children?.[k].code ?? k).join(', ')}`,
          'weights: [...] over children, or a weight on each child, not both',
        );
      else if (own !== undefined && own.length !== node.children.length)
        issues.add(
          [...path, 'weights'],
          `${code}: ${own.length} weights for ${node.children.length} children`,
          `one weight per child, in the order of children (${node.children.length})`,
        );
      const weights = own ?? node.children.map((c) => c.weight);
      weights.forEach((wk, k) => {
        if (wk === undefined || !Number.isFinite(wk) || wk < 0)
          issues.add(
            own ? [...path, 'weights', k] : [...path, 'children', k, 'weight'],
            `${node.children?.[k]?.code ?? code}: weight ${String(wk)} must be a number ≥ 0`,
            own ? undefined : `a weight on each child, or weights: [...] on ${code}`,
          );
      });
      if (kids.some((k) => !k) || !issues.empty) return undefined;
      let w = weights as number[];
      const total = w.reduce((s, x) => s + x, 0);
      if (Math.abs(total - 1) > 1e-6) {
        if (!options.normalise || !(total > 0)) {
          issues.add(
            [...path, 'children'],
            `${code}: the children's weights sum to ${Number(total.toPrecision(10))}, not 1`,
            'weights summing to 1, or --normalise',
          );
          return undefined;
        }
        w = w.map((x) => x / total);
        warnings.push(`${code}: weights summed to ${Number(total.toPrecision(10))}; normalised`);
      }
      const { bRaw, b } = compose(
        w,
        (kids as FuzzyNodeResult[]).map((k) => k.b),
        operator,
      );
      const gr = gradeOf(b, grades);
      return {
        code,
        ...(node.name ? { name: node.name } : {}),
        ...(node.weight !== undefined ? { weight: node.weight } : {}),
        ...(own !== undefined ? { weights: w } : {}),
        bRaw,
        b,
        score: gr.score,
        grade: gr.gradeMaxMembership,
        gradeName: labelText(grades[gr.gradeMaxMembership].name),
        gradeWeightedAverage: gr.gradeWeightedAverage,
        children: kids as FuzzyNodeResult[],
      };
    }
    const r = node.membership;
    if (!Array.isArray(r) || r.length !== g) {
      issues.add([...path, 'membership'], `${code}: membership has ${Array.isArray(r) ? r.length : 0} values but there are ${g} grades`);
      return undefined;
    }
    let bad = false;
    r.forEach((x, k) => {
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1) {
        issues.add([...path, 'membership', k], `${code}: membership ${String(x)} must lie in [0, 1]`);
        bad = true;
      }
    });
    if (bad) return undefined;
    const total = r.reduce((s, x) => s + x, 0);
    if (!(total > 0)) {
      issues.add([...path, 'membership'], `${code}: the membership vector is all zero`);
      return undefined;
    }
    const b = r.map((x) => x / total);
    const gr = gradeOf(b, grades);
    return {
      code,
      ...(node.name ? { name: node.name } : {}),
      ...(node.weight !== undefined ? { weight: node.weight } : {}),
      bRaw: [...r],
      b,
      score: gr.score,
      grade: gr.gradeMaxMembership,
      gradeName: labelText(grades[gr.gradeMaxMembership].name),
      gradeWeightedAverage: gr.gradeWeightedAverage,
    };
  };
  const res = visit(root, [], root.code ?? 'root');
  if (!issues.empty || !res) throw new ValidationError(issues.issues);
  return {
    b: res.b,
    bRaw: res.bRaw,
    score: res.score,
    grade: res.grade,
    gradeName: res.gradeName,
    gradeWeightedAverage: res.gradeWeightedAverage,
    gradeRule: 'maximum membership (gradeWeightedAverage: nearest grade score to S)',
    operator,
    grades,
    root: res,
    warnings,
  };
}
