import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreditDataset } from '../../src/credit/dataset.ts';
import { treeRules } from '../../src/credit/rules.ts';
import { predictTree, type TreeAlgorithm, type TreeNode, trainTree } from '../../src/credit/tree.ts';

/** Random small datasets: 2 categorical + 1 numeric attribute, 2–3 classes, optional missing cells. */
const datasets = (withMissing: boolean) =>
  fc
    .record({
      n: fc.integer({ min: 4, max: 40 }),
      seedRows: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: 0, max: 6 }),
          fc.integer({ min: 0, max: 2 }),
          fc.boolean(),
        ),
        {
          minLength: 40,
          maxLength: 40,
        },
      ),
    })
    .map(({ n, seedRows }): CreditDataset => {
      const rows = seedRows.slice(0, n);
      // make sure two classes occur
      rows[0] = [rows[0][0], rows[0][1], rows[0][2], 0, false];
      rows[1] = [rows[1][0], rows[1][1], rows[1][2], 1, false];
      return {
        attributes: [
          { name: 'a', kind: 'categorical', values: ['p', 'q', 'r'] },
          { name: 'b', kind: 'categorical', values: ['w', 'x', 'y', 'z'] },
          { name: 'c', kind: 'numeric', values: [] },
        ],
        columns: [
          Int32Array.from(rows, (r) => (withMissing && r[4] && r[0] === 2 ? -1 : r[0])),
          Int32Array.from(rows, (r) => r[1]),
          Float64Array.from(rows, (r) => (withMissing && r[4] && r[2] === 6 ? Number.NaN : r[2] / 2)),
        ],
        classes: ['k0', 'k1', 'k2'],
        labels: Int32Array.from(rows, (r) => r[3]),
        rows: rows.length,
      };
    });

const nodes = (n: TreeNode, out: TreeNode[] = []): TreeNode[] => {
  out.push(n);
  for (const b of n.children ?? []) nodes(b.node, out);
  return out;
};
const rowOf = (ds: CreditDataset, r: number) =>
  Object.fromEntries(
    ds.attributes.map((a, j) => {
      const v = ds.columns[j][r];
      return [a.name, a.kind === 'categorical' ? (v < 0 ? null : a.values[v]) : Number.isNaN(v) ? null : v];
    }),
  );
const algorithms: TreeAlgorithm[] = ['id3', 'c45', 'cart'];

