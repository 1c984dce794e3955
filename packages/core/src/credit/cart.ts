/**
 * CART (Breiman, Friedman, Olshen & Stone 1984) for credit data: Gini impurity, binary splits —
 * numeric thresholds at midpoints between consecutive distinct values and category subsets —,
 * cost-complexity pruning. The numeric split search reproduces scikit-learn's
 * DecisionTreeClassifier (criterion "gini", splitter "best"): the same proxy
 * Σ_k l_k²/n_l + Σ_k r_k²/n_r maximised strictly left to right, the same midpoint threshold rule,
 * the same stop rules (pure node, max_depth, min_samples_leaf, min_impurity_decrease), depth-first
 * node order. Ties between features go to the first attribute (scikit-learn: a random feature order).
 *
 * Speed: each numeric column is sorted once; nodes own a contiguous segment of every sorted index
 * array and children are formed by a stable partition, so no sorting happens below the root.
 */
import type { CreditDataset } from './dataset.ts';
import { makeTreeNode, refreshTreeDiagnostics, treeExpectedInformation, treeInformation, treeSplitInformation } from './id3.ts';
import { TREE_MISSING_CATEGORY } from './predict.ts';
import type { DecisionTree, TreeBranch, TreeNode, TreeOptions } from './tree.ts';

/** scikit-learn's FEATURE_THRESHOLD: values closer than this are not split apart. */
const FEATURE_THRESHOLD = 1e-7;
/** scikit-learn's EPSILON for purity and improvement checks. */
const SK_EPSILON = Number.EPSILON * 10;

interface BestSplit {
  feature: number;
  proxy: number;
  threshold: number;
  /** For subset splits: category goes left. */
  leftCats?: Uint8Array;
  left: Float64Array;
}

