import { describe, expect, it } from 'vitest';
import { topsis } from '../../src/evaluation/topsis.ts';
import { expertGlobalWeights } from '../../src/study/expert-weights.ts';
import { runStudy, validateStudy } from '../../src/study/run.ts';
import { ahp } from '../../src/weighting/ahp.ts';
import { criticWeights } from '../../src/weighting/critic.ts';
import { entropyWeights } from '../../src/weighting/entropy.ts';
import { g1Weights } from '../../src/weighting/g1.ts';
import { issues } from '../support/issues.ts';

/** A small study: goal → two criteria → five indicators, three suppliers. */
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
            { code: 'F3', name: 'Liquidity', direction: 'benefit' },
          ],
        },
        {
          code: 'T',
          name: 'Trade',
          children: [
            { code: 'T1', name: 'Years', direction: 'benefit' },
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
      F: {
        method: 'combine',
        subjective: { method: 'g1', order: ['F2', 'F1', 'F3'], ratios: [1.2, 1.4] },
        objective: { method: 'entropy' },
      },
      T: { method: 'critic' },
    },
    alternatives: [
      { id: 'S1', values: { F1: 0.12, F2: 0.55, F3: 1.4, T1: 6, T2: 0.02 } },
      { id: 'S2', values: { F1: 0.08, F2: 0.7, F3: 1.1, T1: 3, T2: 0.05 } },
      { id: 'S3', values: { F1: 0.15, F2: 0.6, F3: 1.2, T1: 9, T2: 0.04 } },
    ],
    evaluation: [{ method: 'topsis' }, { method: 'gra' }],
    sensitivity: true,
    monteCarlo: { draws: 500, seed: 3 },
  };
}

const ROWS = [
  [0.12, 0.55, 1.4, 6, 0.02],
  [0.08, 0.7, 1.1, 3, 0.05],
  [0.15, 0.6, 1.2, 9, 0.04],
];

describe('Monte Carlo by resampling experts', () => {
  const panel = (ids: string[]) =>
    ids.map((id, k) => ({
      id,
      matrix: [
        [1, k + 2],
        [1 / (k + 2), 1],
      ],
    }));

  it("draws whole experts' global weights: their own vectors at panel nodes, the group's elsewhere", () => {
    const s = study();
    s.weighting.G = { method: 'group-ahp', experts: panel(['E1', 'E2', 'E3']), aggregation: 'aip' };
    s.monteCarlo = { draws: 400, seed: 5, sampling: 'experts' };
    const r = runStudy(s);
    expect(r.monteCarlo?.sampling).toBe('experts');
    expect(r.monteCarlo?.experts).toEqual(['E1', 'E2', 'E3']);
    r.monteCarlo?.probabilities.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12));
    const leaves = ['F1', 'F2', 'F3', 'T1', 'T2'];
    const e = expertGlobalWeights(r.hierarchy.nodes, r.weighting, leaves);
    const local = (code: string) => r.hierarchy.nodes.find((n) => n.code === code)?.localWeight as number;
    [2, 3, 4].forEach((a, k) => {
      const top = [a / (a + 1), 1 / (a + 1)]; // a consistent 2×2 judgment
      leaves.forEach((code, l) => expect(e.weights[k][l]).toBeCloseTo(top[l < 3 ? 0 : 1] * local(code), 14));
    });
    // the panel's mean weight vector is the AIP group's: E[draw] = global weights
    const mean = leaves.map((_, l) => e.weights.reduce((acc, w) => acc + w[l], 0) / 3);
    r.hierarchy.leaves.forEach((leaf, l) => expect(mean[l]).toBeCloseTo(leaf.globalWeight as number, 14));
  });

  it('needs a panel, and the same experts on every panel', () => {
    const s = study();
    s.monteCarlo = { sampling: 'experts' };
    expect(issues(() => runStudy(s))[0]).toMatchObject({
      path: ['monteCarlo', 'sampling'],
      message: 'resampling experts needs a node weighted by a panel',
    });
    s.weighting.G = { method: 'group-ahp', experts: panel(['E1', 'E2']) };
    s.weighting.T = {
      method: 'group-ahp',
      experts: panel(['E1', 'X']),
    };
    expect(issues(() => runStudy(s))[0].message).toBe('T is judged by E1, X but G by E1, E2; every panel must have the same experts');
    s.monteCarlo = { sampling: 'bootstrap' };
    expect(issues(() => validateStudy(s))[0]).toMatchObject({ path: ['monteCarlo', 'sampling'] });
  });
});

