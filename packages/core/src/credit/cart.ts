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
  let k = 0;
  const s0 = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) s0[k++] = col[i];
  if (k === 0) return 0;
  const s = s0.subarray(0, k).sort();
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
        const filled = new Float64Array(n);
        for (let i = 0; i < n; i++) filled[i] = Number.isNaN(x[i]) ? med : x[i];
        x = filled;
      }
      num.push(x);
      cat.push(null);
      catValues.push([]);
      sorted.push(cartArgsort(x));
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
      if (hasMissing) {
        const filled = new Int32Array(n);
        for (let i = 0; i < n; i++) filled[i] = codes[i] < 0 ? K : codes[i];
        cat.push(filled);
      } else cat.push(codes);
      num.push(null);
      sorted.push(null);
    }
  }
  const rowsArr = new Int32Array(n);
  for (let i = 0; i < n; i++) rowsArr[i] = i;
  const goLeft = new Uint8Array(n);
  const tmp = new Int32Array(n);
  // values and classes aligned with each sorted index array, so split search reads memory in order
  const sortedX: (Float64Array | null)[] = sorted.map((idx, f) => {
    if (!idx) return null;
    const x = num[f]!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[idx[i]];
    return out;
  });
  const sortedY: (Int32Array | null)[] = sorted.map((idx) => {
    if (!idx) return null;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = y[idx[i]];
    return out;
  });
  const tmpX = new Float64Array(sorted.some(Boolean) ? n : 0);
  const tmpY = new Int32Array(sorted.some(Boolean) ? n : 0);
  /** Stable partition of numeric attribute f's sorted segment (indices, values, classes together). */
  const partitionSorted = (f: number, start: number, end: number) => {
    const idx = sorted[f]!;
    const xv = sortedX[f]!;
    const yv = sortedY[f]!;
    let l = start;
    let r = 0;
    for (let i = start; i < end; i++) {
      const v = idx[i];
      if (goLeft[v]) {
        idx[l] = v;
        xv[l] = xv[i];
        yv[l] = yv[i];
        l++;
      } else {
        tmp[r] = v;
        tmpX[r] = xv[i];
        tmpY[r] = yv[i];
        r++;
      }
    }
    idx.set(tmp.subarray(0, r), l);
    xv.set(tmpX.subarray(0, r), l);
    yv.set(tmpY.subarray(0, r), l);
  };
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

  let maxK = 1;
  for (const v of catValues) maxK = Math.max(maxK, v.length);
  // Row-major packed (category·C + class) codes of all categorical attributes, so one pass over a
  // node's rows fills every attribute's category × class table with one cache line per row.
  const catFeatures: number[] = [];
  for (let f = 0; f < F; f++) if (cat[f]) catFeatures.push(f);
  const Fc = catFeatures.length;
  const slotOf = new Int32Array(F).fill(-1);
  catFeatures.forEach((f, i) => (slotOf[f] = i));
  const packable = maxK * C <= 255;
  const packed = packable ? new Uint8Array(n * Fc) : null;
  if (packed)
    for (let i = 0; i < Fc; i++) {
      const codes = cat[catFeatures[i]]!;
      for (let r = 0; r < n; r++) packed[r * Fc + i] = codes[r] * C + y[r];
    }
  const tableStride = maxK * C;
  const allTables = new Float64Array(Math.max(1, Fc) * tableStride);
  /** Fill every categorical attribute's table for the node (packed path). */
  const fillTables = (start: number, end: number) => {
    allTables.fill(0);
    if (!packed) return;
    for (let i = start; i < end; i++) {
      const base = rowsArr[i] * Fc;
      for (let j = 0; j < Fc; j++) allTables[j * tableStride + packed[base + j]]++;
    }
  };
  const scratchTable = new Float64Array(maxK * C);
  const scratchSize = new Float64Array(maxK);
  const scratchLeft = new Float64Array(C);
  const present = new Int32Array(maxK);
  const meanClass = new Float64Array(maxK);

  /** Best threshold of numeric attribute f over the node's presorted segment (scikit-learn's rule). */
  const bestNumeric = (f: number, start: number, end: number, total: Float64Array): BestSplit | null => {
    const xs = sortedX[f]!;
    const ys = sortedY[f]!;
    const nNode = end - start;
    if (xs[end - 1] <= xs[start] + FEATURE_THRESHOLD) return null;
    leftC.fill(0);
    let sumL2 = 0;
    let sumR2 = 0;
    for (let k = 0; k < C; k++) sumR2 += total[k] * total[k];
    let bestProxy = Number.NEGATIVE_INFINITY;
    let bestPos = -1;
    let bestT = 0;
    const lo = start + minLeaf - 1;
    const hi = end - 1 - minLeaf;
    for (let p = start; p < end - 1; p++) {
      const k = ys[p];
      const lk = leftC[k];
      sumL2 += 2 * lk + 1;
      sumR2 -= 2 * (total[k] - lk) - 1;
      leftC[k] = lk + 1;
      if (p < lo || p > hi) continue;
      const xv = xs[p];
      const xn = xs[p + 1];
      if (xn <= xv + FEATURE_THRESHOLD) continue;
      const nl = p - start + 1;
      const proxy = sumL2 / nl + sumR2 / (nNode - nl);
      if (proxy > bestProxy) {
        bestProxy = proxy;
        bestPos = p;
        let t = xv / 2 + xn / 2;
        if (t === xn || !Number.isFinite(t)) t = xv;
        bestT = t;
      }
    }
    if (bestPos < 0) return null;
    const left = new Float64Array(C);
    for (let p = start; p <= bestPos; p++) left[ys[p]]++;
    return { feature: f, proxy: bestProxy, threshold: bestT, left };
  };

  /** Best two-way category subset of categorical attribute f (exact search or the ordering heuristic). */
  const bestCategorical = (f: number, start: number, end: number, total: Float64Array): BestSplit | null => {
    const K = catValues[f].length;
    const size = scratchSize;
    size.fill(0, 0, K);
    let table: Float64Array;
    if (packed) {
      table = allTables.subarray(slotOf[f] * tableStride, (slotOf[f] + 1) * tableStride);
      for (let k = 0; k < K; k++) {
        let t = 0;
        for (let c = 0; c < C; c++) t += table[k * C + c];
        size[k] = t;
      }
    } else {
      const codes = cat[f]!;
      table = scratchTable;
      table.fill(0, 0, K * C);
      for (let i = start; i < end; i++) {
        const r = rowsArr[i];
        const c = codes[r];
        table[c * C + y[r]]++;
        size[c]++;
      }
    }
    let m = 0;
    for (let k = 0; k < K; k++) if (size[k] > 0) present[m++] = k;
    if (m < 2) return null;
    const nNode = end - start;
    let bestProxy = Number.NEGATIVE_INFINITY;
    let bestMask = -1;
    let bestLen = 0;
    let ord: Int32Array | null = null;
    const l = scratchLeft;
    // evaluate the subset given by `members` (indices into present) of length len
    const evaluate = (members: ArrayLike<number>, len: number): number => {
      l.fill(0);
      let nl = 0;
      for (let j = 0; j < len; j++) {
        const k = present[members[j]];
        nl += size[k];
        const o = k * C;
        for (let c = 0; c < C; c++) l[c] += table[o + c];
      }
      const nr = nNode - nl;
      if (nl < minLeaf || nr < minLeaf) return Number.NEGATIVE_INFINITY;
      let sl = 0;
      let sr = 0;
      for (let c = 0; c < C; c++) {
        const rc = total[c] - l[c];
        sl += l[c] * l[c];
        sr += rc * rc;
      }
      return sl / nl + sr / nr;
    };
    const members = new Int32Array(m);
    if (m <= maxExact) {
      // subsets containing the first present category (each split once), excluding the full set
      for (let mask = 0; mask < (1 << (m - 1)) - 1; mask++) {
        let len = 0;
        members[len++] = 0;
        for (let j = 1; j < m; j++) if (mask & (1 << (j - 1))) members[len++] = j;
        const proxy = evaluate(members, len);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestMask = mask;
        }
      }
    } else {
      for (let j = 0; j < m; j++) {
        const k = present[j];
        let sum = 0;
        for (let c = 0; c < C; c++) sum += c * table[k * C + c];
        meanClass[j] = sum / size[k];
        members[j] = j;
      }
      const order = Array.from(members).sort((a, b) => meanClass[a] - meanClass[b] || a - b);
      ord = Int32Array.from(order);
      for (let len = 1; len < m; len++) {
        const proxy = evaluate(ord, len);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestLen = len;
        }
      }
    }
    let bestSet: number[];
    if (ord) {
      if (bestLen === 0) return null;
      bestSet = Array.from(ord.subarray(0, bestLen), (j) => present[j]);
    } else {
      if (bestMask < 0) return null;
      bestSet = [present[0]];
      for (let j = 1; j < m; j++) if (bestMask & (1 << (j - 1))) bestSet.push(present[j]);
    }
    const leftCats = new Uint8Array(K);
    const left = new Float64Array(C);
    for (const k of bestSet) {
      leftCats[k] = 1;
      for (let c = 0; c < C; c++) left[c] += table[k * C + c];
    }
    return { feature: f, proxy: bestProxy, threshold: Number.NaN, leftCats, left };
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
    if (packed && Fc > 0) fillTables(start, end);
    for (let f = 0; f < F; f++) {
      const cand = num[f] ? bestNumeric(f, start, end, total) : bestCategorical(f, start, end, total);
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
    for (let g = 0; g < F; g++) if (sorted[g]) partitionSorted(g, start, end);
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
  else
    tree.imputed = Object.fromEntries(
      ds.attributes
        .filter((a) => a.kind === 'numeric')
        .map((a, _) => [a.name, medianOf(ds.columns[ds.attributes.indexOf(a)] as Float64Array)]),
    );
  if (prune) tree.diagnostics.prunedNodes = costComplexityPrune(root, n, ccpAlpha);
  refreshTreeDiagnostics(tree);
  return tree;
}