/** Median of the non-missing values (0 when all are missing). */
function medianOf(col: Float64Array): number {
  const vals: number[] = [];
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) vals.push(col[i]);
  if (vals.length === 0) return 0;
  const s = Float64Array.from(vals).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Train a CART classification tree. Missing numeric values are replaced by the training median
 * (stored in `tree.imputed`), a missing category is its own category "(missing)". Categorical
 * attributes: exact search over all subsets when a node has at most `maxExactCategories` (default 10)
 * categories present, else categories ordered by their mean class code (the classes are ordered risk
 * levels) and split like a numeric attribute. With `ccpAlpha` > 0 (or `prune`), minimal
 * cost-complexity pruning follows (scikit-learn's ccp_alpha).
 */
export function trainCart(ds: CreditDataset, options: Omit<TreeOptions, 'algorithm'> = {}): DecisionTree {
  const n = ds.rows;
  const C = ds.classes.length;
  const F = ds.attributes.length;
  const minLeaf = options.minLeaf ?? 1;
  const minGain = options.minGain ?? 0;
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const ccpAlpha = options.ccpAlpha ?? 0;
  const maxExact = options.maxExactCategories ?? 10;
  const y = ds.labels;
  const imputed: Record<string, number> = {};
  // prepared columns
  const num: (Float64Array | null)[] = [];
  const cat: (Int32Array | null)[] = [];
  const catValues: string[][] = [];
  const sorted: (Int32Array | null)[] = [];
  let anyMissing = false;
  for (let f = 0; f < F; f++) {
    const a = ds.attributes[f];
    const col = ds.columns[f];
    if (a.kind === 'numeric') {
      let x = col as Float64Array;
      let hasNaN = false;
      for (let i = 0; i < n; i++)
        if (Number.isNaN(x[i])) {
          hasNaN = true;
          break;
        }
      if (hasNaN) {
        anyMissing = true;
        const med = medianOf(x);
        imputed[a.name] = med;
        x = Float64Array.from(x, (v) => (Number.isNaN(v) ? med : v));
      }
      num.push(x);
      cat.push(null);
      catValues.push([]);
      const idx = new Int32Array(n);
      for (let i = 0; i < n; i++) idx[i] = i;
      const xs = x;
      sorted.push(idx.sort((p, q) => xs[p] - xs[q] || p - q));
    } else {
      const codes = col as Int32Array;
      const K = a.values.length;
      let hasMissing = false;
      for (let i = 0; i < n; i++)
        if (codes[i] < 0) {
          hasMissing = true;
          break;
        }
      catValues.push(hasMissing ? [...a.values, TREE_MISSING_CATEGORY] : [...a.values]);
      if (hasMissing) anyMissing = true;
      cat.push(hasMissing ? Int32Array.from(codes, (c) => (c < 0 ? K : c)) : codes);
      num.push(null);
      sorted.push(null);
    }
  }
  const rowsArr = new Int32Array(n);
  for (let i = 0; i < n; i++) rowsArr[i] = i;
  const goLeft = new Uint8Array(n);
  const tmp = new Int32Array(n);
  const leftC = new Float64Array(C);
  const rootBest: (BestSplit | null)[] = new Array(F).fill(null);
  let nextId = 0;

  const stablePartition = (arr: Int32Array, start: number, end: number): number => {
    let l = start;
    let r = 0;
    for (let i = start; i < end; i++) {
      const v = arr[i];
      if (goLeft[v]) arr[l++] = v;
      else tmp[r++] = v;
    }
    arr.set(tmp.subarray(0, r), l);
    return l;
  };

  const bestNumeric = (f: number, start: number, end: number, total: Float64Array, best: BestSplit | null): BestSplit | null => {
    const x = num[f]!;
    const idx = sorted[f]!;
    const nNode = end - start;
    if (x[idx[end - 1]] <= x[idx[start]] + FEATURE_THRESHOLD) return best;
    leftC.fill(0);
    let sumL2 = 0;
    let sumR2 = 0;
    for (let k = 0; k < C; k++) sumR2 += total[k] * total[k];
    let found: BestSplit | null = best;
    for (let p = start; p < end - 1; p++) {
      const r = idx[p];
      const k = y[r];
      sumL2 += 2 * leftC[k] + 1;
      sumR2 -= 2 * (total[k] - leftC[k]) - 1;
      leftC[k] += 1;
      const xv = x[r];
      const xn = x[idx[p + 1]];
      if (xn <= xv + FEATURE_THRESHOLD) continue;
      const nl = p - start + 1;
      const nr = nNode - nl;
      if (nl < minLeaf || nr < minLeaf) continue;
      const proxy = sumL2 / nl + sumR2 / nr;
      if (!found || proxy > found.proxy) {
        let t = xv / 2 + xn / 2;
        if (t === xn || !Number.isFinite(t)) t = xv;
        found = { feature: f, proxy, threshold: t, left: Float64Array.from(leftC) };
      }
    }
    return found;
  };

  const bestCategorical = (f: number, start: number, end: number, best: BestSplit | null): BestSplit | null => {
    const codes = cat[f]!;
    const K = catValues[f].length;
    const table = new Float64Array(K * C);
    const size = new Float64Array(K);
    for (let i = start; i < end; i++) {
      const r = rowsArr[i];
      table[codes[r] * C + y[r]]++;
      size[codes[r]]++;
    }
    const present: number[] = [];
    for (let k = 0; k < K; k++) if (size[k] > 0) present.push(k);
    if (present.length < 2) return best;
    const nNode = end - start;
    let found = best;
    const consider = (leftSet: number[]) => {
      const l = new Float64Array(C);
      let nl = 0;
      for (const k of leftSet) {
        nl += size[k];
        for (let c = 0; c < C; c++) l[c] += table[k * C + c];
      }
      const nr = nNode - nl;
      if (nl < minLeaf || nr < minLeaf) return;
      let sl = 0;
      let sr = 0;
      for (let c = 0; c < C; c++) {
        const tc = l[c];
        let rc = 0;
        for (const k of present) rc += table[k * C + c];
        rc -= tc;
        sl += tc * tc;
        sr += rc * rc;
      }
      const proxy = sl / nl + sr / nr;
      if (!found || proxy > found.proxy) {
        const leftCats = new Uint8Array(K);
        for (const k of leftSet) leftCats[k] = 1;
        found = { feature: f, proxy, threshold: Number.NaN, leftCats, left: l };
      }
    };
    if (present.length <= maxExact) {
      const m = present.length;
      // subsets containing the first present category (each split counted once), excluding the full set
      for (let mask = 0; mask < 1 << (m - 1); mask++) {
        const set = [present[0]];
        for (let j = 1; j < m; j++) if (mask & (1 << (j - 1))) set.push(present[j]);
        if (set.length < m) consider(set);
      }
    } else {
      const meanClass = (k: number) => {
        let s = 0;
        for (let c = 0; c < C; c++) s += c * table[k * C + c];
        return s / size[k];
      };
      const order = [...present].sort((a, b) => meanClass(a) - meanClass(b) || a - b);
      for (let j = 1; j < order.length; j++) consider(order.slice(0, j));
    }
    return found;
  };

  const build = (start: number, end: number, depth: number): TreeNode => {
    const total = new Float64Array(C);
    for (let i = start; i < end; i++) total[y[rowsArr[i]]]++;
    const node = makeTreeNode(nextId++, depth, Array.from(total), ds.classes);
    const nNode = end - start;
    if (depth >= maxDepth) return leafOf(node, 'max-depth');
    if (nNode < 2 || nNode < 2 * minLeaf) return leafOf(node, 'min-leaf');
    if (node.gini <= SK_EPSILON) return leafOf(node, 'pure');
    let best: BestSplit | null = null;
    for (let f = 0; f < F; f++) {
      const cand = num[f] ? bestNumeric(f, start, end, total, null) : bestCategorical(f, start, end, null);
      if (depth === 0) rootBest[f] = cand;
      if (cand && (!best || cand.proxy > best.proxy)) best = cand;
    }
    if (!best) return leafOf(node, 'min-leaf');
    const left = best.left;
    let nl = 0;
    for (let k = 0; k < C; k++) nl += left[k];
    const right = Array.from(total, (t, k) => t - left[k]);
    const giniL = giniOf(left, nl);
    const giniR = giniOf(right, nNode - nl);
    const improvement = (nNode / n) * (node.gini - (nl / nNode) * giniL - ((nNode - nl) / nNode) * giniR);
    if (improvement + SK_EPSILON < minGain) return leafOf(node, 'min-gain');
    const f = best.feature;
    const attr = ds.attributes[f];
    // mark rows going left
    if (num[f]) {
      const x = num[f]!;
      for (let i = start; i < end; i++) {
        const r = rowsArr[i];
        goLeft[r] = x[r] <= best.threshold ? 1 : 0;
      }
    } else {
      const codes = cat[f]!;
      for (let i = start; i < end; i++) {
        const r = rowsArr[i];
        goLeft[r] = best.leftCats![codes[r]];
      }
    }
    const mid = stablePartition(rowsArr, start, end);
    for (let g = 0; g < F; g++) if (sorted[g]) stablePartition(sorted[g]!, start, end);
    const gain = treeInformation(total) - treeExpectedInformation([left, right]);
    const gainRatio = gain / (treeSplitInformation([nl, nNode - nl]) || 1);
    node.attribute = attr.name;
    node.gain = Math.max(0, gain);
    node.gainRatio = Math.max(0, gainRatio);
    let conditions: [TreeBranch['condition'], TreeBranch['condition']];
    if (num[f]) {
      node.threshold = best.threshold;
      conditions = [
        { op: '<=', threshold: best.threshold },
        { op: '>', threshold: best.threshold },
      ];
    } else {
      const vals = catValues[f];
      const l = vals.filter((_, k) => best!.leftCats![k]);
      const r = vals.filter((_, k) => !best!.leftCats![k]);
      node.values = l;
      conditions = [
        { op: 'in', values: l },
        { op: 'in', values: r },
      ];
    }
    node.split = {
      attribute: attr.name,
      attributeIndex: f,
      kind: num[f] ? 'threshold' : 'subset',
      gain: node.gain,
      gainRatio: node.gainRatio,
      giniDecrease: improvement,
    };
    if (num[f]) node.split.threshold = best.threshold;
    else node.split.leftValues = node.values;
    const lnode = build(start, mid, depth + 1);
    const rnode = build(mid, end, depth + 1);
    node.children = [
      { condition: conditions[0], node: lnode },
      { condition: conditions[1], node: rnode },
    ];
    return node;
  };

  const root = build(0, n, 0);
  const rootGains = ds.attributes.map((a, f) => {
    const b = rootBest[f];
    if (!b) return { attribute: a.name, gain: 0, gainRatio: 0 };
    const l = Array.from(b.left);
    const nl = l.reduce((x, v) => x + v, 0);
    const r = root.counts.map((t, k) => t - l[k]);
    const gain = Math.max(0, root.entropy - treeExpectedInformation([l, r]));
    const si = treeSplitInformation([nl, root.n - nl]);
    return { attribute: a.name, gain, gainRatio: si > 0 ? gain / si : 0 };
  });
  const prune = options.prune ?? ccpAlpha > 0;
  const tree: DecisionTree = {
    algorithm: 'cart',
    attributes: ds.attributes.map((a, f) => ({ name: a.name, kind: a.kind, values: a.kind === 'categorical' ? [...catValues[f]] : [] })),
    classes: [...ds.classes],
    root,
    rootGains,
    options: { algorithm: 'cart', maxDepth: Number.isFinite(maxDepth) ? maxDepth : null, minLeaf, minGain, prune, ccpAlpha },
    diagnostics: {
      rows: n,
      nodes: 0,
      leaves: 0,
      depth: 0,
      prunedNodes: 0,
      missing: anyMissing
        ? 'numeric: replaced by the training median (see imputed); categorical: its own category "(missing)"'
        : 'none in the training data; at prediction a missing numeric value takes the training median',
    },
  };
  if (Object.keys(imputed).length > 0) tree.imputed = imputed;
  else tree.imputed = Object.fromEntries(ds.attributes.filter((a) => a.kind === 'numeric').map((a, _) => [a.name, medianOf(ds.columns[ds.attributes.indexOf(a)] as Float64Array)]));
  if (prune) tree.diagnostics.prunedNodes = costComplexityPrune(root, n, ccpAlpha);
  refreshTreeDiagnostics(tree);
  return tree;
}

function giniOf(counts: ArrayLike<number>, total: number): number {
  if (total <= 0) return 0;
  let q = 0;
  for (let k = 0; k < counts.length; k++) q += (counts[k] / total) ** 2;
  return 1 - q;
}

function leafOf(node: TreeNode, reason: NonNullable<TreeNode['leafReason']>): TreeNode {
  node.leafReason = reason;
  return node;
}

/**
 * Minimal cost-complexity pruning (Breiman et al. 1984, ch. 3; scikit-learn's ccp_alpha): with
 * R(t) = (n_t / N)·gini(t) and R(T_t) the sum over the leaves of T_t, repeatedly collapse the inner
 * node of smallest effective α g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1) while g(t) ≤ α.
 * Returns the number of inner nodes removed.
 */
export function costComplexityPrune(root: TreeNode, totalRows: number, alpha: number): number {
  let removed = 0;
  const R = (t: TreeNode) => (t.n / totalRows) * t.gini;
  for (;;) {
    let weakest: TreeNode | null = null;
    let gMin = Number.POSITIVE_INFINITY;
    const walk = (t: TreeNode): { r: number; leaves: number } => {
      if (!t.children) return { r: R(t), leaves: 1 };
      let r = 0;
      let leaves = 0;
      for (const b of t.children) {
        const s = walk(b.node);
        r += s.r;
        leaves += s.leaves;
      }
      const g = (R(t) - r) / (leaves - 1);
      if (g < gMin - 1e-15) {
        gMin = g;
        weakest = t;
      }
      return { r, leaves };
    };
    walk(root);
    if (!weakest || gMin > alpha) break;
    const w: TreeNode = weakest;
    const countInner = (t: TreeNode): number => (t.children ? 1 + t.children.reduce((x, b) => x + countInner(b.node), 0) : 0);
    removed += countInner(w);
    delete w.children;
    delete w.split;
    delete w.attribute;
    delete w.threshold;
    delete w.values;
    w.gain = 0;
    w.gainRatio = 0;
    w.leafReason = 'pruned';
  }
  return removed;
}
