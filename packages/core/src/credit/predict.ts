/**
 * Prediction with a trained credit tree (SPEC §5.2): the class, the leaf's class probabilities and
 * the path of tests that led to it.
 */
import { invalid } from '../errors.ts';
import { type CreditDataset, creditCellNumber, isMissingCreditCell } from './dataset.ts';
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
  const mix = new Float64Array(tree.classes.length);
  const path: TreePathStep[] = [];
  const leafId = treeLeafMix(tree, (name) => values.get(name) ?? null, mix, path);
  const probs = Array.from(mix);
  const probabilities: Record<string, number> = {};
  tree.classes.forEach((c, k) => (probabilities[c] = probs[k]));
  return { class: tree.classes[treeMajority(probs)], probabilities, path, leafId };
}

/**
 * Descend the tree for one row whose values come from `get` (null = missing), adding the class
 * probabilities of the leaf reached — or, when a value is missing, of every leaf reached weighted by
 * the branches' training shares (Quinlan 1993) — into `mix` (which ends up summing to 1). Records the
 * path (heaviest branch at a missing value) in `path` when given; returns the id of the node where
 * the path ends.
 */
export function treeLeafMix(
  tree: DecisionTree,
  get: (attribute: string) => string | number | null,
  mix: Float64Array,
  path?: TreePathStep[],
): number {
  const C = tree.classes.length;
  mix.fill(0);
  let end = tree.root.id;
  const descend = (node: TreeNode, w: number, onPath: boolean) => {
    if (!node.children || !node.attribute) {
      for (let k = 0; k < C; k++) mix[k] += w * node.probabilities[k];
      if (onPath) end = node.id;
      return;
    }
    const v = get(node.attribute);
    if (v === null) {
      let best = 0;
      node.children.forEach((b, j) => {
        if (b.node.n > node.children![best].node.n) best = j;
      });
      const total = node.children.reduce((x, b) => x + b.node.n, 0);
      if (onPath && path) path.push({ nodeId: node.id, attribute: node.attribute, condition: node.children[best].condition, value: null });
      node.children.forEach((b, j) => descend(b.node, (w * b.node.n) / total, onPath && j === best));
      return;
    }
    const b = node.children.find((c) => treeConditionHolds(c.condition, v));
    if (!b) {
      for (let k = 0; k < C; k++) mix[k] += w * node.probabilities[k];
      if (onPath) end = node.id;
      return;
    }
    if (onPath && path) path.push({ nodeId: node.id, attribute: node.attribute, condition: b.condition, value: v });
    descend(b.node, w, onPath);
  };
  descend(tree.root, 1, true);
  let total = 0;
  for (let k = 0; k < C; k++) total += mix[k];
  if (total > 0) for (let k = 0; k < C; k++) mix[k] /= total;
  return end;
}

/** Batch predictions of {@link predictTreeDataset}. */
export interface TreeDatasetPrediction {
  /** Predicted class code (into `tree.classes`) per row. */
  predicted: Int32Array;
  /** Class probabilities, row-major: row i, class k at [i·C + k]. */
  probabilities: Float64Array;
  /** The tree's class names (the codes above index these). */
  classes: string[];
}

/**
 * Classify rows of a typed dataset (e.g. a validation fold) without building row objects:
 * attributes are matched by name; missing values as in {@link predictTree}; a category the tree
 * never saw is an error at path `[row, attribute]` naming the allowed values. `index` selects rows
 * (default all).
 */
export function predictTreeDataset(tree: DecisionTree, ds: CreditDataset, index?: ArrayLike<number>): TreeDatasetPrediction {
  const cols = new Map<string, { col: CreditDataset['columns'][number]; values: string[]; kind: string }>();
  for (const a of tree.attributes) {
    const j = ds.attributes.findIndex((d) => d.name === a.name);
    if (j < 0) invalid([a.name], `the data has no attribute "${a.name}" that the tree needs`, ds.attributes.map((d) => d.name).join(', '));
    cols.set(a.name, { col: ds.columns[j], values: ds.attributes[j].values, kind: ds.attributes[j].kind });
  }
  const known = new Map(tree.attributes.map((a) => [a.name, new Set(a.values)]));
  const n = index ? index.length : ds.rows;
  const C = tree.classes.length;
  const predicted = new Int32Array(n);
  const probabilities = new Float64Array(n * C);
  const mix = new Float64Array(C);
  let r = 0;
  const get = (name: string): string | number | null => {
    const c = cols.get(name)!;
    const v = c.col[r];
    const attr = tree.attributes.find((a) => a.name === name)!;
    if (c.kind === 'categorical') {
      if (v < 0) return tree.algorithm === 'cart' ? TREE_MISSING_CATEGORY : null;
      const s = c.values[v];
      if (!known.get(name)!.has(s))
        invalid([r, name], `unknown value "${s}" of attribute "${name}" (not seen in the training data)`, attr.values.join(', '));
      return s;
    }
    if (Number.isNaN(v)) return tree.imputed?.[name] ?? null;
    return v;
  };
  for (let i = 0; i < n; i++) {
    r = index ? index[i] : i;
    treeLeafMix(tree, get, mix);
    probabilities.set(mix, i * C);
    predicted[i] = treeMajority(mix);
  }
  return { predicted, probabilities, classes: [...tree.classes] };
}
