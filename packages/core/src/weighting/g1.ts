/**
 * G1 / order-relation method (SPEC §3.5; 郭亚军 Guo Yajun, 《综合评价理论与方法》 2002).
 * An expert orders the indicators from most to least important, x_1 ≻ x_2 ≻ … ≻ x_n, and gives
 * r_k = w_{k−1}/w_k for k = 2…n (verbal scale: 1.0 equal, 1.2 slightly, 1.4 clearly, 1.6 strongly,
 * 1.8 extremely more important). Then
 *   w_n = (1 + Σ_{k=2}^{n} ∏_{i=k}^{n} r_i)^(−1),  w_{k−1} = r_k·w_k.
 * Ratios must be ≥ 1: the order already says x_{k−1} is at least as important as x_k, so r < 1
 * contradicts it and is rejected (swap the two indicators instead) rather than silently
 * re-ordered. Values above 1.8 are accepted with a warning. A ratio may also be given by its
 * verbal term (`G1_SCALE`: "slightly", "稍微重要", …).
 * Group G1: each expert may give a different order; the weights of an indicator are averaged
 * over experts (weighted by expert weights, default equal).
 */
import { IssueList, ValidationError } from '../errors.ts';
import type { Label } from '../label.ts';

/** The verbal scale of G1 ratios r_k = w_{k−1}/w_k (Guo 2002), in English and Chinese. */
export const G1_SCALE: Readonly<Record<string, number>> = {
  equal: 1.0,
  slightly: 1.2,
  clearly: 1.4,
  strongly: 1.6,
  extremely: 1.8,
  同等重要: 1.0,
  稍微重要: 1.2,
  明显重要: 1.4,
  强烈重要: 1.6,
  极端重要: 1.8,
};

/** A ratio as a number or a term of `G1_SCALE`. */
export type G1Ratio = number | string;

export interface G1Options {
  labels?: Label[];
  /**
   * The indicators in their original (e.g. hierarchy) order; the result then also carries
   * `indicatorWeights` in that order. Must hold exactly the indicators of `order`.
   */
  indicators?: readonly string[];
}

export interface G1Result {
  /** Weights in `order`'s order (most important first). */
  weights: number[];
  order: string[];
  ratios: number[];
  /** The same weights keyed by indicator. */
  byIndicator: Record<string, number>;
  /** With `indicators`: the original order and the weights in it. */
  indicators?: string[];
  indicatorWeights?: number[];
  labels?: Label[];
  warnings: string[];
}

/** `indicators` must be a permutation of `order`; issues at `[name, k]`. */
function checkIndicatorSet(indicators: readonly string[], order: readonly string[], name: string, issues: IssueList): void {
  const inOrder = new Set(order);
  const seen = new Set<string>();
  indicators.forEach((c, k) => {
    if (!inOrder.has(c)) issues.add([name, k], `${c} is not in the order (${order.join(', ')})`);
    else if (seen.has(c)) issues.add([name, k], `${c} appears twice`);
    seen.add(c);
  });
  for (const c of order) if (!seen.has(c)) issues.add([name], `${c} of the order is missing`, order.join(', '));
}

/**
 * G1 weights for one expert (SPEC §3.5; Guo 2002):
 *   w_n = (1 + Σ_{k=2}^{n} ∏_{i=k}^{n} r_i)^(−1),  w_{k−1} = r_k·w_k.
 * Example: `g1Weights(['x1', 'x2', 'x3'], [1.2, 'clearly']).weights` → [1.68, 1.4, 1]/4.08.
 */