describe('runStudy', () => {
  it('weights every node by its method and evaluates with the global weights', () => {
    const r = runStudy(study());
    const top = ahp([
      [1, 3],
      [1 / 3, 1],
    ]).weights;
    const g1 = g1Weights(['F2', 'F1', 'F3'], [1.2, 1.4]).weights; // F2, F1, F3
    const subj = [g1[1], g1[0], g1[2]];
    const ent = entropyWeights(
      ROWS.map((x) => x.slice(0, 3)),
      { directions: ['benefit', 'cost', 'benefit'] },
    ).weights;
    const f = subj.map((s, k) => 0.5 * s + 0.5 * ent[k]);
    const t = criticWeights(
      ROWS.map((x) => x.slice(3)),
      { directions: ['benefit', 'cost'] },
    ).weights;
    const global = [...f.map((w) => top[0] * w), ...t.map((w) => top[1] * w)];
    const leaves = r.hierarchy.leaves.map((l) => l.globalWeight as number);
    leaves.forEach((w, k) => expect(w).toBeCloseTo(global[k], 12));
    expect(r.weighting.F.subjective?.method).toBe('g1');
    expect(r.weighting.F.objective?.method).toBe('entropy');
    expect(r.hierarchy.levels[0].cr).toBe(0);
    const direct = topsis(ROWS, global, { directions: ['benefit', 'cost', 'benefit', 'benefit', 'cost'] });
    r.evaluations[0].rows?.forEach((row, i) => {
      expect(row.score).toBeCloseTo(direct.closeness[i], 12);
      expect(row.rank).toBe(direct.rank[i]);
    });
    expect(r.evaluations[1].rows?.every((x) => x.score > 0 && x.score <= 1)).toBe(true);
    expect(r.sensitivity).toHaveLength(5);
    const p = r.monteCarlo?.probabilities ?? [];
    p.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12));
    expect(r.reproduced).toBe(true);
  });

  it('reports the steps it runs', () => {
    const steps: string[] = [];
    runStudy(study(), { onStep: (done, total, step) => steps.push(`${done}/${total} ${step}`) });
    expect(steps.filter((s) => s.endsWith(' draws')).at(-1)).toBe('7/8 Monte Carlo 500/500 draws'); // the draws as they go
    expect(steps.filter((s) => !s.endsWith(' draws'))).toEqual([
      '1/8 weighting G',
      '2/8 weighting F',
      '3/8 weighting T',
      '4/8 synthesis',
      '5/8 evaluation topsis',
      '6/8 evaluation gra',
      '7/8 sensitivity',
      '8/8 Monte Carlo',
    ]);
  });

  it('fails the checks whose printed numbers are not reproduced', () => {
    const s = study();
    s.expect = { digits: 2, localWeights: { F: 0.75, T: 0.3 }, ranking: ['S3', 'S1', 'S2'] };
    const r = runStudy(s);
    const byCode = Object.fromEntries(r.checks.map((c) => [`${c.what} ${c.code}`, c.match]));
    expect(byCode['localWeight F']).toBe(true);
    expect(byCode['localWeight T']).toBe(false);
    expect(r.reproduced).toBe(false);
  });

  it('prunes what the last Delphi round deletes, and what the panel removes', () => {
    const s = study();
    s.weighting.F = { method: 'fixed', weights: { F1: 0.5, F2: 0.5 } };
    s.delphi = {
      indicators: ['F1', 'F2', 'F3', 'T1', 'T2'],
      prune: true,
      remove: ['T2'],
      rounds: [
        {
          scores: [
            [5, 5, 1, 5, 3],
            [5, 3, 1, 5, 5],
            [5, 5, 3, 3, 5],
            [3, 5, 1, 5, 5],
          ],
        },
      ],
    };
    s.weighting.T = { method: 'fixed', weights: [1] };
    const r = runStudy(s);
    expect(r.delphi?.pruned).toEqual(['F3', 'T2']);
    expect(r.hierarchy.leaves.map((l) => l.code)).toEqual(['F1', 'F2', 'T1']);
  });
});

