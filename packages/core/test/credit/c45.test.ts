import { describe, expect, it } from 'vitest';
import { pessimisticPrune } from '../../src/credit/c45.ts';
import { printTree } from '../../src/credit/rules.ts';
import { predictTree, trainTree } from '../../src/credit/tree.ts';
import { GOLF, golf } from './textbook.ts';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

// Quinlan (1993), C4.5: Programs for Machine Learning, §2.2 and §3.1, golf data of Figure 2-1:
// info(T) = 0.940, info_outlook(T) = 0.694, gain = 0.246 (printed from the rounded figures; exact 0.2467),
// split info(outlook) = 1.577, gain ratio = 0.156; with the outlook of case 6 (overcast, 72, 90, true)
// unknown: info = 0.961, info_outlook = 0.747, gain = 13/14 × 0.214 = 0.199, split info = 1.809, gain ratio 0.110.
describe('C4.5 gain ratio on the golf data (Quinlan 1993)', () => {
  it('reproduces the printed outlook numbers', () => {
    const tree = trainTree(golf(), { algorithm: 'c45', prune: false });
    const outlook = tree.root.candidates!.find((c) => c.attribute === 'outlook')!;
    expect(r3(outlook.info)).toBe(0.94);
    expect(r3(outlook.expectedInfo)).toBe(0.694);
    expect(Math.abs(outlook.gain - 0.246)).toBeLessThan(0.001);
    expect(r3(outlook.splitInfo)).toBe(1.577);
    expect(r3(outlook.gainRatio)).toBe(0.156);
    expect(tree.rootGains.find((g) => g.attribute === 'outlook')!.gainRatio).toBeCloseTo(outlook.gainRatio, 12);
  });
  it('reproduces the unknown-value example of §3.1', () => {
    const rows = GOLF.map((r) => [...r]) as (string | number | null)[][];
    rows[5][0] = null;
    const tree = trainTree(golf(rows), { algorithm: 'c45', prune: false });
    const outlook = tree.root.candidates!.find((c) => c.attribute === 'outlook')!;
    expect(r3(outlook.info)).toBe(0.961);
    expect(r3(outlook.expectedInfo)).toBe(0.747);
    expect(r3(outlook.gain)).toBe(0.199);
    expect(r3(outlook.splitInfo)).toBe(1.809);
    expect(r3(outlook.gainRatio)).toBe(0.11);
    // the case with unknown outlook goes down every branch with weight 5/13, 3/13, 5/13 (Quinlan §3.2)
    const sunny = tree.root.children!.find((b) => b.condition.op === '=' && b.condition.value === 'sunny')!.node;
    expect(sunny.n).toBeCloseTo(5 + 5 / 13, 12);
    expect(tree.diagnostics.missing).toMatch(/fractional/);
  });
  // §2.3 prints: humidity ≤ 75 (the largest value of humidity in the whole training set below the midpoint 77.5).
  it('learns the printed tree of §2 (outlook; humidity ≤ 75 under sunny; windy under rain)', () => {
    const tree = trainTree(golf(), { algorithm: 'c45', prune: false });
    expect(printTree(tree)).toBe(
      [
        'outlook = sunny',
        '|   humidity <= 75: Play (2)',
        "|   humidity > 75: Don't Play (3)",
        'outlook = overcast: Play (4)',
        'outlook = rain',
        "|   windy = true: Don't Play (2)",
        '|   windy = false: Play (3)',
      ].join('\n'),
    );
    // pessimistic pruning (on by default) keeps this tree: e.g. at sunny e'(t) = 2.5 > e'(T) + SE = 1 + 0.894
    const pruned = trainTree(golf(), { algorithm: 'c45' });
    expect(printTree(pruned)).toBe(printTree(tree));
    expect(pruned.diagnostics.prunedNodes).toBe(0);
    const p = predictTree(tree, { outlook: 'sunny', temperature: 70, humidity: 80, windy: 'false' });
    expect(p.class).toBe("Don't Play");
    expect(p.path.map((s) => s.attribute)).toEqual(['outlook', 'humidity']);
  });
});

describe('pessimistic error pruning (Quinlan 1987)', () => {
  it('collapses a subtree whose corrected errors do not beat the leaf by one standard error', () => {
    const leaf = (counts: number[], id: number) => ({
      id,
      depth: 1,
      counts,
      n: counts[0] + counts[1],
      entropy: 0,
      gini: 0,
      gain: 0,
      gainRatio: 0,
      class: 'a',
      probabilities: [0, 0],
    });
    // node: 10 a, 2 b → e'(t) = 2.5; children (6,1) and (4,1) → e'(T) = 2 + 1 = 3, SE = √(3·9/12) = 1.5 → prune
    const root = {
      ...leaf([10, 2], 0),
      depth: 0,
      attribute: 'x',
      children: [
        { condition: { op: '=' as const, value: 'u' }, node: leaf([6, 1], 1) },
        { condition: { op: '=' as const, value: 'v' }, node: leaf([4, 1], 2) },
      ],
    };
    expect(pessimisticPrune(root)).toBe(1);
    expect(root.children).toBeUndefined();
    // a clean split survives: node (6,6) → e'(t) = 6.5; children pure → e'(T) = 1, SE = √(1·11/12) ≈ 0.96
    const keep = {
      ...leaf([6, 6], 0),
      attribute: 'x',
      children: [
        { condition: { op: '=' as const, value: 'u' }, node: leaf([6, 0], 1) },
        { condition: { op: '=' as const, value: 'v' }, node: leaf([0, 6], 2) },
      ],
    };
    expect(pessimisticPrune(keep)).toBe(0);
    expect(keep.children).toHaveLength(2);
  });
});

describe('ID3 with pruning on request', () => {
  it('applies pessimistic pruning and reports it', async () => {
    const { generateLoanHistory } = await import('../../src/credit/generator.ts');
    const ds = generateLoanHistory({ rows: 500, seed: 9 }).dataset;
    const full = trainTree(ds, { algorithm: 'id3', maxDepth: 4 });
    const pruned = trainTree(ds, { algorithm: 'id3', maxDepth: 4, prune: true });
    expect(pruned.options.prune).toBe(true);
    expect(pruned.diagnostics.prunedNodes).toBeGreaterThan(0);
    expect(pruned.diagnostics.nodes).toBeLessThan(full.diagnostics.nodes);
  });
});
