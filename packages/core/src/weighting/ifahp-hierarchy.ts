/**
 * IFAHP over an indicator hierarchy (SPEC §3.2 "hierarchical synthesis to global weights as in
 * §2"; [004] §4(二)): every parent node carries an intuitionistic preference relation over its
 * children; IFAHP (with its automatic repair) gives the children's crisp local weights, and the
 * global weight of a node is the product of the local weights on its path from the root
 * (`globalWeights` of the hierarchy module).
 *
 *   w_global(node) = ∏_{a on the path root → node, a ≠ root} w_local(a),   Σ_leaves w_global = 1.
 *
 * A parent with a single child gives it local weight 1 without a relation. Each IFAHP result
 * (R̄, d, σ, iterations, IF weights) is kept per parent code.
 *
 * Example: `ifahpGlobalWeights(tree, { A: relationOverABC, B: { upper: { '12': 'g7' } } })`.
 */
import { IssueList, ValidationError } from '../errors.ts';
import { globalWeights, type WeightedNode } from '../hierarchy/global-weights.ts';
import { type HierarchyNode, isLeaf, walkHierarchy } from '../hierarchy/tree.ts';
import { type IfahpOptions, type IfahpResult, type Ifn, ifahp } from './ifahp.ts';
import { iprFromUpper } from './ifahp-scale.ts';

/** A relation over a node's children: a full IPR, or its upper triangle (see `iprFromUpper`). */
export type IfahpRelationInput = readonly (readonly Ifn[])[] | { upper: Readonly<Record<string, Ifn | number | string>> };

export interface IfahpHierarchyResult {
  /** Every node, depth-first, with its local (IFAHP crisp) and global weight. */
  nodes: WeightedNode[];
  /** The IFAHP result of every parent, keyed by its code. */
  local: Record<string, IfahpResult>;
  /** Parents whose relation needed the σ repair. */
  repaired: string[];
}

function relationFromUpper(upper: Readonly<Record<string, Ifn | number | string>>): Ifn[][] {
  try {
    return iprFromUpper(upper);
  } catch (e) {
    throw e instanceof ValidationError ? e.at('upper') : e;
  }
}

/**
 * Global weights of a hierarchy weighted by IFAHP. `relations[code]` is the IPR over the
 * children of the node `code`, in the children's order. Errors carry the path `[code, …]`
 * (`[code, i, k]` for a cell).
 */
export function ifahpGlobalWeights(
  root: HierarchyNode,
  relations: Readonly<Record<string, IfahpRelationInput>>,
  options: Omit<IfahpOptions, 'labels'> = {},
): IfahpHierarchyResult {
  const issues = new IssueList();
  const local: Record<string, IfahpResult> = {};
  const known = new Set<string>();
  walkHierarchy(root, (node) => {
    known.add(node.code);
    if (isLeaf(node)) {
      if (relations[node.code] !== undefined) issues.add([node.code], `${node.code} is an indicator (no children); it takes no relation`);
      return;
    }
    const children = node.children as HierarchyNode[];
    const rel = relations[node.code];
    if (rel === undefined) {
      if (children.length > 1)
        issues.add(
          [node.code],
          `no relation over the ${children.length} children of ${node.code}`,
          `an IPR over ${children.map((c) => c.code).join(', ')}`,
        );
      return;
    }
    try {
      const matrix = 'upper' in rel ? relationFromUpper(rel.upper) : rel;
      if (matrix.length !== children.length)
        throw new ValidationError([
          {
            path: [],
            message: `the relation is ${matrix.length}×${matrix.length} but ${node.code} has ${children.length} children`,
            allowed: `${children.length}×${children.length}`,
          },
        ]);
      local[node.code] = ifahp(matrix, { ...options, labels: children.map((c) => c.name) });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      issues.issues.push(...e.at(node.code).issues);
    }
  });
  for (const code of Object.keys(relations)) if (!known.has(code)) issues.add([code], `no node has the code ${code}`);
  issues.throwIfAny();
  const localWeight = new Map<string, number>();
  walkHierarchy(root, (node) => {
    const children = node.children ?? [];
    const r = local[node.code];
    children.forEach((c, k) => localWeight.set(c.code, r ? r.weights[k] : 1));
  });
  return {
    nodes: globalWeights(root, (n) => localWeight.get(n.code)),
    local,
    repaired: Object.keys(local).filter((c) => !local[c].consistent),
  };
}
