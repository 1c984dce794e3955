/**
 * Decision trees for SME credit rating (SPEC §5.2, [002 §3]): the shared tree shape, training
 * entry point (`trainTree` dispatching to ID3, C4.5 or CART) and prediction.
 */
import { IssueList } from '../errors.ts';
import { pessimisticPrune, trainC45 } from './c45.ts';
import { trainCart } from './cart.ts';
import { type CreditDataset, checkCreditDataset } from './dataset.ts';
import { refreshTreeDiagnostics, trainId3 } from './id3.ts';

/** Which learner built the tree. */
export type TreeAlgorithm = 'id3' | 'c45' | 'cart';

/** Information measures of one candidate attribute at one node ([002 §3] formulas (1)–(4)). */
export interface TreeAttributeGain {
  attribute: string;
  /** I(s₁…s_m) of the node (bits), over rows with a known value of the attribute for C4.5. */
  info: number;
  /** E(A) = Σ_j (s_1j+…+s_mj)/s · I(s_1j…s_mj). */
  expectedInfo: number;
  /** Gain(A) = I − E(A) (C4.5: × the known fraction F). */
  gain: number;
  /** Split information −Σ_j |S_j|/|S| log₂ |S_j|/|S| (C4.5 includes the missing-value branch). */
  splitInfo: number;
  /** Gain / split info (0 when split info is 0). */
  gainRatio: number;
  /** Best threshold for a numeric attribute. */
  threshold?: number;
}

/** The test on an edge from a node to one child. */
export type TreeCondition =
  | { op: '='; value: string }
  | { op: 'in'; values: string[] }
  | { op: '<='; threshold: number }
  | { op: '>'; threshold: number };

/** The split of an inner node. */
export interface TreeSplit {
  attribute: string;
  /** Index into the tree's `attributes`. */
  attributeIndex: number;
  kind: 'multiway' | 'threshold' | 'subset';
  /** Numeric split: left = value ≤ threshold. */
  threshold?: number;
  /** Subset split (CART categorical): categories going left. */
  leftValues?: string[];
  gain: number;
  gainRatio: number;
  /** Weighted decrease in Gini impurity (CART): n_t/N·gini(t) − Σ n_c/N·gini(c). */
  giniDecrease: number;
}

/** One child edge. */
export interface TreeBranch {
  condition: TreeCondition;
  node: TreeNode;
}

/** A node of a decision tree. Leaves have no `split` / `children`. */
export interface TreeNode {
  id: number;
  depth: number;
  /** Attribute tested here (absent on leaves). */
  attribute?: string;
  /** Numeric threshold tested here (threshold splits). */
  threshold?: number;
  /** Categories going to the first child (subset splits). */
  values?: string[];
  /** Training rows (weights; fractional for C4.5 with missing values) per class. */
  counts: number[];
  /** Σ counts. */
  n: number;
  /** Entropy of the class counts (bits). */
  entropy: number;
  /** Gini impurity 1 − Σ p². */
  gini: number;
  /** Gain of the chosen split (0 on leaves). */
  gain: number;
  /** Gain ratio of the chosen split (0 on leaves). */
  gainRatio: number;
  /** Majority class (ties → lowest class code). */
  class: string;
  /** Class probabilities counts / n. */
  probabilities: number[];
  split?: TreeSplit;
  children?: TreeBranch[];
  /** Every candidate attribute's I, E(A), Gain(A), split info and gain ratio at this node (ID3, C4.5). */
  candidates?: TreeAttributeGain[];
  /** Why the node is a leaf. */
  leafReason?: 'pure' | 'max-depth' | 'min-leaf' | 'min-gain' | 'no-attribute' | 'pruned';
}

/** Options of {@link trainTree}. */
export interface TreeOptions {
  algorithm: TreeAlgorithm;
  /** Maximum depth (root = 0); default unlimited. */
  maxDepth?: number;
  /** Minimum training rows (weight) in each child; default 1 (C4.5: 2, as Quinlan's MINOBJS). */
  minLeaf?: number;
  /** Minimum gain (ID3/C4.5, bits) or impurity decrease (CART, weighted as scikit-learn) to split; default 0. */
  minGain?: number;
  /** Prune after growing: pessimistic error pruning for C4.5 (and ID3 when asked), cost-complexity pruning with `ccpAlpha` for CART. Default true for C4.5, false otherwise. */
  prune?: boolean;
  /** CART cost-complexity parameter α ≥ 0 (scikit-learn's `ccp_alpha`); default 0. */
  ccpAlpha?: number;
  /** CART: categorical attributes with at most this many categories get an exact subset search; default 10. */
  maxExactCategories?: number;
  /** Record every attribute's gains at every node (default true for ID3/C4.5). */
  recordCandidates?: boolean;
}