/**
 * Row indices ordered by value, ties by row index: the distinct values are sorted natively, each
 * row's rank found by binary search, then a counting sort by rank (faster than a comparator sort).
 */
export function cartArgsort(x: Float64Array): Int32Array {
  const n = x.length;
  const sortedVals = Float64Array.from(x).sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sortedVals[i] !== sortedVals[u - 1]) sortedVals[u++] = sortedVals[i];
  const uniq = sortedVals.subarray(0, u);
  const rank = new Int32Array(n);
  const count = new Int32Array(u + 1);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uniq[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
    count[lo + 1]++;
  }
  for (let k = 0; k < u; k++) count[k + 1] += count[k];
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[count[rank[i]]++] = i;
  return out;
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
 * The weakest link of a tree: the inner node of smallest g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1),
 * R(t) = (n_t/N)·Gini(t), the first in depth-first order on ties (as scikit-learn).
 */
function weakestLink(root: TreeNode, N: number): { node: TreeNode; g: number } | null {
  const g = new Map<TreeNode, number>();
  const walk = (t: TreeNode): { r: number; leaves: number } => {
    if (!t.children) return { r: (t.n / N) * t.gini, leaves: 1 };
    let r = 0;
    let leaves = 0;
    for (const b of t.children) {
      const s = walk(b.node);
      r += s.r;
      leaves += s.leaves;
    }
    g.set(t, ((t.n / N) * t.gini - r) / (leaves - 1));
    return { r, leaves };
  };
  walk(root);
  let best: { node: TreeNode; g: number } | null = null;
  const pre = (t: TreeNode) => {
    if (!t.children) return;
    const v = g.get(t)!;
    if (!best || v < best.g) best = { node: t, g: v };
    for (const b of t.children) pre(b.node);
  };
  pre(root);
  return best;
}

