import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cartArgsort, cartPruningPath, costComplexityPrune } from '../../src/credit/cart.ts';
import type { CreditDataset } from '../../src/credit/dataset.ts';
import { predictTree, type TreeNode, trainTree } from '../../src/credit/tree.ts';

// Reference trees from scikit-learn's DecisionTreeClassifier (criterion "gini", splitter "best"),
// produced once by packages/core/test/fixtures/cart-sklearn.py (see its docstring).
const fx = JSON.parse(readFileSync(new URL('../fixtures/cart-sklearn.json', import.meta.url), 'utf8')) as {
  pruningPath: { ccpAlphas: number[]; impurities: number[] };
  X: number[][];
  y: number[];
  trees: Record<
    string,
    {
      params: Record<string, number>;
      nodes: { feature: number | null; threshold: number | null; impurity: number; n: number; counts: number[] }[];
      trainAccuracy: number;
    }
  >;
};

// scikit-learn works on float32 features; feed the same values.
function dataset(): CreditDataset {
  const n = fx.X.length;
  const F = fx.X[0].length;
  return {
    attributes: Array.from({ length: F }, (_, j) => ({ name: `x${j}`, kind: 'numeric' as const, values: [] })),
    columns: Array.from({ length: F }, (_, j) => Float64Array.from(fx.X, (row) => Math.fround(row[j]))),
    classes: ['high risk', 'medium risk', 'lower risk', 'low risk'],
    labels: Int32Array.from(fx.y),
    rows: n,
  };
}

function preorder(node: TreeNode, out: TreeNode[] = []): TreeNode[] {
  out.push(node);
  for (const b of node.children ?? []) preorder(b.node, out);
  return out;
}

describe('CART matches scikit-learn DecisionTreeClassifier', () => {
  const ds = dataset();
  const cases: [string, Parameters<typeof trainTree>[1]][] = [
    ['depth5_leaf5', { algorithm: 'cart', maxDepth: 5, minLeaf: 5 }],
    ['ccp0.005', { algorithm: 'cart', ccpAlpha: 0.005 }],
  ];
  for (const [name, options] of cases) {
    it(`same splits, thresholds, impurities and counts (${name})`, () => {
      const tree = trainTree(ds, options);
      const ours = preorder(tree.root);
      const ref = fx.trees[name].nodes;
      expect(ours).toHaveLength(ref.length);
      ours.forEach((node, i) => {
        const r = ref[i];
        expect(node.attribute ?? null).toBe(r.feature === null ? null : `x${r.feature}`);
        if (r.threshold !== null) expect(node.threshold).toBeCloseTo(r.threshold, 12);
        expect(node.gini).toBeCloseTo(r.impurity, 12);
        expect(node.n).toBe(r.n);
        expect(node.counts).toEqual(r.counts);
      });
      let correct = 0;
      for (let r = 0; r < ds.rows; r++) {
        const row = Object.fromEntries(ds.attributes.map((a, j) => [a.name, ds.columns[j][r]]));
        if (predictTree(tree, row).class === ds.classes[ds.labels[r]]) correct++;
      }
      expect(correct / ds.rows).toBeCloseTo(fx.trees[name].trainAccuracy, 12);
    });
  }

  it('fully grown: fits the training data as scikit-learn does (ties between features in tiny nodes may differ)', () => {
    const tree = trainTree(ds, { algorithm: 'cart' });
    let correct = 0;
    for (let r = 0; r < ds.rows; r++) {
      const row = Object.fromEntries(ds.attributes.map((a, j) => [a.name, ds.columns[j][r]]));
      if (predictTree(tree, row).class === ds.classes[ds.labels[r]]) correct++;
    }
    expect(correct / ds.rows).toBe(fx.trees.full.trainAccuracy);
    expect(Math.abs(tree.diagnostics.nodes - fx.trees.full.nodes.length)).toBeLessThanOrEqual(4);
    expect(
      preorder(tree.root)
        .slice(0, 4)
        .map((n) => n.attribute),
    ).toEqual(fx.trees.full.nodes.slice(0, 4).map((n) => (n.feature === null ? undefined : `x${n.feature}`)));
  });
});

describe('CART cost-complexity pruning path', () => {
  it("matches scikit-learn's cost_complexity_pruning_path (α per step, total leaf impurity)", () => {
    const tree = trainTree(dataset(), { algorithm: 'cart', maxDepth: 5, minLeaf: 5 });
    const path = cartPruningPath(tree);
    expect(path.ccpAlphas).toHaveLength(fx.pruningPath.ccpAlphas.length);
    path.ccpAlphas.forEach((a, i) => expect(a).toBeCloseTo(fx.pruningPath.ccpAlphas[i], 12));
    path.impurities.forEach((r, i) => expect(r).toBeCloseTo(fx.pruningPath.impurities[i], 12));
    expect(tree.diagnostics.nodes).toBeGreaterThan(1); // the tree itself is not modified
  });
});

