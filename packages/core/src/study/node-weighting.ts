/**
 * Local weights of one node's children from a study's `weighting` entry (SPEC §3, §7): fixed
 * weights, AHP (one matrix), group AHP, IFAHP, G1, entropy or CRITIC on the alternatives' data,
 * [003]'s entropy of the comparison matrix, or a combination of a subjective and an objective
 * weighting (§3.7). Errors carry paths relative to the entry (`matrix[1][2]`, `subjective.…`).
 */
import { type Issue, ValidationError } from '../errors.ts';
import type { Direction, HierarchyNode } from '../hierarchy/tree.ts';
import { type AhpOptions, ahp } from '../weighting/ahp.ts';
import { type CombineRule, combineWeights } from '../weighting/combine.ts';
import { criticWeights } from '../weighting/critic.ts';
import { entropyOfComparisonMatrix, entropyWeights } from '../weighting/entropy.ts';
import { g1Weights } from '../weighting/g1.ts';
import { type GroupAggregation, groupAhp } from '../weighting/group-ahp.ts';
import { ifahp } from '../weighting/ifahp.ts';
import { iprFromUpper } from '../weighting/ifahp-scale.ts';
import type { BasicWeighting, WeightingSpec } from './schema.ts';

/** The weights of a node's children and the method's diagnostics. */
export interface NodeWeighting {
  method: WeightingSpec['method'];
  /** Local weights in the children's order. */
  weights: number[];
  /** The method's full result (CR, λmax, entropy, iterations, …). */
  details?: unknown;
  /** combine: the two inputs' own results. */
  subjective?: NodeWeighting;
  objective?: NodeWeighting;
  warnings: string[];
}

/** What a weighting may need besides its entry. */
export interface NodeWeightingContext {
  children: readonly HierarchyNode[];
  /** Rows = alternatives, columns = the children (leaves); for entropy/CRITIC on data. */
  data?: () => { matrix: number[][]; directions: Direction[] };
  ahp: Pick<AhpOptions, 'method' | 'ri' | 'lambda'>;
  aggregation?: GroupAggregation;
}

function rethrow(e: unknown, ...prefix: (string | number)[]): never {
  throw e instanceof ValidationError ? e.at(...prefix) : e;
}