/** The cost-complexity pruning path of a tree (scikit-learn's `cost_complexity_pruning_path`). */
export interface CartPruningPath {
  /** Effective α of each pruning step, starting with 0 for the unpruned tree. */
  ccpAlphas: number[];
  /** Total leaf impurity Σ_leaves (n_l/N)·Gini(l) of the tree after each step. */
  impurities: number[];
}

/**
 * The sequence of weakest-link prunings of a CART tree down to its root (Breiman et al. 1984, §3.3):
 * at each step the inner node of smallest g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1) is collapsed,
 * R(t) = (n_t/N)·Gini(t). Returns the α of each step and the tree's total leaf impurity after it, as
 * scikit-learn's `cost_complexity_pruning_path`; choose `ccpAlpha` from it (e.g. by cross-validation).
 * The tree is not modified.
 */
export function cartPruningPath(tree: DecisionTree): CartPruningPath {
  const root = structuredClone(tree.root);
  const N = root.n;
  const leafImpurity = (t: TreeNode): number =>
    t.children ? t.children.reduce((x, b) => x + leafImpurity(b.node), 0) : (t.n / N) * t.gini;
  const ccpAlphas = [0];
  const impurities = [leafImpurity(root)];
  while (root.children) {
    const w = weakestLink(root, N);
    if (!w) break;
    delete w.node.children;
    ccpAlphas.push(w.g);
    impurities.push(leafImpurity(root));
  }
  return { ccpAlphas, impurities };
}

/**
 * Minimal cost-complexity pruning (Breiman et al. 1984, ch. 3; scikit-learn's ccp_alpha): with
 * R(t) = (n_t / N)·gini(t) and R(T_t) the sum over the leaves of T_t, repeatedly collapse the inner
 * node of smallest effective α g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1) while g(t) ≤ α.
 * Returns the number of inner nodes removed.
 */
export function costComplexityPrune(root: TreeNode, totalRows: number, alpha: number): number {
  let removed = 0;
  for (;;) {
    const found = weakestLink(root, totalRows);
    if (!found || found.g > alpha) break;
    const w = found.node;
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
