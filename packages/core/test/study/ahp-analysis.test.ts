import { describe, expect, it } from 'vitest';
import { runStudy, validateStudy } from '../../src/study/run.ts';
import { hierarchyConsensus } from '../../src/weighting/ahp-consensus.ts';
import { hierarchyScales, JUDGMENT_SCALES } from '../../src/weighting/ahp-scales.ts';
import { hierarchyUncertainty } from '../../src/weighting/ahp-uncertainty.ts';
import { issues } from '../support/issues.ts';

const PANEL = [
  {
    id: 'E1',
    matrix: [
      [1, 3, 5],
      [1 / 3, 1, 2],
      [1 / 5, 1 / 2, 1],
    ],
  },
  {
    id: 'E2',
    matrix: [
      [1, 2, 4],
      [1 / 2, 1, 3],
      [1 / 4, 1 / 3, 1],
    ],
  },
  {
    id: 'E3',
    matrix: [
      [1, 1 / 9, 1 / 7],
      [9, 1, 3],
      [7, 1 / 3, 1],
    ],
  },
];
const G = [
  [1, 2],
  [1 / 2, 1],
];
const T = [
  [1, 4],
  [1 / 4, 1],
];

/** Goal → F (3 indicators, a panel) and T (2 indicators, one matrix); the goal by one matrix. */
function study(): Record<string, any> {
  return {
    title: 'Panel',
    ahp: { aggregation: 'aij' },
    hierarchy: {
      code: 'G',
      name: 'Goal',
      children: [
        {
          code: 'F',
          name: 'Finance',
          children: [
            { code: 'F1', name: 'F1' },
            { code: 'F2', name: 'F2' },
            { code: 'F3', name: 'F3' },
          ],
        },
        {
          code: 'T',
          name: 'Trade',
          children: [
            { code: 'T1', name: 'T1' },
            { code: 'T2', name: 'T2' },
          ],
        },
      ],
    },
    weighting: {
      G: { method: 'ahp', matrix: G },
      F: { method: 'group-ahp', experts: PANEL },
      T: { method: 'ahp', matrix: T },
    },
    consensus: true,
    scales: 'all',
    uncertainty: { draws: 300, seed: 7, perturbation: 'log-uniform', factor: 2 },
  };
}

/** The same tree with its judgments inline, as `scf-risk hierarchy` reads it. */
const TREE = {
  code: 'G',
  name: 'Goal',
  matrix: G,
  children: [
    {
      code: 'F',
      name: 'Finance',
      experts: PANEL,
      children: [
        { code: 'F1', name: 'F1' },
        { code: 'F2', name: 'F2' },
        { code: 'F3', name: 'F3' },
      ],
    },
    {
      code: 'T',
      name: 'Trade',
      matrix: T,
      children: [
        { code: 'T1', name: 'T1' },
        { code: 'T2', name: 'T2' },
      ],
    },
  ],
};

describe('study sections consensus, scales, uncertainty', () => {
  it('computes each on the weighted tree: the numbers of the tree functions', () => {
    const r = runStudy(study());
    const options = { aggregation: 'aij' as const };
    expect(r.consensus).toEqual(hierarchyConsensus(TREE, options));
    expect(r.consensus?.nodes.map((n) => n.code)).toEqual(['F']);
    expect(r.scales).toEqual(hierarchyScales(TREE, { ...options, scales: [...JUDGMENT_SCALES] }));
    expect(r.scales?.scales.map((s) => s.scale)).toEqual([...JUDGMENT_SCALES]);
    expect(r.uncertainty).toEqual(hierarchyUncertainty(TREE, { ...options, draws: 300, seed: 7, rule: 'log-uniform', factor: 2 }));
    expect(r.uncertainty?.codes).toEqual(['F1', 'F2', 'F3', 'T1', 'T2']);
    // the nominal weights are the study's global weights
    r.uncertainty?.weights.forEach((w, i) =>
      expect(w.nominal).toBeCloseTo(r.hierarchy.leaves.find((l) => l.code === r.uncertainty?.codes?.[i])?.globalWeight as number, 14),
    );
  });

  it('names a panel that disagrees among the warnings', () => {
    const r = runStudy(study());
    const c = r.consensus?.nodes[0];
    expect(c?.band).toBe('low'); // E3 reverses the others
    expect(r.warnings.some((w) => w.startsWith(`consensus: F: S* = ${(100 * (c?.consensus ?? 0)).toFixed(1)} %`))).toBe(true);
    expect(r.consensus?.nodes[0].dissenters).toEqual(['E3']);
  });

  it('takes a list of scales, the consensus scale maximum, and the default perturbation', () => {
    const s = study();
    s.scales = ['standard', 'power'];
    s.consensus = { scaleMax: 81 };
    s.uncertainty = { draws: 50 };
    const r = runStudy(s);
    expect(r.scales?.scales.map((x) => x.scale)).toEqual(['standard', 'power']);
    expect(r.consensus?.nodes[0].scaleMax).toBe(81);
    expect(r.uncertainty).toMatchObject({ rule: 'step', step: 0.5, seed: 1, draws: 50 });
  });

  it('rejects bad sections with their paths, and analyses without judgments', () => {
    const s = study();
    s.scales = ['standard', 'cubic'];
    expect(issues(() => validateStudy(s))[0].path).toEqual(['scales']);
    const u = study();
    u.uncertainty = { draws: 0 };
    expect(issues(() => validateStudy(u))[0].path).toEqual(['uncertainty', 'draws']);
    const c = study();
    c.consensus = { scaleMax: 9, m: 1 };
    expect(issues(() => validateStudy(c))[0].path[0]).toBe('consensus');
    const none = study();
    none.weighting = {
      G: { method: 'fixed', weights: [0.5, 0.5] },
      F: { method: 'fixed', weights: [0.2, 0.3, 0.5] },
      T: { method: 'fixed', weights: [0.5, 0.5] },
    };
    expect(issues(() => validateStudy(none)).map((i) => i.path)).toEqual([['consensus'], ['scales'], ['uncertainty']]);
  });
});