describe('tree properties', () => {
  for (const algorithm of algorithms) {
    it(`${algorithm}: gains ≥ 0, pure nodes are leaves, counts add up, probabilities sum to 1`, () => {
      fc.assert(
        fc.property(datasets(true), (ds) => {
          const tree = trainTree(ds, { algorithm, prune: false });
          for (const node of nodes(tree.root)) {
            expect(node.gain).toBeGreaterThanOrEqual(0);
            expect(node.gainRatio).toBeGreaterThanOrEqual(0);
            for (const c of node.candidates ?? []) {
              expect(c.gain).toBeGreaterThanOrEqual(0);
              expect(c.gainRatio).toBeGreaterThanOrEqual(0);
            }
            if (node.counts.filter((c) => c > 1e-12).length <= 1) expect(node.children).toBeUndefined();
            if (node.children) {
              const sum = node.children.reduce((s, b) => s + b.node.n, 0);
              expect(sum).toBeCloseTo(node.n, 9);
            }
            expect(node.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          }
          for (const g of tree.rootGains) expect(g.gain).toBeGreaterThanOrEqual(0);
          const total = treeRules(tree).reduce((s, r) => s + r.n, 0);
          expect(total).toBeCloseTo(ds.rows, 9);
        }),
        { numRuns: 60 },
      );
    });
    it(`${algorithm}: a fully grown tree predicts its training rows exactly when no identical rows disagree`, () => {
      fc.assert(
        fc.property(datasets(false), (ds) => {
          // drop rows whose attributes equal an earlier row's with another class
          const seen = new Map<string, number>();
          for (let r = 0; r < ds.rows; r++) {
            const key = JSON.stringify(rowOf(ds, r));
            const k = seen.get(key);
            if (k !== undefined && k !== ds.labels[r]) return; // contradictory data: property does not apply
            seen.set(key, ds.labels[r]);
          }
          const tree = trainTree(ds, { algorithm, prune: false, minLeaf: 1 });
          for (let r = 0; r < ds.rows; r++) expect(predictTree(tree, rowOf(ds, r)).class).toBe(ds.classes[ds.labels[r]]);
        }),
        { numRuns: 60 },
      );
    });
  }
  it('stop rules: max depth and min leaf are respected', () => {
    fc.assert(
      fc.property(datasets(false), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5 }), (ds, maxDepth, minLeaf) => {
        for (const algorithm of ['c45', 'cart'] as const) {
          const tree = trainTree(ds, { algorithm, maxDepth, minLeaf, prune: false });
          expect(tree.diagnostics.depth).toBeLessThanOrEqual(maxDepth);
          if (algorithm === 'cart') for (const node of nodes(tree.root).slice(1)) expect(node.n).toBeGreaterThanOrEqual(minLeaf);
        }
      }),
      { numRuns: 40 },
    );
  });
  it('rejects bad options with their path', () => {
    const data: CreditDataset = {
      attributes: [{ name: 'a', kind: 'categorical', values: ['x', 'y'] }],
      columns: [Int32Array.from([0, 1])],
      classes: ['k0', 'k1'],
      labels: Int32Array.from([0, 1]),
      rows: 2,
    };
    expect(() => trainTree(data, { algorithm: 'cart', maxDepth: -1 })).toThrow(/maxDepth: max depth must be a whole number/);
    expect(() => trainTree(data, { algorithm: 'cart', minLeaf: 0 })).toThrow(/minLeaf: min leaf must be ≥ 1/);
    expect(() => trainTree(data, { algorithm: 'cart', ccpAlpha: -1 })).toThrow(/ccpAlpha/);
    expect(() => trainTree(data, { algorithm: 'c50' as never })).toThrow(/algorithm: unknown algorithm "c50"/);
    expect(() => trainTree({ ...data, labels: Int32Array.from([1, 1]) }, { algorithm: 'id3' })).toThrow(
      /labels: only one class occurs \(k1\)/,
    );
  });
});

describe('predictTreeDataset', () => {
  it('agrees with predictTree row by row, with missing values, for every algorithm', async () => {
    const { generateLoanHistory } = await import('../../src/credit/generator.ts');
    const { predictTreeDataset } = await import('../../src/credit/predict.ts');
    const ds = generateLoanHistory({ rows: 400, seed: 2 }).dataset;
    for (const algorithm of algorithms) {
      const tree = trainTree(ds, { algorithm, maxDepth: 4 });
      const batch = predictTreeDataset(tree, ds);
      const C = tree.classes.length;
      for (let r = 0; r < ds.rows; r += 7) {
        const one = predictTree(tree, rowOf(ds, r));
        expect(tree.classes[batch.predicted[r]]).toBe(one.class);
        tree.classes.forEach((c, k) => expect(batch.probabilities[r * C + k]).toBeCloseTo(one.probabilities[c], 12));
      }
      const sub = predictTreeDataset(tree, ds, [5, 3]);
      expect(Array.from(sub.predicted)).toEqual([batch.predicted[5], batch.predicted[3]]);
    }
  });
  it('names an unknown category with its row and attribute', async () => {
    const { predictTreeDataset } = await import('../../src/credit/predict.ts');
    const train: CreditDataset = {
      attributes: [{ name: 'a', kind: 'categorical', values: ['x', 'y'] }],
      columns: [Int32Array.from([0, 1, 0, 1])],
      classes: ['k0', 'k1'],
      labels: Int32Array.from([0, 1, 0, 1]),
      rows: 4,
    };
    const tree = trainTree(train, { algorithm: 'id3' });
    const test: CreditDataset = { ...train, attributes: [{ name: 'a', kind: 'categorical', values: ['x', 'z'] }] };
    expect(() => predictTreeDataset(tree, test)).toThrow(/\[1\]\.a: unknown value "z".*Allowed: x, y/);
  });
});
