/**
 * ID3 ([002 §3] formulas (1)–(4); Quinlan 1986) and the weighted top-down builder it shares with
 * C4.5 (Quinlan 1993): multiway splits on categories, binary splits on numeric thresholds, missing
 * values by fractional instances, and I, E(A), Gain(A), split info and gain ratio of every
 * attribute recorded at every node.
 */
import type { CreditDataset } from './dataset.ts';
import type { DecisionTree, TreeAttributeGain, TreeBranch, TreeNode, TreeOptions } from './tree.ts';

/**
 * Information of a class distribution, [002 §3] formula (1): I(s₁…s_m) = −Σ p_i log₂ p_i, p_i = s_i / s.
 * Counts may be fractional (weights); zero counts contribute 0.
 */
export function treeInformation(counts: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < counts.length; i++) s += counts[i];
  if (s <= 0) return 0;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) h -= (c / s) * Math.log2(c / s);
  }
  return h > 0 ? h : 0;
}

/** Gini impurity 1 − Σ p_i² (Breiman et al. 1984). */
export function treeGini(counts: ArrayLike<number>): number {
  let s = 0;
  let q = 0;
  for (let i = 0; i < counts.length; i++) s += counts[i];
  if (s <= 0) return 0;
  for (let i = 0; i < counts.length; i++) q += (counts[i] / s) ** 2;
  return Math.max(0, 1 - q);
}

/**
 * Expected information of a partition, [002 §3] formula (2)–(3):
 * E(A) = Σ_j (s_1j + … + s_mj)/s · I(s_1j … s_mj), `parts[j]` = class counts of subset S_j.
 */
export function treeExpectedInformation(parts: ArrayLike<number>[]): number {
  let total = 0;
  const sizes = parts.map((p) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) s += p[i];
    total += s;
    return s;
  });
  if (total <= 0) return 0;
  let e = 0;
  parts.forEach((p, j) => {
    if (sizes[j] > 0) e += (sizes[j] / total) * treeInformation(p);
  });
  return e;
}

/** Split information −Σ_j (|S_j|/|S|) log₂(|S_j|/|S|) over subset sizes (Quinlan 1993, C4.5's gain ratio denominator). */
export function treeSplitInformation(sizes: ArrayLike<number>): number {
  return treeInformation(sizes);
}

/** Majority class (ties → lowest code). */
export function treeMajority(counts: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best] + 1e-12) best = k;
  return best;
}

const EPS = 1e-12;

/** A node in the making. */
export function makeTreeNode(id: number, depth: number, counts: number[], classes: string[]): TreeNode {
  const n = counts.reduce((a, b) => a + b, 0);
  return {
    id,
    depth,
    counts,
    n,
    entropy: treeInformation(counts),
    gini: treeGini(counts),
    gain: 0,
    gainRatio: 0,
    class: classes[treeMajority(counts)],
    probabilities: counts.map((c) => (n > 0 ? c / n : 0)),
  };
}

interface Candidate extends TreeAttributeGain {
  attributeIndex: number;
  /** Per-branch class counts over known rows. */
  parts: number[][];
  /** Category codes of the branches (categorical), or undefined for thresholds. */
  codes?: number[];
  valid: boolean;
}

/** Which attribute-selection rule the builder uses. */
export type QuinlanVariant = 'id3' | 'c45';

/**
 * Grow a tree top-down (Quinlan's TDIDT). ID3 chooses the attribute of maximal Gain(A); C4.5 the
 * maximal gain ratio among attributes whose gain is at least the average gain (Quinlan 1993, §2.2).
 * Rows whose value of the tested attribute is missing go to every branch with weight × |S_j|/|known|,
 * and the gain is multiplied by the known fraction F (Quinlan 1993, §3.1).
 * A categorical attribute used on a path is not tested again below it; numeric ones may be.
 */
