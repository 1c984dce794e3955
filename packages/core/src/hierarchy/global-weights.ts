/**
 * Local → global weights (SPEC §2): the global (absolute) weight of a node is the product of
 * the local weights on its path from the root, e.g. [003] table 10: operational risk 0.163 ×
 * process risk 0.408 × process design maturity 0.393 = 0.026. A node whose path lacks a weight
 * has an unknown (null) global weight.
 */
import type { Label } from '../label.ts';
import { type HierarchyNode, isLeaf } from './tree.ts';

export interface WeightedNode {
  code: string;
  name: Label;
  depth: number;
  parent?: string;
  leaf: boolean;
  localWeight: number | null;
  globalWeight: number | null;
}

/**
 * Every node in depth-first order with its local and global weight. `local(node, parent)`
 * supplies local weights (default: the node's `weight`); the root's weight is 1.
 */
export function globalWeights(root: HierarchyNode, local: (node: HierarchyNode) => number | undefined = (n) => n.weight): WeightedNode[] {
  const out: WeightedNode[] = [];
  const go = (node: HierarchyNode, depth: number, parentGlobal: number | null, parent?: string) => {
    const lw = depth === 0 ? 1 : (local(node) ?? null);
    const gw = lw === null || parentGlobal === null ? null : parentGlobal * lw;
    out.push({
      code: node.code,
      name: node.name,
      depth,
      ...(parent ? { parent } : {}),
      leaf: isLeaf(node),
      localWeight: lw,
      globalWeight: gw,
    });
    for (const c of node.children ?? []) go(c, depth + 1, gw, node.code);
  };
  go(root, 0, 1);
  return out;
}
