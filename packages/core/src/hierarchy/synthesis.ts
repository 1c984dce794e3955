/**
 * Hierarchical synthesis (SPEC §3.1, [002 §1]): local weights of each node's children from its
 * pairwise `matrix` (AHP) or its `experts` (group AHP), or from the children's `weight`; global
 * weights as products along the path; and the total-ranking consistency of every level,
 *   CR_level = Σ_j a_j·CI_j / Σ_j a_j·RI_j,
 * over the criteria j one level up that carry a matrix, a_j their global weight — checked level
 * by level from the top (a level is consistent when CR_level < 0.10).
 */
import { ValidationError } from '../errors.ts';
import type { Label } from '../label.ts';
import { type AhpOptions, type AhpResult, ahp, CR_THRESHOLD, consistency } from '../weighting/ahp.ts';
import { type GroupAggregation, type GroupAhpResult, groupAhp } from '../weighting/group-ahp.ts';
import { randomIndex } from '../weighting/random-index.ts';
import { globalWeights, type WeightedNode } from './global-weights.ts';
import type { HierarchyNode } from './tree.ts';
import { type HierarchyValidationOptions, validateHierarchy } from './validate.ts';

export interface SynthesisOptions extends HierarchyValidationOptions, Pick<AhpOptions, 'method' | 'ri' | 'lambda' | 'incompleteMethod'> {
  aggregation?: GroupAggregation;
}

export interface SynthesisNode extends WeightedNode {
  /** For nodes whose children are weighted by a matrix or experts: the consistency of that judgment. */
  cr?: number;
  ci?: number;
  ri?: number;
  lambdaMax?: number;
  consistent?: boolean;
  /** Where this node's children's weights came from. */
  weightSource?: 'weights' | 'matrix' | 'experts';
  inconsistentExperts?: string[];
}

export interface SynthesisLevel {
  /** Depth of the level's elements (1 = first-level criteria). */
  depth: number;
  /** Σ a_j CI_j / Σ a_j RI_j over the parents with a matrix; 0 when none has RI > 0. */
  cr: number;
  consistent: boolean;
  /** How many parent judgments entered the level's CR. */
  judgments: number;
}

export interface SynthesisResult {
  nodes: SynthesisNode[];
  levels: SynthesisLevel[];
  /** Leaves only, in depth-first order. */
  leaves: { code: string; name: Label; globalWeight: number | null }[];
  /** True when every judgment and every level passes CR < 0.10. */
  consistent: boolean;
  method: AhpResult['method'];
  riTable: AhpResult['riTable'];
  tolerance: number;
  warnings: string[];
}

/** Validate `tree` and synthesise its weights. Errors name the code path and the data path. */
export function synthesiseHierarchy(tree: unknown, options: SynthesisOptions = {}): SynthesisResult {
  const { root, warnings, tolerance } = validateHierarchy(tree, options);
  const ahpOptions: AhpOptions = {
    method: options.method,
    ri: options.ri,
    lambda: options.lambda,
    incompleteMethod: options.incompleteMethod,
    skipHelp: true,
  };
  const judged = new Map<
    string,
    { result: AhpResult | GroupAhpResult; ci: number; ri: number; lambdaMax: number; cr: number; source: 'matrix' | 'experts' }
  >();
  const local = new Map<string, number>();
  const paths = new Map<HierarchyNode, (string | number)[]>();
  const index = (node: HierarchyNode, path: (string | number)[]) => {
    paths.set(node, path);
    node.children?.forEach((c, k) => {
      index(c, [...path, 'children', k]);
    });
  };
  index(root, []);
  const judge = (node: HierarchyNode) => {
    const kids = node.children ?? [];
    const labels = kids.map((c) => c.code);
    const path = paths.get(node) ?? [];
    try {
      if (node.matrix) {
        const r = ahp(node.matrix, { ...ahpOptions, labels });
        judged.set(node.code, { result: r, ci: r.ci, ri: r.ri, lambdaMax: r.lambdaMax, cr: r.cr, source: 'matrix' });
        kids.forEach((c, k) => {
          local.set(c.code, r.weights[k]);
        });
        for (const w of r.warnings) warnings.push(`${node.code}: ${w}`);
      } else if (node.experts) {
        const r = groupAhp(node.experts, { ...ahpOptions, labels, aggregation: node.aggregation ?? options.aggregation });
        // AIJ: the aggregated matrix's CI; AIP: the experts' weighted CI. RI depends on n only.
        const ci = r.group ? r.group.ci : r.experts.reduce((s, e) => s + e.weight * consistency(e.lambdaMax, kids.length, r.riTable).ci, 0);
        const ri = randomIndex(kids.length, r.riTable);
        judged.set(node.code, { result: r, ci, ri, lambdaMax: r.group?.lambdaMax ?? Number.NaN, cr: r.cr, source: 'experts' });
        kids.forEach((c, k) => {
          local.set(c.code, r.weights[k]);
        });
        for (const w of r.warnings) warnings.push(`${node.code}: ${w}`);
      }
    } catch (e) {
      if (e instanceof ValidationError) {
        throw new ValidationError(
          e.issues.map((i) => ({
            ...i,
            path: [...path, node.matrix ? 'matrix' : 'experts', ...i.path],
            message: `${node.code}: ${i.message}`,
          })),
        );
      }
      throw e;
    }
    for (const c of kids) judge(c);
  };
  judge(root);
  const weighted = globalWeights(root, (n) => local.get(n.code) ?? n.weight);
  const nodes: SynthesisNode[] = weighted.map((w) => {
    const j = judged.get(w.code);
    const node: SynthesisNode = { ...w };
    if (j) {
      node.cr = j.cr;
      node.ci = j.ci;
      node.ri = j.ri;
      if (Number.isFinite(j.lambdaMax)) node.lambdaMax = j.lambdaMax;
      node.consistent = j.cr < CR_THRESHOLD;
      node.weightSource = j.source;
      if (j.source === 'experts') node.inconsistentExperts = (j.result as GroupAhpResult).inconsistentExperts;
    } else if (!w.leaf) node.weightSource = 'weights';
    return node;
  });
  const maxDepth = Math.max(...nodes.map((n) => n.depth));
  const levels: SynthesisLevel[] = [];
  for (let d = 1; d <= maxDepth; d++) {
    let num = 0;
    let den = 0;
    let count = 0;
    for (const p of nodes) {
      if (p.depth !== d - 1 || p.ci === undefined || p.ri === undefined) continue;
      const a = p.globalWeight ?? 0;
      num += a * p.ci;
      den += a * p.ri;
      count++;
    }
    if (count === 0) continue;
    const cr = den > 0 ? num / den : 0;
    levels.push({ depth: d, cr, consistent: cr < CR_THRESHOLD, judgments: count });
  }
  const consistent = nodes.every((n) => n.consistent !== false) && levels.every((l) => l.consistent);
  return {
    nodes,
    levels,
    leaves: nodes.filter((n) => n.leaf).map((n) => ({ code: n.code, name: n.name, globalWeight: n.globalWeight })),
    consistent,
    method: options.method ?? 'eigenvector',
    riTable: options.ri ?? 'saaty',
    tolerance,
    warnings,
  };
}
