import { describe, expect, it } from 'vitest';
import type { HierarchyNode } from '../../src/hierarchy/tree.ts';
import { type Ifn, ifahp } from '../../src/weighting/ifahp.ts';
import { ifahpGlobalWeights } from '../../src/weighting/ifahp-hierarchy.ts';
import { iprFromUpper } from '../../src/weighting/ifahp-scale.ts';
import { issues } from '../support/issues.ts';

// A two-level tree in the shape of [004]'s system: goal → B1, B2, B3; B1 → C11, C12; B2 → C21; B3 → C31, C32, C33.
const leaf = (code: string): HierarchyNode => ({ code, name: code });
const tree = (): HierarchyNode => ({
  code: 'A',
  name: 'SCF risk',
  children: [
    { code: 'B1', name: 'B1', children: [leaf('C11'), leaf('C12')] },
    { code: 'B2', name: 'B2', children: [leaf('C21')] },
    { code: 'B3', name: 'B3', children: [leaf('C31'), leaf('C32'), leaf('C33')] },
  ],
});

const top: Ifn[][] = iprFromUpper({ '12': 'g7', '13': 'g9', '23': 'g6' });
const b3: Ifn[][] = iprFromUpper({ '12': 'slightly more important', '13': '明显不重要', '23': 'g4' });

describe('IFAHP over a hierarchy (SPEC §3.2 → §2)', () => {
  it('global weight = product of the IFAHP crisp local weights on the path; leaves sum to 1', () => {
    const r = ifahpGlobalWeights(tree(), { A: top, B1: { upper: { '12': 'g8' } }, B3: b3 });
    const node = (c: string) => r.nodes.find((n) => n.code === c)!;
    const a = ifahp(top).weights;
    const w1 = ifahp(iprFromUpper({ '12': 'g8' })).weights;
    const w3 = ifahp(b3).weights;
    expect(node('B1').localWeight).toBe(a[0]);
    expect(node('C12').globalWeight).toBeCloseTo(a[0] * w1[1], 15);
    expect(node('C21').localWeight).toBe(1);
    expect(node('C21').globalWeight).toBeCloseTo(a[1], 15);
    expect(node('C33').globalWeight).toBeCloseTo(a[2] * w3[2], 15);
    const leaves = r.nodes.filter((n) => n.leaf);
    expect(leaves.map((n) => n.code)).toEqual(['C11', 'C12', 'C21', 'C31', 'C32', 'C33']);
    expect(leaves.reduce((s, n) => s + (n.globalWeight ?? 0), 0)).toBeCloseTo(1, 14);
    // diagnostics of every parent are kept, with their labels
    expect(Object.keys(r.local).sort()).toEqual(['A', 'B1', 'B3']);
    expect(r.local.B3.labels).toEqual(['C31', 'C32', 'C33']);
    expect(r.repaired).toEqual(Object.keys(r.local).filter((c) => !r.local[c].consistent));
  });

  it('passes σ and the convention to every node', () => {
    const r = ifahpGlobalWeights(tree(), { A: top, B1: { upper: { '12': 'g8' } }, B3: b3 }, { sigma: 0.8, convention: 'rebuild' });
    for (const res of Object.values(r.local)) expect(res).toMatchObject({ sigma: 0.8, convention: 'rebuild' });
  });

  it('validation names the node and the cell', () => {
    const bad = top.map((row) => row.map((c) => [...c] as Ifn));
    bad[0][2] = [0.9, 0.2];
    expect(issues(() => ifahpGlobalWeights(tree(), { A: bad, B1: { upper: { '12': 'g8' } }, B3: b3 }))[0]).toMatchObject({
      path: ['A', 0, 2],
      message: expect.stringMatching(/exceeds 1/),
    });
    expect(issues(() => ifahpGlobalWeights(tree(), { A: top, B3: b3 }))[0]).toMatchObject({
      path: ['B1'],
      message: expect.stringMatching(/no relation over the 2 children of B1/),
    });
    expect(issues(() => ifahpGlobalWeights(tree(), { A: top, B1: top, B3: b3 }))[0]).toMatchObject({
      path: ['B1'],
      message: expect.stringMatching(/3×3 but B1 has 2 children/),
    });
    expect(issues(() => ifahpGlobalWeights(tree(), { A: top, B1: { upper: { '12': 'huge' } }, B3: b3 }))[0]).toMatchObject({
      path: ['B1', 'upper', '12'],
    });
    expect(issues(() => ifahpGlobalWeights(tree(), { A: top, B1: { upper: { '12': 'g8' } }, B3: b3, Z9: top }))[0]).toMatchObject({
      path: ['Z9'],
      message: expect.stringMatching(/no node has the code Z9/),
    });
    expect(issues(() => ifahpGlobalWeights(tree(), { A: top, B1: { upper: { '12': 'g8' } }, B3: b3, C11: top }))[0]).toMatchObject({
      path: ['C11'],
    });
  });
});