describe('CART on categorical attributes and pruning', () => {
  it('finds the best category subset exactly', () => {
    // classes: a → 0, b → 1, c → 0, d → 1: the best split is {a, c} vs {b, d} (pure children)
    const codes = Int32Array.from({ length: 40 }, (_, i) => i % 4);
    const ds: CreditDataset = {
      attributes: [{ name: 'grade', kind: 'categorical', values: ['a', 'b', 'c', 'd'] }],
      columns: [codes],
      classes: ['bad', 'good'],
      labels: Int32Array.from(codes, (c) => c % 2),
      rows: 40,
    };
    const tree = trainTree(ds, { algorithm: 'cart' });
    expect(tree.root.values).toEqual(['a', 'c']);
    expect(tree.root.children!.map((b) => b.condition)).toEqual([
      { op: 'in', values: ['a', 'c'] },
      { op: 'in', values: ['b', 'd'] },
    ]);
    expect(tree.root.split!.giniDecrease).toBeCloseTo(0.5, 12);
    expect(predictTree(tree, { grade: 'c' }).class).toBe('bad');
  });
  it('cost-complexity pruning collapses the weakest link first (Breiman et al. 1984)', () => {
    const mk = (id: number, counts: number[], children?: TreeNode[]): TreeNode => {
      const n = counts.reduce((a, b) => a + b, 0);
      const gini = 1 - counts.reduce((a, c) => a + (c / n) ** 2, 0);
      return {
        id,
        depth: 0,
        counts,
        n,
        entropy: 0,
        gini,
        gain: 0,
        gainRatio: 0,
        class: 'x',
        probabilities: [],
        ...(children
          ? { attribute: 'a', children: children.map((node) => ({ condition: { op: '=' as const, value: String(node.id) }, node })) }
          : {}),
      };
    };
    // R(t) = n_t/N·gini: root 0.5; left (10,10) → 0.25 with pure children → g = 0.25; right (18,2) with (9,1),(9,1) → g = 0
    const root = mk(0, [28, 12], [mk(1, [10, 10], [mk(3, [10, 0]), mk(4, [0, 10])]), mk(2, [18, 2], [mk(5, [9, 1]), mk(6, [9, 1])])]);
    expect(costComplexityPrune(root, 40, 0.01)).toBe(1);
    expect(root.children![1].node.children).toBeUndefined();
    expect(root.children![0].node.children).toHaveLength(2);
  });
});

describe('cartArgsort', () => {
  it('orders rows by value, ties by row index (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }), (vals) => {
        const x = Float64Array.from(vals, (v) => v / 2);
        const expected = Array.from(x.keys()).sort((p, q) => x[p] - x[q] || p - q);
        expect(Array.from(cartArgsort(x))).toEqual(expected);
      }),
    );
  });
});

// The generated loan history examples/loan-history-small.csv through scikit-learn (fixture script
// packages/core/test/fixtures/cart-sklearn-loans.py, which states the shared encoding).
describe('CART matches scikit-learn on the generated loan history', () => {
  const fxl = JSON.parse(readFileSync(new URL('../fixtures/cart-sklearn-loans.json', import.meta.url), 'utf8')) as {
    trees: Record<
      string,
      {
        params: { max_depth: number; min_samples_leaf: number };
        nodes: { feature: string | null; threshold: number | null; impurity: number; n: number }[];
      }
    >;
  };
  const text = readFileSync(new URL('../../../../examples/loan-history-small.csv', import.meta.url), 'utf8').trimEnd();
  const [head, ...lines] = text.split('\n').map((l) => l.split(','));
  const target = head.indexOf('days overdue');
  const cols = head.map((_, c) => c).filter((c) => c !== target);
  const columns = cols.map((c) => {
    const cells = lines.map((r) => r[c]);
    const present = cells.filter((s) => s !== '');
    const numeric = present.every((s) => Number.isFinite(Number(s)));
    const order = [...new Set(present)].sort();
    const vals = cells.map((s) => (s === '' ? Number.NaN : numeric ? Number(s) : order.indexOf(s)));
    const known = vals.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const m = known.length >> 1;
    const median = known.length % 2 ? known[m] : (known[m - 1] + known[m]) / 2;
    return Float64Array.from(vals, (v) => Math.fround(Number.isNaN(v) ? median : v));
  });
  const labels = Int32Array.from(lines, (r) => {
    const d = Number(r[target]);
    return d > 90 ? 0 : d >= 60 ? 1 : d >= 30 ? 2 : 3;
  });
  const ds: CreditDataset = {
    attributes: cols.map((c) => ({ name: head[c], kind: 'numeric' as const, values: [] })),
    columns,
    classes: ['high risk', 'medium risk', 'lower risk', 'low risk'],
    labels,
    rows: lines.length,
  };
  for (const [name, ref] of Object.entries(fxl.trees)) {
    it(`same nodes (${name})`, () => {
      const tree = trainTree(ds, { algorithm: 'cart', maxDepth: ref.params.max_depth, minLeaf: ref.params.min_samples_leaf });
      const ours = preorder(tree.root);
      expect(ours.map((n) => n.attribute ?? null)).toEqual(ref.nodes.map((n) => n.feature));
      ours.forEach((node, i) => {
        if (ref.nodes[i].threshold !== null) expect(node.threshold).toBeCloseTo(ref.nodes[i].threshold!, 12);
        expect(node.gini).toBeCloseTo(ref.nodes[i].impurity, 12);
        expect(node.n).toBe(ref.nodes[i].n);
      });
    });
  }
});
