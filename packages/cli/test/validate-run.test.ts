/**
 * Issue 17 item 2, as a property: for generated studies — valid ones, and ones with one defect
 * injected from the list of studies the old `validate` passed and `run` refused — `scf-risk
 * validate` fails exactly when `scf-risk run` exits 2.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

type Study = Record<string, any>;

/** Defects that must make a study invalid. */
const DEFECTS: [string, (s: Study) => void][] = [
  [
    '3×3 matrix for two children',
    (s) =>
      (s.weighting.G.matrix = [
        [1, 2, 3],
        ['1/2', 1, 2],
        ['1/3', '1/2', 1],
      ]),
  ],
  ['zero judgment', (s) => (s.weighting.G.matrix[0][1] = 0)],
  ['fixed weights summing to 1.2', (s) => (s.weighting.F = { method: 'fixed', weights: [0.5, 0.5, 0.2] })],
  ['a weight for a non-child', (s) => (s.weighting.F = { method: 'fixed', weights: { F1: 0.5, F2: 0.3, F3: 0.2, T1: 0 } })],
  ['an alternative missing an indicator', (s) => delete s.alternatives[s.alternatives.length - 1].values.T2],
  [
    'entropy without alternatives',
    (s) => {
      s.weighting.T = { method: 'entropy' };
      delete s.alternatives;
      delete s.evaluation;
    },
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
  ],
  ['a Delphi indicator not in the tree', (s) => (s.delphi = { indicators: ['F1', 'Z9'], rounds: [{ scores: [[5, 3]] }] })],
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
  ],
  [
    'overlapping ranges',
    (s) =>
      (s.hierarchy.children[0].children[0].rule = {
        type: 'ranges',
        ranges: [
          { from: null, to: 0.1, score: 1 },
          { from: 0.05, to: null, score: 5 },
        ],
      }),
  ],
  ['an expect for an unknown node', (s) => (s.expect = { globalWeights: { ZZ: 0.2 } })],
  [
    'an expect for a node that gets no weight',
    (s) => {
      delete s.weighting.T;
      delete s.evaluation;
      s.expect = { globalWeights: { T1: 0.2 } };
    },
  ],
];

const value = fc.double({ min: 0.01, max: 100, noNaN: true });
const alternative = (k: number) =>
  fc.record({ F1: value, F2: value, F3: value, T1: value, T2: value }).map((values) => ({ id: `S${k + 1}`, values }));

const studyArb: fc.Arbitrary<Study> = fc
  .record({
    judgment: fc.integer({ min: 1, max: 9 }),
    inverse: fc.boolean(),
    split: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).filter(([a, b]) => a + b < 10),
    tWeighting: fc.constantFrom('critic', 'entropy', 'g1'),
    alternatives: fc.integer({ min: 2, max: 5 }).chain((m) => fc.tuple(...Array.from({ length: m }, (_, k) => alternative(k)))),
    evaluation: fc.constantFrom('topsis', 'gra', 'scorecard'),
  })
  .map((g) => {
    const j = g.inverse ? `1/${g.judgment}` : g.judgment;
    const inv = g.inverse ? g.judgment : `1/${g.judgment}`;
    const [a, b] = g.split;
    return {
      title: 'Generated',
      hierarchy: {
        code: 'G',
        name: 'Goal',
        children: [
          {
            code: 'F',
            name: 'Finance',
            children: [
              { code: 'F1', name: 'a' },
              { code: 'F2', name: 'b', direction: 'cost' },
              { code: 'F3', name: 'c' },
            ],
          },
          {
            code: 'T',
            name: 'Trade',
            children: [
              { code: 'T1', name: 'd' },
              { code: 'T2', name: 'e', direction: 'cost' },
            ],
          },
        ],
      },
      weighting: {
        G: {
          method: 'ahp',
          matrix: [
            [1, j],
            [inv, 1],
          ],
        },
        F: { method: 'fixed', weights: [a / 10, b / 10, (10 - a - b) / 10] },
        T: g.tWeighting === 'g1' ? { method: 'g1', order: ['T2', 'T1'], ratios: [1.2] } : { method: g.tWeighting },
      },
      alternatives: g.alternatives,
      evaluation: [{ method: g.evaluation }],
    };
  });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scf-validate-run-'));
});

describe('validate fails exactly when run exits 2', () => {
  it('on generated studies, valid and with one defect', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(studyArb, fc.option(fc.integer({ min: 0, max: DEFECTS.length - 1 }), { nil: undefined }), async (s, d) => {
        if (d !== undefined) DEFECTS[d][1](s);
        const file = join(dir, `s${n++}.json`);
        await writeFile(file, JSON.stringify(s));
        const v = await runCli(['validate', file, '--format', 'json']);
        const r = await runCli(['run', file, '--format', 'json']);
        expect([0, 2]).toContain(v.code);
        expect(v.code === 2, `validate ${v.code} (${v.stderr}) but run ${r.code} (${r.stderr})`).toBe(r.code === 2);
        if (d !== undefined) expect(v.code, DEFECTS[d][0]).toBe(2);
        else expect(v.code, v.stderr).toBe(0);
      }),
      { numRuns: 40, seed: 17 },
    );
  });
});