export function growQuinlanTree(ds: CreditDataset, options: TreeOptions, variant: QuinlanVariant): DecisionTree {
  const C = ds.classes.length;
  const minLeaf = options.minLeaf ?? (variant === 'c45' ? 2 : 1);
  const minGain = options.minGain ?? 0;
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const record = options.recordCandidates ?? true;
  const y = ds.labels;
  let nextId = 0;
  let maxSeen = 0;
  const attrs = ds.attributes;
  // sorted distinct values of each numeric attribute over the whole training set (for C4.5's thresholds)
  const distinct = attrs.map((attr, a) =>
    attr.kind === 'numeric'
      ? Float64Array.from(new Set(Array.from(ds.columns[a] as Float64Array).filter((v) => !Number.isNaN(v)))).sort()
      : null,
  );

  const evaluate = (rows: Int32Array, w: Float64Array, a: number, counts: number[]): Candidate => {
    const attr = attrs[a];
    const col = ds.columns[a];
    const total = counts.reduce((x, v) => x + v, 0);
    if (attr.kind === 'categorical') {
      const K = attr.values.length;
      const table = new Float64Array(K * C);
      const known = new Array<number>(C).fill(0);
      let unknown = 0;
      for (let i = 0; i < rows.length; i++) {
        const code = (col as Int32Array)[rows[i]];
        if (code < 0) unknown += w[i];
        else {
          table[code * C + y[rows[i]]] += w[i];
          known[y[rows[i]]] += w[i];
        }
      }
      const parts: number[][] = [];
      const codes: number[] = [];
      for (let k = 0; k < K; k++) {
        const p = Array.from(table.subarray(k * C, (k + 1) * C));
        if (p.some((v) => v > 0)) {
          parts.push(p);
          codes.push(k);
        }
      }
      return finish(attr.name, a, known, parts, unknown, total, codes);
    }
    // numeric: best binary threshold by gain over the known rows
    const idx: number[] = [];
    const known = new Array<number>(C).fill(0);
    let unknown = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = (col as Float64Array)[rows[i]];
      if (Number.isNaN(v)) unknown += w[i];
      else {
        idx.push(i);
        known[y[rows[i]]] += w[i];
      }
    }
    const colF = col as Float64Array;
    idx.sort((p, q) => colF[rows[p]] - colF[rows[q]]);
    const knownTotal = known.reduce((x, v) => x + v, 0);
    const left = new Array<number>(C).fill(0);
    let nl = 0;
    let best: { e: number; t: number; next: number; l: number[] } | undefined;
    const info = treeInformation(known);
    for (let j = 0; j < idx.length - 1; j++) {
      const i = idx[j];
      left[y[rows[i]]] += w[i];
      nl += w[i];
      const v = colF[rows[i]];
      const vNext = colF[rows[idx[j + 1]]];
      if (vNext <= v) continue;
      if (nl + EPS < minLeaf || knownTotal - nl + EPS < minLeaf) continue;
      const right = known.map((c, k) => c - left[k]);
      const e = treeExpectedInformation([left, right]);
      if (!best || e < best.e - EPS) best = { e, t: v, next: vNext, l: [...left] };
    }
    if (!best) return { ...finish(attr.name, a, known, [], unknown, total), valid: false, info };
    const right = known.map((c, k) => c - best!.l[k]);
    const cand = finish(attr.name, a, known, [best.l, right], unknown, total);
    cand.threshold = largestAtMost(distinct[a]!, (best.t + best.next) / 2, best.t);
    return cand;
  };

  const finish = (
    name: string,
    a: number,
    known: number[],
    parts: number[][],
    unknown: number,
    total: number,
    codes?: number[],
  ): Candidate => {
    const knownTotal = known.reduce((x, v) => x + v, 0);
    const F = total > 0 ? knownTotal / total : 0;
    const info = treeInformation(known);
    const expectedInfo = parts.length > 0 ? treeExpectedInformation(parts) : info;
    const gain = Math.max(0, F * (info - expectedInfo));
    const sizes = parts.map((p) => p.reduce((x, v) => x + v, 0));
    if (unknown > 0) sizes.push(unknown);
    const splitInfo = treeSplitInformation(sizes);
    const gainRatio = splitInfo > EPS ? gain / splitInfo : 0;
    const big = parts.filter((p) => p.reduce((x, v) => x + v, 0) + EPS >= minLeaf).length;
    const cand: Candidate = {
      attribute: name,
      attributeIndex: a,
      info,
      expectedInfo,
      gain,
      splitInfo,
      gainRatio,
      parts,
      valid: parts.length >= 2 && big >= 2,
    };
    if (codes) cand.codes = codes;
    return cand;
  };

  const grow = (rows: Int32Array, w: Float64Array, depth: number, used: Set<number>): TreeNode => {
    const counts = new Array<number>(C).fill(0);
    for (let i = 0; i < rows.length; i++) counts[y[rows[i]]] += w[i];
    const node = makeTreeNode(nextId++, depth, counts, ds.classes);
    maxSeen = Math.max(maxSeen, depth);
    const nonZero = counts.filter((c) => c > EPS).length;
    const candidates: Candidate[] = [];
    for (let a = 0; a < attrs.length; a++) {
      if (used.has(a)) continue;
      candidates.push(evaluate(rows, w, a, counts));
    }
    if (record)
      node.candidates = candidates.map((c) => {
        const out: TreeAttributeGain = {
          attribute: c.attribute,
          info: c.info,
          expectedInfo: c.expectedInfo,
          gain: c.gain,
          splitInfo: c.splitInfo,
          gainRatio: c.gainRatio,
        };
        if (c.threshold !== undefined) out.threshold = c.threshold;
        return out;
      });
    if (nonZero <= 1) return leaf(node, 'pure');
    if (depth >= maxDepth) return leaf(node, 'max-depth');
    if (node.n + EPS < 2 * minLeaf) return leaf(node, 'min-leaf');
    const valid = candidates.filter((c) => c.valid);
    if (valid.length === 0) return leaf(node, candidates.length === 0 ? 'no-attribute' : 'min-leaf');
    let chosen: Candidate | undefined;
    if (variant === 'id3') {
      for (const c of valid) if (!chosen || c.gain > chosen.gain + EPS) chosen = c;
    } else {
      const avg = valid.reduce((x, c) => x + c.gain, 0) / valid.length;
      for (const c of valid) if (c.gain + EPS >= avg && (!chosen || c.gainRatio > chosen.gainRatio + EPS)) chosen = c;
    }
    if (!chosen || chosen.gain + EPS < minGain) return leaf(node, 'min-gain');
    const a = chosen.attributeIndex;
    const attr = attrs[a];
    node.attribute = attr.name;
    node.gain = chosen.gain;
    node.gainRatio = chosen.gainRatio;
    const col = ds.columns[a];
    const branchSizes = chosen.parts.map((p) => p.reduce((x, v) => x + v, 0));
    const knownTotal = branchSizes.reduce((x, v) => x + v, 0);
    const branchOf = (r: number): number => {
      if (attr.kind === 'categorical') {
        const code = (col as Int32Array)[r];
        return code < 0 ? -1 : chosen!.codes!.indexOf(code);
      }
      const v = (col as Float64Array)[r];
      return Number.isNaN(v) ? -1 : v <= chosen!.threshold! ? 0 : 1;
    };
    const branchRows: number[][] = chosen.parts.map(() => []);
    const branchW: number[][] = chosen.parts.map(() => []);
    for (let i = 0; i < rows.length; i++) {
      const b = branchOf(rows[i]);
      if (b >= 0) {
        branchRows[b].push(rows[i]);
        branchW[b].push(w[i]);
      } else
        for (let j = 0; j < branchRows.length; j++) {
          const share = (w[i] * branchSizes[j]) / knownTotal;
          if (share > 0) {
            branchRows[j].push(rows[i]);
            branchW[j].push(share);
          }
        }
    }
    const childUsed = attr.kind === 'categorical' ? new Set([...used, a]) : used;
    let giniChildren = 0;
    const children: TreeBranch[] = branchRows.map((br, j) => {
      const condition: TreeBranch['condition'] =
        attr.kind === 'categorical'
          ? { op: '=', value: attr.values[chosen!.codes![j]] }
          : j === 0
            ? { op: '<=', threshold: chosen!.threshold! }
            : { op: '>', threshold: chosen!.threshold! };
      const child = grow(Int32Array.from(br), Float64Array.from(branchW[j]), depth + 1, childUsed);
      giniChildren += (child.n / node.n) * child.gini;
      return { condition, node: child };
    });
    node.children = children;
    node.split = {
      attribute: attr.name,
      attributeIndex: a,
      kind: attr.kind === 'categorical' ? 'multiway' : 'threshold',
      gain: chosen.gain,
      gainRatio: chosen.gainRatio,
      giniDecrease: Math.max(0, (node.n / ds.rows) * (node.gini - giniChildren)),
    };
    if (chosen.threshold !== undefined) {
      node.threshold = chosen.threshold;
      node.split.threshold = chosen.threshold;
    }
    return node;
  };

  const rows = new Int32Array(ds.rows);
  for (let i = 0; i < ds.rows; i++) rows[i] = i;
  const w = new Float64Array(ds.rows).fill(1);
  const root = grow(rows, w, 0, new Set());
  const rootCandidates = root.candidates ?? attrs.map((_, a) => evaluate(rows, w, a, root.counts));
  let missing = false;
  for (let a = 0; a < attrs.length && !missing; a++) {
    const col = ds.columns[a];
    for (let r = 0; r < ds.rows; r++)
      if (col instanceof Int32Array ? col[r] < 0 : Number.isNaN(col[r])) {
        missing = true;
        break;
      }
  }
  const tree: DecisionTree = {
    algorithm: variant,
    attributes: attrs.map((a) => ({ name: a.name, kind: a.kind, values: [...a.values] })),
    classes: [...ds.classes],
    root,
    rootGains: rootCandidates.map((c) => ({ attribute: c.attribute, gain: c.gain, gainRatio: c.gainRatio })),
    options: {
      algorithm: variant,
      maxDepth: Number.isFinite(maxDepth) ? maxDepth : null,
      minLeaf,
      minGain,
      prune: false,
      ccpAlpha: 0,
    },
    diagnostics: {
      rows: ds.rows,
      nodes: 0,
      leaves: 0,
      depth: maxSeen,
      prunedNodes: 0,
      missing: missing
        ? 'fractional instances (Quinlan 1993): a row with a missing value of the tested attribute goes down every branch with weight |S_j|/|known|; gains are multiplied by the known fraction F'
        : 'none in the training data; at prediction a missing value is spread over the branches by their training weights',
    },
  };
  refreshTreeDiagnostics(tree);
  return tree;
}