describe('study errors name the path', () => {
  it('unknown fields, methods and codes', () => {
    const s = study();
    s.colour = 'red';
    expect(issues(() => validateStudy(s))).toEqual([expect.objectContaining({ path: [], message: 'unknown field "colour"' })]);
    const t = study();
    t.weighting.G = { method: 'magic' };
    expect(issues(() => validateStudy(t))[0].path).toEqual(['weighting', 'G', 'method']);
    const u = study();
    u.weighting.X9 = { method: 'fixed', weights: [1] };
    u.weighting.F1 = { method: 'fixed', weights: [1] };
    expect(issues(() => validateStudy(u)).map((i) => i.message)).toEqual([
      'X9 is not a node of the hierarchy',
      'F1 is an indicator (a leaf): it has no children to weight',
    ]);
  });

  it('a bad cell in a matrix, with its full path', () => {
    const s = study();
    s.weighting.G.matrix = [
      [1, 'three'],
      ['1/3', 1],
    ];
    expect(issues(() => validateStudy(s))[0].path).toEqual(['weighting', 'G', 'matrix', 0, 1]);
  });

  it('a matrix of the wrong size for the node’s children', () => {
    const s = study();
    s.weighting.G.matrix = [
      [1, 2, 3],
      ['1/2', 1, 2],
      ['1/3', '1/2', 1],
    ];
    expect(issues(() => runStudy(s))[0].path.slice(0, 3)).toEqual(['weighting', 'G', 'matrix']);
  });

  it('weights that do not name every child', () => {
    const s = study();
    s.weighting.F = { method: 'fixed', weights: { F1: 0.5, F9: 0.5 } };
    expect(issues(() => runStudy(s)).map((i) => i.path.join('.'))).toEqual([
      'weighting.F.weights',
      'weighting.F.weights',
      'weighting.F.weights.F9',
    ]);
  });

  it('an alternative without a value, a duplicate id, an unknown indicator', () => {
    const s = study();
    delete s.alternatives[1].values.T2;
    expect(issues(() => runStudy(s))[0]).toMatchObject({ path: ['alternatives', 1], allowed: 'values.T2 or votes.T2' });
    const t = study();
    t.alternatives[2].id = 'S1';
    t.alternatives[0].values.Z1 = 3;
    expect(issues(() => validateStudy(t)).map((i) => i.path.join('.'))).toEqual(['alternatives.0.values.Z1', 'alternatives.2.id']);
  });

  it('Delphi scores of the wrong length, and an evaluation without weights', () => {
    const s = study();
    s.delphi = { rounds: [{ scores: [[5, 3]] }] };
    expect(issues(() => runStudy(s))[0].path).toEqual(['delphi', 'rounds', 0, 'scores', 0]);
    const t = study();
    delete t.weighting.T;
    expect(issues(() => runStudy(t))[0]).toMatchObject({ path: ['evaluation', 0], message: 'no global weight for T1, T2' });
  });

  it('entropy on judgments without a matrix', () => {
    const s = study();
    s.weighting.G = { method: 'entropy', on: 'judgments' };
    expect(issues(() => runStudy(s))[0].path).toEqual(['weighting', 'G', 'on']);
  });
});

