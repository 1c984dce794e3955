/**
 * C4.5 (Quinlan 1993): gain ratio, numeric thresholds, fractional instances for missing values,
 * and pessimistic error pruning (Quinlan 1987).
 */
import type { CreditDataset } from './dataset.ts';
import { growQuinlanTree, refreshTreeDiagnostics, treeMajority } from './id3.ts';
import type { DecisionTree, TreeNode, TreeOptions } from './tree.ts';

/**
 * Pessimistic error pruning (Quinlan 1987, "Simplifying decision trees"), top-down: with
 * e(t) = n(t) − max_k n_k(t) the training errors of node t as a leaf, the corrected errors are
 * e'(t) = e(t) + ½ and e'(T_t) = Σ_leaves (e(l) + ½); the subtree T_t is replaced by a leaf when
 * e'(t) ≤ e'(T_t) + SE, SE = √(e'(T_t)·(n(t) − e'(T_t)) / n(t)). Returns the number of inner
 * nodes removed.
 */
export function pessimisticPrune(root: TreeNode): number {
  let removed = 0;
  const stats = (n: TreeNode): { errors: number; leaves: number } => {
    if (!n.children) return { errors: n.n - n.counts[treeMajority(n.counts)], leaves: 1 };
    let errors = 0;
    let leaves = 0;
    for (const b of n.children) {
      const s = stats(b.node);
      errors += s.errors;
      leaves += s.leaves;
    }
    return { errors, leaves };
  };
  const countInner = (n: TreeNode): number => (n.children ? 1 + n.children.reduce((x, b) => x + countInner(b.node), 0) : 0);
  const visit = (n: TreeNode) => {
    if (!n.children) return;
    const s = stats(n);
    const eLeaf = n.n - n.counts[treeMajority(n.counts)] + 0.5;
    const eTree = s.errors + 0.5 * s.leaves;
    const se = n.n > 0 ? Math.sqrt(Math.max(0, (eTree * (n.n - eTree)) / n.n)) : 0;
    if (eLeaf <= eTree + se + 1e-12) {
      removed += countInner(n);
      delete n.children;
      delete n.split;
      delete n.attribute;
      delete n.threshold;
      n.gain = 0;
      n.gainRatio = 0;
      n.leafReason = 'pruned';
      return;
    }
    for (const b of n.children) visit(b.node);
  };
  visit(root);
  return removed;
}

/**
 * C4.5 (Quinlan 1993): among the attributes whose gain is at least the average, the one of highest
 * gain ratio Gain(A) / SplitInfo(A); numeric attributes split at the best threshold (a training
 * value, test "≤ t"); missing values by fractional instances; then pessimistic error pruning unless
 * `prune: false`. Default minimum leaf weight 2 (Quinlan's MINOBJS).
 */
export function trainC45(ds: CreditDataset, options: Omit<TreeOptions, 'algorithm'> = {}): DecisionTree {
  const tree = growQuinlanTree(ds, { ...options, algorithm: 'c45' }, 'c45');
  const prune = options.prune ?? true;
  tree.options.prune = prune;
  if (prune) {
    tree.diagnostics.prunedNodes = pessimisticPrune(tree.root);
    refreshTreeDiagnostics(tree);
  }
  return tree;
}
