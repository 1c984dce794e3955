import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { globalWeights } from '../../src/hierarchy/global-weights.ts';
import { synthesiseHierarchy } from '../../src/hierarchy/synthesis.ts';
import { type HierarchyNode, hierarchyLeaves, treeHoldsMatrices } from '../../src/hierarchy/tree.ts';
import { validateHierarchy } from '../../src/hierarchy/validate.ts';
import { ahp } from '../../src/weighting/ahp.ts';
import { issues } from '../support/issues.ts';

const template = (name: string) => parse(readFileSync(new URL(`../../../../templates/${name}.yaml`, import.meta.url), 'utf8'));

const small = (): Record<string, unknown> => ({
  code: 'A',
  name: { zh: '目标', en: 'Goal' },
  children: [
    {
      code: 'A1',
      name: 'one',
      weight: 0.6,
      children: [
        { code: 'A11', name: 'x', weight: 0.5, direction: 'cost' },
        { code: 'A12', name: 'y', weight: 0.5 },
      ],
    },
    { code: 'A2', name: 'two', weight: 0.4, children: [{ code: 'A21', name: 'z', weight: 1, kind: 'quantitative' }] },
  ],
});

describe('[003] JD template', () => {
  // [003] table 10, "absolute weight" of the 15 operational-risk indicators, as printed.
  const table10: Record<string, number> = {
    A511: 0.026,
    A512: 0.016,
    A513: 0.012,
    A514: 0.012,
    A521: 0.015,
    A522: 0.008,
    A523: 0.007,
    A524: 0.006,
    A525: 0.005,
    A531: 0.015,
    A532: 0.007,
    A533: 0.005,
    A541: 0.013,
    A542: 0.007,
    A543: 0.007,
  };
  it('reproduces the absolute-weight column of table 10 to the printed 3 decimals', () => {
    const r = synthesiseHierarchy(template('jd-scf'));
    const byCode = new Map(r.nodes.map((n) => [n.code, n]));
    for (const [code, printed] of Object.entries(table10)) {
      const g = byCode.get(code)?.globalWeight;
      expect(g, code).not.toBeNull();
      expect(Number((g as number).toFixed(3)), code).toBe(printed);
    }
    expect(byCode.get('A511')?.globalWeight).toBeCloseTo(0.163 * 0.408 * 0.393, 15);
  });
  it('has the five criteria, the published second-level weights and bilingual names', () => {
    const { root, tolerance } = validateHierarchy(template('jd-scf'));
    expect(root.children?.map((c) => c.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    const second = Object.fromEntries((root.children ?? []).flatMap((c) => (c.children ?? []).map((s) => [s.code, s.weight])));
    expect(second).toMatchObject({
      A11: 0.625,
      A12: 0.375,
      A21: 0.342,
      A22: 0.221,
      A23: 0.221,
      A24: 0.216,
      A31: 0.667,
      A32: 0.333,
      A41: 0.625,
      A42: 0.375,
      A51: 0.408,
      A52: 0.253,
      A53: 0.171,
      A54: 0.169,
    });
    expect(tolerance).toBe(0.002);
    for (const leaf of hierarchyLeaves(root)) {
      expect(typeof leaf.name === 'object' && leaf.name.zh && leaf.name.en, leaf.code).toBeTruthy();
      expect(['[003]', 'added']).toContain(leaf.source);
    }
    expect(hierarchyLeaves(root).filter((l) => l.source === '[003]')).toHaveLength(31);
  });
  it('leaves the global weights of branches without published weights unknown, with a warning', () => {
    const r = synthesiseHierarchy(template('jd-scf'));
    expect(r.nodes.find((n) => n.code === 'A211')?.globalWeight).toBeNull();
    expect(r.warnings.some((w) => /A: no published weight for A1, A2, A3, A4/.test(w))).toBe(true);
  });
});

describe('shipped templates', () => {
  it.each(['jd-scf', 'ztmg', 'credit-evaluation', 'credit-tree-attributes', 'b2b-platform'])('%s is a valid hierarchy', (name) => {
    const { root } = validateHierarchy(template(name));
    expect(hierarchyLeaves(root).length).toBeGreaterThan(5);
  });
  it('hold the sources’ counts: 22 tree attributes [002 §3], 16 second-level criteria [004]', () => {
    expect(hierarchyLeaves(validateHierarchy(template('credit-tree-attributes')).root)).toHaveLength(22);
    const b2b = validateHierarchy(template('b2b-platform')).root;
    expect(b2b.children).toHaveLength(5);
    expect((b2b.children ?? []).reduce((s, c) => s + (c.children?.length ?? 0), 0)).toBe(16);
  });
});

describe('validation names the code path and the data path', () => {
  it('duplicate code', () => {
    const t = small();
    (t.children as Record<string, unknown>[])[1].code = 'A1';
    const [i] = issues(() => validateHierarchy(t));
    expect(i.path).toEqual(['children', 1, 'code']);
    expect(i.message).toMatch(/^A > A1: code A1 is used twice \(also at A > A1\)/);
  });
  it('a code that is its own ancestor', () => {
    const t = small();
    ((t.children as Record<string, unknown>[])[0].children as Record<string, unknown>[])[0].code = 'A1';
    expect(issues(() => validateHierarchy(t))[0].message).toMatch(/A > A1 > A1: code A1 appears as its own ancestor/);
  });
  it('a shared node object (cycle built in code)', () => {
    const leaf = { code: 'L', name: 'leaf' };
    const t = {
      code: 'R',
      name: 'root',
      children: [
        { code: 'X', name: 'x', children: [leaf] },
        { code: 'Y', name: 'y', children: [leaf] },
      ],
    };
    expect(issues(() => validateHierarchy(t))[0]).toMatchObject({
      path: ['children', 1, 'children', 0],
      message: expect.stringMatching(/appears twice in the tree/),
    });
  });
  it('empty children list', () => {
    const t = small();
    (t.children as Record<string, unknown>[])[1].children = [];
    expect(issues(() => validateHierarchy(t))[0]).toMatchObject({
      path: ['children', 1, 'children'],
      message: expect.stringMatching(/^A > A2: children must be a non-empty list/),
    });
  });
  it('sibling weights not summing to 1, and normalised on request with a warning', () => {
    const t = small();
    (t.children as Record<string, unknown>[])[1].weight = 0.5;
    const [i] = issues(() => validateHierarchy(t));
    expect(i).toMatchObject({ path: ['children'], message: expect.stringMatching(/^A: the children's weights sum to 1.1, not 1/) });
    const v = validateHierarchy(t, { normalise: true });
    expect(v.root.children?.[0].weight).toBeCloseTo(0.6 / 1.1, 15);
    expect(v.warnings[0]).toMatch(/A: children's weights summed to 1.1; normalised to 1/);
  });
  it('weights on some children only', () => {
    const t = small();
    delete (t.children as Record<string, unknown>[])[1].weight;
    expect(issues(() => validateHierarchy(t))[0].message).toMatch(/A: 1 of 2 children have a weight; A2 has none/);
  });
  it('weight outside [0, 1] and not a number', () => {
    const t = small();
    (t.children as Record<string, unknown>[])[0].weight = 1.5;
    (t.children as Record<string, unknown>[])[1].weight = 'high';
    const is = issues(() => validateHierarchy(t));
    expect(is.map((i) => i.path)).toEqual([
      ['children', 0, 'weight'],
      ['children', 1, 'weight'],
    ]);
  });
  it('missing code and name', () => {
    const is = issues(() => validateHierarchy({ children: [{ code: 'B', name: '' }] }));
    expect(is[0]).toMatchObject({ path: ['code'] });
    expect(is.some((i) => i.path.join() === 'children,0,name')).toBe(true);
  });
  it('matrix size differs from the number of children', () => {
    const t = {
      code: 'A',
      name: 'a',
      matrix: [
        [1, 2],
        [0.5, 1],
      ],
      children: [
        { code: 'A1', name: '1' },
        { code: 'A2', name: '2' },
        { code: 'A3', name: '3' },
      ],
    };
    expect(issues(() => validateHierarchy(t))[0]).toMatchObject({
      path: ['matrix'],
      message: expect.stringMatching(/the matrix is 2×2 but the node has 3 children/),
    });
  });
  it('two weight sources for the same children', () => {
    const t = {
      code: 'A',
      name: 'a',
      matrix: [
        [1, 2],
        [0.5, 1],
      ],
      children: [
        { code: 'A1', name: '1', weight: 0.5 },
        { code: 'A2', name: '2', weight: 0.5 },
      ],
    };
    expect(issues(() => validateHierarchy(t))[0].message).toMatch(/weights come from the children’s weight and matrix; give only one/);
  });
  it('invalid leaf fields, and leaf fields on a criterion', () => {
    const t = small();
    ((t.children as Record<string, unknown>[])[0].children as Record<string, unknown>[])[1].direction = 'up';
    (t.children as Record<string, unknown>[])[1].scorer = 'expert';
    const is = issues(() => validateHierarchy(t));
    expect(is[0]).toMatchObject({
      path: ['children', 0, 'children', 1, 'direction'],
      message: expect.stringMatching(/A > A1 > A12: direction "up" is not allowed/),
      allowed: 'benefit, cost',
    });
    expect(is[1]).toMatchObject({ path: ['children', 1, 'scorer'], message: 'A > A2: only indicators (leaves) have scorer' });
  });
  it('a matrix on an indicator', () => {
    const t = { code: 'A', name: 'a', children: [{ code: 'A1', name: '1', matrix: [[1]] }] };
    expect(issues(() => validateHierarchy(t))[0]).toMatchObject({ path: ['children', 0, 'matrix'] });
  });
  it('AHP errors inside a node name the node and the cell', () => {
    const t = {
      code: 'A',
      name: 'a',
      matrix: [
        [1, 2],
        [3, 1],
      ],
      children: [
        { code: 'A1', name: '1' },
        { code: 'A2', name: '2' },
      ],
    };
    expect(issues(() => synthesiseHierarchy(t))[0]).toMatchObject({
      path: ['matrix', 1, 0],
      message: expect.stringMatching(/^A: 3 is not the reciprocal/),
    });
  });
});

describe('synthesis', () => {
  // Two-level example worked by hand: goal matrix over B1, B2 (weights 0.75, 0.25); B1's matrix
  // over three indicators; B2's indicators weighted 0.5/0.5 explicitly.
  const b1 = [
    [1, 2, 4],
    [1 / 2, 1, 3],
    [1 / 4, 1 / 3, 1],
  ];
  const tree = {
    code: 'G',
    name: 'goal',
    matrix: [
      [1, 3],
      [1 / 3, 1],
    ],
    children: [
      {
        code: 'B1',
        name: 'b1',
        matrix: b1,
        children: [
          { code: 'C1', name: 'c1' },
          { code: 'C2', name: 'c2' },
          { code: 'C3', name: 'c3' },
        ],
      },
      {
        code: 'B2',
        name: 'b2',
        children: [
          { code: 'C4', name: 'c4', weight: 0.5 },
          { code: 'C5', name: 'c5', weight: 0.5 },
        ],
      },
    ],
  };
  it('multiplies local weights and computes the total-ranking CR level by level', () => {
    const r = synthesiseHierarchy(tree);
    const b = ahp(b1);
    const g = (code: string) => r.nodes.find((n) => n.code === code)?.globalWeight;
    expect(g('B1')).toBeCloseTo(0.75, 15);
    expect(g('C1')).toBeCloseTo(0.75 * b.weights[0], 15);
    expect(g('C5')).toBeCloseTo(0.125, 15);
    // level 1: the goal's 2×2 matrix has RI = 0 → CR 0; level 2: only B1 judged → CI_B1 / RI(3).
    expect(r.levels).toEqual([
      { depth: 1, cr: 0, consistent: true, judgments: 1 },
      { depth: 2, cr: (0.75 * b.ci) / (0.75 * 0.58), consistent: true, judgments: 1 },
    ]);
    expect(r.nodes.find((n) => n.code === 'B1')).toMatchObject({ cr: b.cr, weightSource: 'matrix' });
    expect(r.consistent).toBe(true);
  });
  it('uses group AHP for a node with experts', () => {
    const t = {
      code: 'G',
      name: 'g',
      experts: [{ matrix: b1 }, { matrix: b1.map((row) => row.map((x) => x)) }],
      children: [
        { code: 'C1', name: 'c1' },
        { code: 'C2', name: 'c2' },
        { code: 'C3', name: 'c3' },
      ],
    };
    const r = synthesiseHierarchy(t);
    const b = ahp(b1);
    r.leaves.forEach((l, i) => expect(l.globalWeight).toBeCloseTo(b.weights[i], 12));
    expect(r.nodes[0]).toMatchObject({ weightSource: 'experts', inconsistentExperts: [] });
    expect(r.levels[0].cr).toBeCloseTo(b.cr, 12);
  });
});

describe('properties', () => {
  /** A random tree with explicit weights summing to 1 per sibling group. */
  const treeArb: fc.Arbitrary<HierarchyNode> = fc.letrec<{ node: HierarchyNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant({ code: '', name: 'leaf' } as HierarchyNode),
      fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((children) => ({ code: '', name: 'crit', children }) as HierarchyNode),
    ),
  })).node;
  const weighted = treeArb.chain((t) =>
    fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }).map((raw) => {
      let k = 0;
      let c = 0;
      const fill = (n: HierarchyNode): HierarchyNode => {
        const kids = (n.children ?? []).map(fill);
        const ws = kids.map(() => raw[k++ % raw.length]);
        const s = ws.reduce((a, b) => a + b, 0);
        return { ...n, code: `N${c++}`, ...(kids.length ? { children: kids.map((kid, i) => ({ ...kid, weight: ws[i] / s })) } : {}) };
      };
      return fill(t);
    }),
  );
  it('global weights of the leaves sum to 1', () => {
    fc.assert(
      fc.property(weighted, (t) => {
        const { root } = validateHierarchy(t);
        const leaves = globalWeights(root).filter((n) => n.leaf);
        expect(Math.abs(leaves.reduce((s, n) => s + (n.globalWeight as number), 0) - 1)).toBeLessThan(1e-12);
      }),
    );
  });
  it('permuting children permutes their global weights', () => {
    fc.assert(
      fc.property(weighted, (t) => {
        const reversed = (n: HierarchyNode): HierarchyNode => ({
          ...n,
          ...(n.children ? { children: n.children.map(reversed).reverse() } : {}),
        });
        const a = new Map(globalWeights(t).map((n) => [n.code, n.globalWeight]));
        for (const n of globalWeights(reversed(t))) expect(n.globalWeight).toBeCloseTo(a.get(n.code) as number, 14);
      }),
    );
  });
  it('normalising scaled sibling weights gives the same global weights', () => {
    fc.assert(
      fc.property(weighted, fc.double({ min: 0.5, max: 0.9, noNaN: true }), (t, f) => {
        const scaled = (n: HierarchyNode): HierarchyNode => ({
          ...n,
          ...(n.weight !== undefined ? { weight: n.weight * f } : {}),
          ...(n.children ? { children: n.children.map(scaled) } : {}),
        });
        const v = validateHierarchy(scaled(t), { normalise: true });
        const a = new Map(globalWeights(t).map((n) => [n.code, n.globalWeight]));
        for (const n of globalWeights(v.root)) expect(n.globalWeight).toBeCloseTo(a.get(n.code) as number, 12);
      }),
    );
  });
});

describe('treeHoldsMatrices', () => {
  it('finds a matrix or an expert panel at any depth, and nothing in a tree of weights', () => {
    const leaf = (code: string) => ({ code, name: code, weight: 0.5 });
    const weights = { code: 'R', name: 'R', children: [{ code: 'A', name: 'A', weight: 1, children: [leaf('A1'), leaf('A2')] }] };
    expect(treeHoldsMatrices(weights)).toBe(false);
    const deepMatrix = {
      ...weights,
      children: [
        {
          ...weights.children[0],
          matrix: [
            [1, '1/3'],
            ['3', 1],
          ],
        },
      ],
    };
    expect(treeHoldsMatrices(deepMatrix)).toBe(true);
    expect(treeHoldsMatrices({ ...weights, experts: [] })).toBe(true);
    expect([null, 3, 'x', [weights]].map(treeHoldsMatrices)).toEqual([false, false, false, false]);
  });
});