/** Largest value of sorted `values` that is ≤ x (Quinlan 1993: thresholds are training values); `fallback` if none. */
function largestAtMost(values: Float64Array, x: number, fallback: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let out = fallback;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= x) {
      out = values[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return Math.max(out, fallback);
}

function leaf(node: TreeNode, reason: NonNullable<TreeNode['leafReason']>): TreeNode {
  node.leafReason = reason;
  return node;
}

/** Recount nodes, leaves and depth after growing or pruning. */
export function refreshTreeDiagnostics(tree: DecisionTree): void {
  let nodes = 0;
  let leaves = 0;
  let depth = 0;
  const walk = (n: TreeNode) => {
    nodes++;
    depth = Math.max(depth, n.depth);
    if (!n.children) leaves++;
    else for (const b of n.children) walk(b.node);
  };
  walk(tree.root);
  tree.diagnostics.nodes = nodes;
  tree.diagnostics.leaves = leaves;
  tree.diagnostics.depth = depth;
}

/**
 * ID3 ([002 §3], Quinlan 1986): at every node the attribute of highest Gain(A) = I − E(A)
 * (formulas (1)–(4)) becomes the test, with one branch per value; I, E(A) and Gain(A) of every
 * candidate attribute are kept in `node.candidates`. Numeric attributes are tested by their best
 * binary threshold (an extension; [002] uses categorical attributes only), placed like C4.5's: the largest
 * value in the whole training set not above the midpoint between the two values it separates.
 */
export function trainId3(ds: CreditDataset, options: Omit<TreeOptions, 'algorithm'> = {}): DecisionTree {
  return growQuinlanTree(ds, { ...options, algorithm: 'id3' }, 'id3');
}