/** A trained tree. */
export interface DecisionTree {
  algorithm: TreeAlgorithm;
  attributes: { name: string; kind: 'categorical' | 'numeric'; values: string[] }[];
  classes: string[];
  root: TreeNode;
  /** Root information gains of every attribute (for §5.3 weights). */
  rootGains: { attribute: string; gain: number; gainRatio: number }[];
  /** CART: the value each numeric attribute's missing cells are replaced with (training median). */
  imputed?: Record<string, number>;
  options: Required<Pick<TreeOptions, 'algorithm' | 'minLeaf' | 'minGain' | 'prune' | 'ccpAlpha'>> & { maxDepth: number | null };
  diagnostics: {
    rows: number;
    nodes: number;
    leaves: number;
    depth: number;
    /** Inner nodes removed by pruning. */
    prunedNodes: number;
    /** How missing values were handled. */
    missing: string;
  };
}

/** A row to classify: attribute name → value (missing: null, undefined or ''). */
export type TreeRow = Record<string, string | number | null | undefined>;

/** One step of a prediction path. */
export interface TreePathStep {
  nodeId: number;
  attribute: string;
  condition: TreeCondition;
  /** The row's value (null when missing and the row was spread over all branches). */
  value: string | number | null;
}

/** Result of {@link predictTree}. */
export interface TreePrediction {
  class: string;
  probabilities: Record<string, number>;
  path: TreePathStep[];
  /** Leaf reached (the heaviest one when a missing value spread the row over several leaves). */
  leafId: number;
}

/**
 * Train a decision tree with the chosen algorithm: `id3` ([002 §3] formulas (1)–(4), Quinlan 1986),
 * `c45` (Quinlan 1993: gain ratio, thresholds, missing values, pessimistic pruning) or `cart`
 * (Breiman et al. 1984: Gini, binary splits, cost-complexity pruning; split choice as scikit-learn's
 * DecisionTreeClassifier). Validates the dataset (two classes at least) and the options.
 */
export function trainTree(dataset: CreditDataset, options: TreeOptions): DecisionTree {
  checkCreditDataset(dataset);
  const issues = new IssueList();
  if (!['id3', 'c45', 'cart'].includes(options.algorithm))
    issues.add(['algorithm'], `unknown algorithm "${String(options.algorithm)}"`, 'id3, c45, cart');
  if (options.maxDepth !== undefined && !(Number.isInteger(options.maxDepth) && options.maxDepth >= 0))
    issues.add(['maxDepth'], `max depth must be a whole number ≥ 0, got ${options.maxDepth}`);
  if (options.minLeaf !== undefined && !(Number.isFinite(options.minLeaf) && options.minLeaf >= 1))
    issues.add(['minLeaf'], `min leaf must be ≥ 1, got ${options.minLeaf}`);
  if (options.minGain !== undefined && !(Number.isFinite(options.minGain) && options.minGain >= 0))
    issues.add(['minGain'], `min gain must be ≥ 0, got ${options.minGain}`);
  if (options.ccpAlpha !== undefined && !(Number.isFinite(options.ccpAlpha) && options.ccpAlpha >= 0))
    issues.add(['ccpAlpha'], `ccp alpha must be ≥ 0, got ${options.ccpAlpha}`);
  issues.throwIfAny();
  const { algorithm, ...rest } = options;
  if (algorithm === 'id3') {
    const tree = trainId3(dataset, rest);
    if (options.prune === true) {
      // ID3 has no pruning of its own; on request it gets C4.5's pessimistic error pruning
      tree.options.prune = true;
      tree.diagnostics.prunedNodes = pessimisticPrune(tree.root);
      refreshTreeDiagnostics(tree);
    }
    return tree;
  }
  if (algorithm === 'c45') return trainC45(dataset, rest);
  return trainCart(dataset, rest);
}

export { predictTree } from './predict.ts';
