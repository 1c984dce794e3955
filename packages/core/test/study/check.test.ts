/**
 * Issue 17 item 2: `validate` is `run` without the computing. Each study below was called valid
 * by the old `validate` and rejected by `run`; the one checking pass (`checkStudy`) now rejects
 * it, with the same issue `runStudy` reports, at the path of the defect.
 */
import { describe, expect, it } from 'vitest';
import { checkStudy, checkStudyFully } from '../../src/study/check.ts';
import { runStudy } from '../../src/study/run.ts';
import { issues } from '../support/issues.ts';

function study(): Record<string, any> {
  return {
    title: 'Suppliers',
    hierarchy: {
      code: 'G',
      name: 'Goal',
      children: [
        {
          code: 'F',
          name: 'Finance',
          children: [
            { code: 'F1', name: 'Margin', direction: 'benefit' },
            { code: 'F2', name: 'Leverage', direction: 'cost' },
            { code: 'F3', name: 'Liquidity' },
          ],
        },
        {
          code: 'T',
          name: 'Trade',
          children: [
            { code: 'T1', name: 'Years' },
            { code: 'T2', name: 'Overdue', direction: 'cost' },
          ],
        },
      ],
    },
    weighting: {
      G: {
        method: 'ahp',
        matrix: [
          [1, 3],
          ['1/3', 1],
        ],
      },
      F: { method: 'fixed', weights: [0.5, 0.3, 0.2] },
      T: { method: 'critic' },
    },
    alternatives: [
      { id: 'S1', values: { F1: 0.12, F2: 0.55, F3: 1.4, T1: 6, T2: 0.02 } },
      { id: 'S2', values: { F1: 0.08, F2: 0.7, F3: 1.1, T1: 3, T2: 0.05 } },
      { id: 'S3', values: { F1: 0.15, F2: 0.6, F3: 1.2, T1: 9, T2: 0.04 } },
    ],
    evaluation: [{ method: 'topsis' }],
  };
}

const F1 = ['hierarchy', 'children', 0, 'children', 0];

/** [defect, edit, path of the first issue, its message]. */
const CASES: [string, (s: Record<string, any>) => void, (string | number)[], RegExp][] = [
  [
    'a 3×3 matrix at a node with two children',
    (s) =>
      (s.weighting.G.matrix = [
        [1, 2, 3],
        ['1/2', 1, 2],
        ['1/3', '1/2', 1],
      ]),
    ['weighting', 'G', 'matrix'],
    /^a 3×3 matrix for 2 children$/,
  ],
  [
    'a zero judgment',
    (s) =>
      (s.weighting.G.matrix = [
        [1, 0],
        [0, 1],
      ]),
    ['weighting', 'G', 'matrix', 0, 1],
    /0 is not positive/,
  ],
  ['fixed weights summing to 1.2', (s) => (s.weighting.F.weights = [0.5, 0.5, 0.2]), ['weighting', 'F', 'weights'], /sum to 1\.2, not 1/],
  [
    'a weight for a node that is not a child',
    (s) => (s.weighting.F.weights = { F1: 0.5, F2: 0.3, F3: 0.2, T1: 0 }),
    ['weighting', 'F', 'weights', 'T1'],
    /T1 is not a child of this node/,
  ],
  ['an alternative missing an indicator', (s) => delete s.alternatives[1].values.T2, ['alternatives', 1], /S2: no value or votes for T2/],
  [
    'entropy weighting with no alternatives',
    (s) => {
      s.weighting.T = { method: 'entropy' };
      delete s.alternatives;
      delete s.evaluation;
    },
    ['weighting', 'T'],
    /needs alternatives, and the study has none/,
  ],
  [
    'a ragged Delphi round',
    (s) =>
      (s.delphi = {
        rounds: [
          {
            scores: [
              [5, 3, 5, 5, 5],
              [5, 3],
            ],
          },
        ],
      }),
    ['delphi', 'rounds', 0, 'scores', 1],
    /2 scores for 5 indicators/,
  ],
  [
    'a Delphi indicator not in the tree',
    (s) => (s.delphi = { indicators: ['F1', 'Z9'], rounds: [{ scores: [[5, 3]] }] }),
    ['delphi', 'indicators', 1],
    /Z9 is not a node of the hierarchy/,
  ],
  [
    'unsorted scorecard points',
    (s) => {
      s.hierarchy.children[0].children[0].rule = {
        type: 'linear',
        points: [
          [1, 5],
          [0, 1],
        ],
      };
      s.evaluation = [{ method: 'scorecard' }];
    },
    [...F1, 'rule', 'points', 1],
    /value 0 must be above the previous breakpoint 1/,
  ],
  [
    'overlapping ranges',
    (s) => {
      s.hierarchy.children[0].children[0].rule = {
        type: 'ranges',
        ranges: [
          { from: null, to: 0.1, score: 1 },
          { from: 0.05, to: null, score: 5 },
        ],
      };
    },
    [...F1, 'rule', 'ranges', 1, 'from'],
    /overlaps the previous range/,
  ],
  [
    'an expect for a node that is not in the tree',
    (s) => (s.expect = { globalWeights: { ZZ: 0.2 } }),
    ['expect', 'globalWeights', 'ZZ'],
    /ZZ is not a node of the hierarchy/,
  ],
  [
    'an expect for a node that gets no weight',
    (s) => {
      delete s.weighting.T;
      delete s.evaluation;
      s.expect = { globalWeights: { T1: 0.2 } };
    },
    ['expect', 'globalWeights', 'T1'],
    /T1 gets no global weight in this study/,
  ],
];

describe('checkStudy rejects what runStudy rejects', () => {
  it('the base study is valid and runs', () => {
    expect(() => checkStudy(study())).not.toThrow();
    expect(runStudy(study()).hierarchy.leaves).toHaveLength(5);
  });

  for (const [name, edit, path, message] of CASES) {
    it(name, () => {
      const s = study();
      edit(s);
      const checked = issues(() => checkStudy(structuredClone(s)));
      expect(checked[0].path).toEqual(path);
      expect(checked[0].message).toMatch(message);
      expect(issues(() => runStudy(structuredClone(s)))).toEqual(checked);
    });
  }

  it('collects the issues of independent nodes in one pass', () => {
    const s = study();
    s.weighting.G.matrix = [
      [1, 0],
      [0, 1],
    ];
    s.weighting.F.weights = { F1: 0.5, F2: 0.3, F3: 0.2, T1: 0 };
    const paths = issues(() => checkStudy(s)).map((i) => i.path.join('.'));
    expect(paths).toContain('weighting.G.matrix.0.1');
    expect(paths).toContain('weighting.F.weights.T1');
  });

  it('an expect ranking of an unknown id, and levels without gra-factors', () => {
    const s = study();
    s.expect = { ranking: ['S1', 'S9'], levels: { F1: 1 } };
    expect(issues(() => checkStudy(s)).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'expect.ranking.1: "S9" is not an alternative\'s id',
      'expect.levels.F1: the study levels no factors (no gra-factors evaluation)',
    ]);
  });

  it('returns the tree it checked, pruned and weighted', () => {
    const s = study();
    const { tree, weighting } = checkStudyFully(s);
    expect(Object.keys(weighting)).toEqual(['G', 'F', 'T']);
    expect(tree.children?.[0].children?.map((c) => c.weight)).toEqual([0.5, 0.3, 0.2]);
  });
});