export function g1Weights(order: readonly string[], rawRatios: readonly G1Ratio[], options: G1Options = {}): G1Result {
  const issues = new IssueList();
  const n = order.length;
  if (n === 0) issues.add(['order'], 'the order is empty', 'the indicators from most to least important');
  order.forEach((c, k) => {
    if (typeof c !== 'string' || c === '') issues.add(['order', k], `${JSON.stringify(c)} is not an indicator name`);
    else if (order.indexOf(c) !== k) issues.add(['order', k], `${c} appears twice in the order`);
  });
  if (rawRatios.length !== Math.max(0, n - 1))
    issues.add(['ratios'], `${rawRatios.length} ratios for ${n} indicators; give r₂…rₙ (${Math.max(0, n - 1)} values)`);
  const warnings: string[] = [];
  const ratios = rawRatios.map((raw, k): number => {
    let r: number | undefined = typeof raw === 'number' ? raw : undefined;
    if (typeof raw === 'string') {
      const t = raw.trim();
      r = G1_SCALE[t] ?? (t !== '' && Number.isFinite(Number(t)) ? Number(t) : undefined);
      if (r === undefined) {
        issues.add(['ratios', k], `"${raw}" is neither a number nor a term of the G1 scale`, Object.keys(G1_SCALE).join(', '));
        return 1;
      }
    }
    if (typeof r !== 'number' || !Number.isFinite(r)) {
      issues.add(['ratios', k], `${String(raw)} is not a finite number`);
      return 1;
    }
    if (r < 1)
      issues.add(
        ['ratios', k],
        `r${k + 2} = ${r} is below 1, which contradicts the order (${order[k]} before ${order[k + 1]})`,
        'r ≥ 1; swap the two indicators in the order instead',
      );
    else if (r > 1.8) warnings.push(`r${k + 2} = ${r} is above the usual scale maximum 1.8`);
    return r;
  });
  if (options.labels !== undefined && options.labels.length !== n)
    issues.add(['labels'], `${options.labels.length} labels for ${n} indicators`);
  if (options.indicators !== undefined) checkIndicatorSet(options.indicators, order, 'indicators', issues);
  issues.throwIfAny();
  // Σ_{k=2}^{n} ∏_{i=k}^{n} r_i, accumulated from the end.
  let sum = 0;
  let prod = 1;
  for (let k = n - 1; k >= 1; k--) {
    prod *= ratios[k - 1];
    sum += prod;
  }
  const weights = new Array<number>(n);
  weights[n - 1] = 1 / (1 + sum);
  for (let k = n - 1; k >= 1; k--) weights[k - 1] = ratios[k - 1] * weights[k];
  const byIndicator = Object.fromEntries(order.map((c, k) => [c, weights[k]]));
  return {
    weights,
    order: [...order],
    ratios,
    byIndicator,
    ...(options.indicators ? { indicators: [...options.indicators], indicatorWeights: options.indicators.map((c) => byIndicator[c]) } : {}),
    ...(options.labels ? { labels: options.labels } : {}),
    warnings,
  };
}

export interface G1Expert {
  id?: string;
  weight?: number;
  order: string[];
  ratios: G1Ratio[];
}

export interface G1GroupResult {
  /** Indicators in the first expert's order. */
  indicators: string[];
  weights: number[];
  experts: { id: string; weight: number; byIndicator: Record<string, number> }[];
  warnings: string[];
}

/**
 * Group G1: w_j = Σ_e λ_e w_j^(e), the experts' weight vectors (each from its own order) averaged
 * per indicator with expert weights λ_e (default equal, normalised to sum 1). The result lists the
 * indicators in `indicators` (default: the first expert's order).
 */
export function g1Group(experts: readonly G1Expert[], options: { indicators?: readonly string[] } = {}): G1GroupResult {
  if (experts.length === 0) throw new ValidationError([{ path: [], message: 'no experts' }]);
  const issues = new IssueList();
  if (options.indicators !== undefined) checkIndicatorSet(options.indicators, experts[0].order, 'indicators', issues);
  const indicators = [...(options.indicators ?? experts[0].order)];
  const key = [...indicators].sort().join('\u0000');
  experts.forEach((e, k) => {
    if (e.weight !== undefined && !(Number.isFinite(e.weight) && e.weight > 0))
      issues.add([k, 'weight'], `expert weight ${e.weight} must be positive`);
    if ([...e.order].sort().join('\u0000') !== key)
      issues.add(
        [k, 'order'],
        `expert ${e.id ?? k + 1} orders ${e.order.join(', ')}; expected the same indicators as the first expert (${indicators.join(', ')})`,
      );
  });
  issues.throwIfAny();
  const total = experts.reduce((s, e) => s + (e.weight ?? 1), 0);
  const results = experts.map((e, k) => {
    try {
      return g1Weights(e.order, e.ratios);
    } catch (err) {
      if (err instanceof ValidationError) throw err.at(k);
      throw err;
    }
  });
  const weights = indicators.map((c) => results.reduce((s, r, k) => s + ((experts[k].weight ?? 1) / total) * r.byIndicator[c], 0));
  return {
    indicators,
    weights,
    experts: results.map((r, k) => ({
      id: experts[k].id ?? `E${k + 1}`,
      weight: (experts[k].weight ?? 1) / total,
      byIndicator: r.byIndicator,
    })),
    warnings: results.flatMap((r, k) => r.warnings.map((w) => `expert ${experts[k].id ?? k + 1}: ${w}`)),
  };
}
