/**
 * The indicator hierarchy (SPEC §2, §10 "The tree format"): a goal (root) → criteria → … →
 * indicators (leaves). Every node has a stable code and a bilingual name; weights are given
 * as each child's local `weight`, or derived from a pairwise `matrix` (or a panel's `experts`)
 * over the node's children.
 */
import type { Label } from '../label.ts';

/** Does a higher value mean less risk (benefit) or more risk (cost)? */
export type Direction = 'benefit' | 'cost';
export type IndicatorKind = 'quantitative' | 'qualitative';
/** Who scores an indicator: experts for systemic ones, the loan officer for the others [002 §1]. */
export type Scorer = 'expert' | 'officer';

/** One expert's pairwise matrix over a node's children. */
export interface HierarchyExpert {
  id?: string;
  weight?: number;
  matrix: (number | null)[][];
}

export interface HierarchyNode {
  code: string;
  name: Label;
  description?: string;
  /** Provenance: a source such as "[003]", or "added". */
  source?: string;
  /** Local weight among its siblings. */
  weight?: number;
  children?: HierarchyNode[];
  /** Pairwise comparison matrix over `children`, in their order. */
  matrix?: (number | null)[][];
  /** Several experts' matrices over `children` (group AHP). */
  experts?: HierarchyExpert[];
  /** How `experts` are aggregated at this node (default: the synthesis option, AIJ). */
  aggregation?: 'aij' | 'aip';
  // Leaf (indicator) fields
  kind?: IndicatorKind;
  direction?: Direction;
  unit?: string;
  scorer?: Scorer;
  /** A scoring rule (SPEC §4.1), interpreted by the evaluation methods. */
  rule?: unknown;
}

/** True for an indicator (a node without children). */
export function isLeaf(node: HierarchyNode): boolean {
  return !node.children || node.children.length === 0;
}

/** Depth-first visit with the path of codes from the root. */
export function walkHierarchy(
  root: HierarchyNode,
  visit: (node: HierarchyNode, codes: string[], depth: number, parent?: HierarchyNode) => void,
): void {
  const go = (node: HierarchyNode, codes: string[], parent?: HierarchyNode) => {
    const here = [...codes, node.code];
    visit(node, here, here.length - 1, parent);
    for (const c of node.children ?? []) go(c, here, node);
  };
  go(root, []);
}

/** The leaves (indicators) in depth-first order. */
export function hierarchyLeaves(root: HierarchyNode): HierarchyNode[] {
  const out: HierarchyNode[] = [];
  walkHierarchy(root, (n) => {
    if (isLeaf(n)) out.push(n);
  });
  return out;
}

/** `A > A4 > A41`. */
export function codePath(codes: readonly string[]): string {
  return codes.join(' > ');
}

/**
 * Whether some node of a tree as users write it has a `matrix` or `experts` — the places whose
 * cells `parseTreeMatrices` converts ("1/3"). A tree without them needs no conversion (and no zod).
 */
export function treeHoldsMatrices(tree: unknown): boolean {
  const stack = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    const n = node as Record<string, unknown>;
    if (n.matrix !== undefined || n.experts !== undefined) return true;
    if (Array.isArray(n.children)) for (const c of n.children) stack.push(c);
  }
  return false;
}