describe('every weighting and Delphi rule has its message and path', () => {
  const cases: [string, (s: Record<string, any>) => void, (string | number)[], RegExp][] = [
    [
      'fixed list of the wrong length',
      (s) => (s.weighting.G = { method: 'fixed', weights: [1] }),
      ['weighting', 'G', 'weights'],
      /1 weights for 2 children/,
    ],
    [
      'ifahp with both matrix and upper',
      (s) =>
        (s.weighting.T = {
          method: 'ifahp',
          upper: { '12': [0.6, 0.3] },
          matrix: [
            [
              [0.5, 0.5],
              [0.6, 0.3],
            ],
            [
              [0.3, 0.6],
              [0.5, 0.5],
            ],
          ],
        }),
      ['weighting', 'T'],
      /as `matrix` or as `upper`, not both or neither/,
    ],
    [
      'ifahp of the wrong size',
      (s) => (s.weighting.F = { method: 'ifahp', upper: { '12': [0.6, 0.3] } }),
      ['weighting', 'F', 'upper'],
      /a 2×2 relation for 3 children/,
    ],
    [
      'g1 order missing a child',
      (s) => (s.weighting.F = { method: 'g1', order: ['F1', 'F2', 'X'], ratios: [1.2, 1.2] }),
      ['weighting', 'F', 'order'],
      /missing F3; not children: X/,
    ],
    [
      'critic on criteria, not indicators',
      (s) => (s.weighting.G = { method: 'critic' }),
      ['weighting', 'G'],
      /G's children are not indicators/,
    ],
    [
      'combine whose objective part fails',
      (s) =>
        (s.weighting.T = {
          method: 'combine',
          subjective: { method: 'fixed', weights: [0.5, 0.5] },
          objective: { method: 'entropy', on: 'judgments' },
        }),
      ['weighting', 'T', 'objective', 'on'],
      /needs a `matrix`, or an AHP `subjective`/,
    ],
    [
      'Delphi indicator not in the tree',
      (s) => (s.delphi = { indicators: ['F1', 'Q'], rounds: [{ scores: [[5, 3]] }] }),
      ['delphi', 'indicators', 1],
      /Q is not a node/,
    ],
    [
      'Delphi remove not among the indicators',
      (s) =>
        (s.delphi = {
          indicators: ['F1', 'F2'],
          remove: ['T1'],
          rounds: [
            {
              scores: [
                [5, 3],
                [5, 5],
              ],
            },
          ],
        }),
      ['delphi', 'remove', 0],
      /T1 is not one of the Delphi indicators/,
    ],
    [
      'pruning under a tree matrix',
      (s) => {
        s.hierarchy.children[0].matrix = [
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ];
        delete s.weighting.F;
        s.delphi = {
          indicators: ['F1', 'F2', 'F3'],
          prune: true,
          rounds: [
            {
              scores: [
                [5, 5, 1],
                [5, 5, 3],
                [5, 3, 1],
              ],
            },
          ],
        };
      },
      ['delphi', 'prune'],
      /F: its tree judgment matrix covers indicators Delphi deletes/,
    ],
    ['directions of a criterion', (s) => (s.directions = { F: 'cost' }), ['directions', 'F'], /F is not an indicator/],
    [
      'votes for the wrong number of grades',
      (s) => {
        s.alternatives[0].votes = { F1: [1, 2] };
        delete s.alternatives[0].values.F1;
        s.evaluation = [{ method: 'fce' }];
        delete s.sensitivity;
        delete s.monteCarlo;
      },
      ['alternatives', 0, 'votes', 'F1'],
      /2 vote counts for 5 grades/,
    ],
    [
      'gra-factors on an unknown code',
      (s) => (s.evaluation = [{ method: 'gra-factors', reference: [1, 2], series: { Q: [1, 2] } }]),
      ['evaluation', 0, 'series', 'Q'],
      /Q is not a node/,
    ],
    [
      'Monte Carlo without alternatives',
      (s) => {
        s.alternatives = [];
        s.evaluation = [];
        delete s.sensitivity;
        s.weighting.F = { method: 'fixed', weights: [0.2, 0.3, 0.5] };
        s.weighting.T = { method: 'fixed', weights: [0.5, 0.5] };
      },
      ['monteCarlo'],
      /needs alternatives/,
    ],
  ];
  for (const [name, edit, path, message] of cases)
    it(name, () => {
      const s = study();
      edit(s);
      const found = issues(() => runStudy(s));
      expect(found[0].path).toEqual(path);
      expect(found[0].message).toMatch(message);
    });
});

describe('evaluation warnings reach the study', () => {
  it('raw leaf values mapped by the data’s range are named among the study’s warnings', () => {
    const s = { ...study(), evaluation: [{ method: 'fce' }], sensitivity: false };
    const r = runStudy(s);
    const fce = r.evaluations[0];
    expect(fce.warnings?.length).toBeGreaterThan(0);
    expect(r.warnings.filter((w) => w.startsWith('evaluation fce: '))).toEqual(fce.warnings?.map((w) => `evaluation fce: ${w}`));
  });
});

describe('progress of a study run', () => {
  it('reports the Monte Carlo draws as they go, never past the steps’ total', () => {
    const seen: [number, number, string][] = [];
    runStudy({ ...study(), monteCarlo: { draws: 400, seed: 3 } }, { onStep: (d, t, s) => seen.push([d, t, s]) });
    const draws = seen.filter(([, , s]) => s.startsWith('Monte Carlo ')).map(([, , s]) => Number(s.split(' ')[2].split('/')[0]));
    expect(draws.length).toBeGreaterThanOrEqual(50);
    expect(draws[draws.length - 1]).toBe(400);
    expect(draws).toEqual([...draws].sort((a, b) => a - b));
    for (const [d, t] of seen) expect(d).toBeLessThanOrEqual(t);
    expect(seen[seen.length - 1][0]).toBe(seen[seen.length - 1][1]);
  });
});