function basic(
  spec: BasicWeighting,
  ctx: NodeWeightingContext,
  judgments?: { matrix: (number | null)[][]; scale?: 'saaty' | 'any' },
): NodeWeighting {
  const codes = ctx.children.map((c) => c.code);
  const n = codes.length;
  switch (spec.method) {
    case 'fixed': {
      let w: number[];
      if (Array.isArray(spec.weights)) {
        if (spec.weights.length !== n)
          throw new ValidationError([
            { path: ['weights'], message: `${spec.weights.length} weights for ${n} children`, allowed: codes.join(', ') },
          ]);
        w = spec.weights;
      } else {
        const given = spec.weights;
        const issues: Issue[] = codes.filter((c) => !(c in given)).map((c) => ({ path: ['weights'], message: `no weight for child ${c}` }));
        for (const k of Object.keys(given))
          if (!codes.includes(k))
            issues.push({ path: ['weights', k], message: `${k} is not a child of this node`, allowed: codes.join(', ') });
        if (issues.length > 0) throw new ValidationError(issues);
        w = codes.map((c) => given[c]);
      }
      return { method: 'fixed', weights: w, warnings: [] };
    }
    case 'ahp': {
      try {
        const r = ahp(spec.matrix, { ...ctx.ahp, labels: codes, ...(spec.scale ? { scale: spec.scale } : {}) });
        return { method: 'ahp', weights: r.weights, details: r, warnings: r.warnings };
      } catch (e) {
        return rethrow(e, 'matrix');
      }
    }
    case 'group-ahp': {
      try {
        const r = groupAhp(spec.experts, { ...ctx.ahp, labels: codes, aggregation: spec.aggregation ?? ctx.aggregation });
        return { method: 'group-ahp', weights: r.weights, details: r, warnings: r.warnings };
      } catch (e) {
        return rethrow(e, 'experts');
      }
    }
    case 'ifahp': {
      if (!spec.matrix === !spec.upper)
        throw new ValidationError([{ path: [], message: 'give the relation as `matrix` or as `upper`, not both or neither' }]);
      let matrix: number[][][];
      try {
        matrix = spec.matrix ?? iprFromUpper(spec.upper ?? {});
      } catch (e) {
        return rethrow(e, 'upper');
      }
      if (matrix.length !== n)
        throw new ValidationError([
          { path: [spec.matrix ? 'matrix' : 'upper'], message: `a ${matrix.length}×${matrix.length} relation for ${n} children` },
        ]);
      try {
        const r = ifahp(matrix, { tau: spec.tau, sigma: spec.sigma, labels: codes });
        return { method: 'ifahp', weights: r.weights, details: r, warnings: r.warnings };
      } catch (e) {
        return rethrow(e, spec.matrix ? 'matrix' : 'upper');
      }
    }
    case 'g1': {
      const missing = codes.filter((c) => !spec.order.includes(c));
      const extra = spec.order.filter((c) => !codes.includes(c));
      if (missing.length > 0 || extra.length > 0)
        throw new ValidationError([
          {
            path: ['order'],
            message: `the order must list every child once${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not children: ${extra.join(', ')}` : ''}`,
            allowed: codes.join(', '),
          },
        ]);
      const r = g1Weights(spec.order, spec.ratios);
      const byCode = new Map(spec.order.map((c, k) => [c, r.weights[k]]));
      return { method: 'g1', weights: codes.map((c) => byCode.get(c) as number), details: r, warnings: [] };
    }
    case 'entropy': {
      const on = spec.on ?? (spec.matrix || judgments ? 'judgments' : 'alternatives');
      if (on === 'judgments') {
        const m = spec.matrix ?? judgments?.matrix;
        if (!m)
          throw new ValidationError([
            { path: ['on'], message: 'entropy on judgments needs a `matrix`, or an AHP `subjective` weighting beside it in `combine`' },
          ]);
        if (m.length !== n)
          throw new ValidationError([{ path: ['matrix'], message: `a ${m.length}×${m.length} matrix for ${n} children` }]);
        try {
          const r = entropyOfComparisonMatrix(m, { labels: codes, ...(spec.matrix ? {} : { scale: judgments?.scale }) });
          return { method: 'entropy', weights: r.weights, details: r, warnings: r.warnings };
        } catch (e) {
          rethrow(e, 'matrix');
        }
      }
      const d = dataOf(ctx, 'entropy');
      const r = entropyWeights(d.matrix, { directions: d.directions, normalisation: spec.normalisation, labels: codes });
      return { method: 'entropy', weights: r.weights, details: r, warnings: r.warnings };
    }
    case 'critic': {
      const d = dataOf(ctx, 'critic');
      const r = criticWeights(d.matrix, { directions: d.directions, labels: codes });
      return { method: 'critic', weights: r.weights, details: r, warnings: [] };
    }
  }
}

function dataOf(ctx: NodeWeightingContext, method: string): { matrix: number[][]; directions: Direction[] } {
  if (!ctx.data)
    throw new ValidationError([
      { path: ['method'], message: `${method} on data needs the children to be indicators with values for every alternative` },
    ]);
  return ctx.data();
}

/** Weights of a node's children from its `weighting` entry. */
export function nodeWeighting(spec: WeightingSpec, ctx: NodeWeightingContext): NodeWeighting {
  if (spec.method !== 'combine') return basic(spec, ctx);
  let subjective: NodeWeighting;
  try {
    subjective = basic(spec.subjective, ctx);
  } catch (e) {
    rethrow(e, 'subjective');
  }
  const judgments = spec.subjective.method === 'ahp' ? { matrix: spec.subjective.matrix, scale: spec.subjective.scale } : undefined;
  let objective: NodeWeighting;
  try {
    objective = basic(spec.objective, ctx, judgments);
  } catch (e) {
    rethrow(e, 'objective');
  }
  const r = combineWeights(subjective.weights, objective.weights, {
    rule: spec.rule as CombineRule | undefined,
    alpha: spec.alpha,
    normalise: true,
  });
  return {
    method: 'combine',
    weights: r.weights,
    details: r,
    subjective,
    objective,
    warnings: [...subjective.warnings, ...objective.warnings, ...r.warnings],
  };
}
