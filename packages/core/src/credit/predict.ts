/**
 * Prediction with a trained credit tree (SPEC §5.2): the class, the leaf's class probabilities and
 * the path of tests that led to it.
 */
import { invalid } from '../errors.ts';
import { creditCellNumber, isMissingCreditCell } from './dataset.ts';
import { treeMajority } from './id3.ts';
import type { DecisionTree, TreeCondition, TreeNode, TreePathStep, TreePrediction, TreeRow } from './tree.ts';

/** Label CART uses for a missing category. */
export const TREE_MISSING_CATEGORY = '(missing)';

/** Does a (present) value satisfy an edge condition? */
export function treeConditionHolds(c: TreeCondition, value: string | number): boolean {
  switch (c.op) {
    case '=':
      return String(value) === c.value;
    case 'in':
      return c.values.includes(String(value));
    case '<=':
      return (value as number) <= c.threshold;
    case '>':
      return (value as number) > c.threshold;
  }
}

/**
 * Classify one row. The row's values are checked against the tree's attributes: a categorical
 * value never seen in training is an error naming the value and the allowed ones (path
 * `[attribute]`); a numeric cell must be a number. A missing value (null, '' …) is replaced by the
 * training median for CART; for ID3/C4.5 the row goes down every branch weighted by the branch's
 * training weight (Quinlan 1993) and the class probabilities are the weighted mix of the leaves
 * reached; the path follows the heaviest branch. A categorical value with no branch at a node
 * (no training row there had it) stops at that node and uses its class distribution.
 */
export function predictTree(tree: DecisionTree, row: TreeRow): TreePrediction {
  const values = new Map<string, string | number | null>();
  for (const a of tree.attributes) {
    const cell = row[a.name];
    if (isMissingCreditCell(cell)) {
      if (a.kind === 'numeric' && tree.imputed && tree.imputed[a.name] !== undefined) values.set(a.name, tree.imputed[a.name]);
      else if (a.kind === 'categorical' && tree.algorithm === 'cart') values.set(a.name, TREE_MISSING_CATEGORY);
      else values.set(a.name, null);
      continue;
    }
    if (a.kind === 'numeric') {
      const v = creditCellNumber(cell);
      if (v === undefined) invalid([a.name], `"${String(cell)}" is not a number (attribute "${a.name}" is numeric)`);
      values.set(a.name, v);
    } else {
      const v = String(cell).trim();
      if (!a.values.includes(v))
        invalid([a.name], `unknown value "${v}" of attribute "${a.name}" (not seen in the training data)`, a.values.join(', '));
      values.set(a.name, v);
    }
  }
  const C = tree.classes.length;
  const mix = new Array<number>(C).fill(0);
  let heaviest: { id: number; w: number } = { id: tree.root.id, w: -1 };
  const path: TreePathStep[] = [];
  const descend = (node: TreeNode, w: number, onPath: boolean) => {
    if (!node.children || !node.attribute) {
      for (let k = 0; k < C; k++) mix[k] += w * node.probabilities[k];
      if (onPath || w > heaviest.w) heaviest = onPath ? { id: node.id, w: Number.POSITIVE_INFINITY } : { id: node.id, w };
      return;
    }
    const v = values.get(node.attribute) ?? null;
    if (v === null) {
      let best = 0;
      node.children.forEach((b, j) => {
        if (b.node.n > node.children![best].node.n) best = j;
      });
      const total = node.children.reduce((x, b) => x + b.node.n, 0);
      if (onPath) path.push({ nodeId: node.id, attribute: node.attribute, condition: node.children[best].condition, value: null });
      node.children.forEach((b, j) => descend(b.node, (w * b.node.n) / total, onPath && j === best));
      return;
    }
    const b = node.children.find((c) => treeConditionHolds(c.condition, v));
    if (!b) {
      for (let k = 0; k < C; k++) mix[k] += w * node.probabilities[k];
      if (onPath) heaviest = { id: node.id, w: Number.POSITIVE_INFINITY };
      return;
    }
    if (onPath) path.push({ nodeId: node.id, attribute: node.attribute, condition: b.condition, value: v });
    descend(b.node, w, onPath);
  };
  descend(tree.root, 1, true);
  const total = mix.reduce((a, b) => a + b, 0) || 1;
  const probs = mix.map((p) => p / total);
  const probabilities: Record<string, number> = {};
  tree.classes.forEach((c, k) => (probabilities[c] = probs[k]));
  return { class: tree.classes[treeMajority(probs)], probabilities, path, leafId: heaviest.id };
}
