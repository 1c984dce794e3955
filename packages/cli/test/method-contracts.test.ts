/**
 * Issue 13 items 9–10 and issue 17 items 6–7: contradictions refused (exit 2, the path, what is
 * allowed), the command-line contract of `fce` trees and `delphi` scales, CRITIC's constant
 * columns in words, GRA on identical rows.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('labels', () => {
  it('an empty object as a label is refused with its path', async () => {
    const r = await runCli(
      ['ahp', '-'],
      JSON.stringify({
        matrix: [
          [1, 2],
          ['1/2', 1],
        ],
        labels: ['a', {}],
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/labels\[1\]/);
    expect(r.stderr).toMatch(/neither filled in/);
    expect(r.stderr).toMatch(/Allowed: .*zh or en not empty/);
  });
  it('a label {zh} or {en} alone is fine', async () => {
    const r = await runCli(
      ['ahp', '-', '--format', 'json'],
      JSON.stringify({
        matrix: [
          [1, 2],
          ['1/2', 1],
        ],
        labels: [{ zh: '甲' }, { en: 'b' }],
      }),
    );
    expect(r.code).toBe(0);
  });
});

describe('delphi', () => {
  const seven = {
    scores: [
      [7, 6, 2],
      [7, 5, 3],
      [6, 7, 2],
    ],
  };
  it('fullScore 7 implies the scale 1–7; --scale 1-6 names each score off it', async () => {
    const r = await runCli(['delphi', '-', '--format', 'json'], JSON.stringify({ ...seven, fullScore: 7 }));
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ scale: '1-7', fullScore: 7 });
    expect(r.json().indicators.map((i: { decision: string }) => i.decision)).toEqual(['keep', 'keep', 'discuss']);
    const six = await runCli(['delphi', '-', '--scale', '1-6'], JSON.stringify(seven));
    expect(six.code).toBe(2);
    expect(six.stderr).toMatch(/scores\[0\]\[0\]: score 7 is not on the 1-6 scale/);
    const nine = await runCli(['delphi', '-', '--scale', '1-9', '--format', 'json'], JSON.stringify(seven));
    expect(nine.code).toBe(0);
    expect(nine.json().fullScore).toBe(9);
    const odd = await runCli(['delphi', '-', '--scale', '2-9'], JSON.stringify(seven));
    expect(odd.code).toBe(2);
    expect(odd.stderr).toMatch(/1-K/);
  });
  it('duplicate indicator codes are refused (exit 2, the path, what is allowed)', async () => {
    const r = await runCli(
      ['delphi', '-'],
      JSON.stringify({
        scores: [
          [5, 3, 5],
          [5, 5, 1],
        ],
        indicators: ['B1', 'B2', 'B1'],
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/indicators\[2\]: indicator code B1 appears twice/);
    expect(r.stderr).toMatch(/one distinct code per column/);
  });
  it('a round where every indicator has the same statistics keeps them all', async () => {
    const r = await runCli(
      ['delphi', '-', '--format', 'json'],
      JSON.stringify({
        scores: [
          [5, 5, 5],
          [3, 3, 3],
          [5, 5, 5],
        ],
      }),
    );
    expect(r.code).toBe(0);
    expect(r.json().counts).toEqual({ keep: 3, discuss: 0, delete: 0 });
  });
});

describe('kendall', () => {
  it('refuses ranks and ratings given together', async () => {
    const r = await runCli(
      ['kendall', '-'],
      JSON.stringify({
        ranks: [
          [1, 2],
          [2, 1],
          [3, 3],
        ],
        ratings: [
          [5, 4],
          [3, 4],
          [1, 1],
        ],
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ratings: both ranks and ratings are given/);
    expect(r.stderr).toMatch(/ranks or ratings, not both/);
  });
  it('refuses a negative rank, a zero and a rank above the number of objects, each by its cell', async () => {
    const r = await runCli(
      ['kendall', '-'],
      JSON.stringify({
        ranks: [
          [1, -2],
          [2, 0],
          [3, 4],
        ],
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ranks\[0\]\[1\]: rank -2 is not a rank among 3 objects/);
    expect(r.stderr).toMatch(/ranks\[1\]\[1\]: rank 0/);
    expect(r.stderr).toMatch(/ranks\[2\]\[1\]: rank 4/);
    expect(r.stderr).toMatch(/a rank from 1 to 3/);
  });
  it('negative ratings are ranked as they are; tied ranks such as 1.5 are ranks', async () => {
    const ratings = await runCli(
      ['kendall', '-', '--format', 'json'],
      JSON.stringify({
        ratings: [
          [-1, -2],
          [2, 1],
          [3, 3],
        ],
      }),
    );
    expect(ratings.code).toBe(0);
    expect(ratings.json().w).toBeCloseTo(1, 12);
    const tied = await runCli(
      ['kendall', '-', '--format', 'json'],
      JSON.stringify({
        ranks: [
          [1.5, 1],
          [1.5, 2],
          [3, 3],
        ],
      }),
    );
    expect(tied.code).toBe(0);
  });
});

describe('critic on a constant column', () => {
  const doc = {
    matrix: [
      [1, 5, 3],
      [2, 5, 1],
      [3, 5, 2],
    ],
    labels: ['ROE', 'Flat', 'Debt'],
  };
  it('JSON: the correlation is the word "undefined", a warning says weight 0', async () => {
    const r = await runCli(['critic', '-', '--format', 'json'], JSON.stringify(doc));
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.weights[1]).toBe(0);
    expect(out.correlation[0][1]).toBe('undefined');
    expect(out.correlation[1]).toEqual(['undefined', 'undefined', 'undefined']);
    expect(JSON.stringify(out.correlation)).not.toMatch(/null/);
    expect(out.warnings[0]).toMatch(/indicator 1 \(Flat\) does not vary .* correlation .* undefined, so it gets weight 0/);
  });
  it('table: the correlation table says undefined and the note says weight 0', async () => {
    const r = await runCli(['critic', '-', '--format', 'table'], JSON.stringify(doc));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Correlation r/);
    expect(r.stdout).toMatch(/Flat.*undefined.*undefined.*undefined/);
    expect(r.stdout + r.stderr).toMatch(/warning: indicator 1 \(Flat\) does not vary.*weight 0/);
  });
});

describe('gra', () => {
  const m = [
    [3, 2],
    [1, 4],
    [2, 3],
  ];
  it('refuses alternative names whose count differs from the matrix rows, and labels from its columns', async () => {
    const r = await runCli(['gra', '-'], JSON.stringify({ matrix: m, alternatives: ['A', 'B'], labels: ['x', 'y', 'z'] }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/alternatives: 2 alternative names for 3 matrix rows/);
    expect(r.stderr).toMatch(/one name per row of matrix \(3\)/);
    expect(r.stderr).toMatch(/labels: 3 indicator names for 2 matrix columns/);
  });
  it('refuses more levels than factors', async () => {
    const doc = {
      referenceSeries: [1, 2, 3],
      factors: [
        { name: 'a', series: [1, 2, 4] },
        { name: 'b', series: [3, 2, 1] },
      ],
      levels: 3,
    };
    const r = await runCli(['gra', '-'], JSON.stringify(doc));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/levels: 3 levels for 2 factors/);
    expect(r.stderr).toMatch(/a whole number from 1 to 2/);
    const ok = await runCli(['gra', '-', '--format', 'json'], JSON.stringify({ ...doc, levels: 2 }));
    expect(ok.code).toBe(0);
    expect(
      ok
        .json()
        .factors.map((f: { level: number }) => f.level)
        .sort(),
    ).toEqual([1, 2]);
  });
  it('identical rows: every degree is 1, exit 0 with a warning saying the ranking carries no information', async () => {
    const same = [
      [3, 2],
      [3, 2],
      [3, 2],
    ];
    const r = await runCli(['gra', '-', '--format', 'json'], JSON.stringify({ matrix: same }));
    expect(r.code).toBe(0);
    expect(r.json().grades).toEqual([1, 1, 1]);
    expect(r.json().warnings[0]).toMatch(/every alternative coincides with the reference \(Δmax = 0\).*no information.*identical/);
    const t = await runCli(['gra', '-', '--format', 'table'], JSON.stringify({ matrix: same }));
    expect(t.stdout + t.stderr).toMatch(/warning: every alternative coincides/);
    const differ = await runCli(['gra', '-', '--format', 'json'], JSON.stringify({ matrix: m }));
    expect(differ.json().warnings).toEqual([]);
  });
});

describe('fce takes the root node as the document', () => {
  // Hand-checked: C1 = 0.7·(.6 .4 0 0 0) + 0.3·(.2 .4 .4 0 0) = (.48 .40 .12 0 0);
  // C2 = 0.5·(0 .2 .6 .2 0) + 0.5·(0 0 .2 .6 .2) = (0 .1 .4 .4 .1);
  // G = 0.6·C1 + 0.4·C2 = (.288 .28 .232 .16 .04), S = 10·.288 + 8·.28 + 6·.232 + 4·.16 + 2·.04 = 7.232.
  const expected = [0.288, 0.28, 0.232, 0.16, 0.04];
  const leaves1 = [
    { code: 'C11', membership: [0.6, 0.4, 0, 0, 0] },
    { code: 'C12', membership: [0.2, 0.4, 0.4, 0, 0] },
  ];
  const leaves2 = [
    { code: 'C21', membership: [0, 0.2, 0.6, 0.2, 0] },
    { code: 'C22', membership: [0, 0, 0.2, 0.6, 0.2] },
  ];
  const check = (r: Awaited<ReturnType<typeof runCli>>) => {
    expect(r.code).toBe(0);
    const out = r.json();
    out.b.forEach((x: number, k: number) => expect(x).toBeCloseTo(expected[k], 12));
    expect(out.score).toBeCloseTo(7.232, 12);
    expect(out.root.code).toBe('G');
    expect(out.root.children[0].b[0]).toBeCloseTo(0.48, 12);
    expect(out.root.children[1].b[4]).toBeCloseTo(0.1, 12);
  };
  it('with weights over children at every level', async () => {
    const doc = {
      code: 'G',
      weights: [0.6, 0.4],
      children: [
        { code: 'C1', weights: [0.7, 0.3], children: leaves1 },
        { code: 'C2', weights: [0.5, 0.5], children: leaves2 },
      ],
    };
    check(await runCli(['fce', '-', '--format', 'json'], JSON.stringify(doc)));
  });
  it('with a weight on each child, as YAML', async () => {
    const yaml = [
      'code: G',
      'children:',
      '  - code: C1',
      '    weight: 0.6',
      '    children:',
      '      - { code: C11, weight: 0.7, membership: [0.6, 0.4, 0, 0, 0] }',
      '      - { code: C12, weight: 0.3, membership: [0.2, 0.4, 0.4, 0, 0] }',
      '  - code: C2',
      '    weight: 0.4',
      '    weights: [0.5, 0.5]',
      '    children:',
      '      - { code: C21, membership: [0, 0.2, 0.6, 0.2, 0] }',
      '      - { code: C22, membership: [0, 0, 0.2, 0.6, 0.2] }',
      '',
    ].join('\n');
    check(await runCli(['fce', '-', '--format', 'json'], yaml));
  });
  it('refuses weights given both ways, a wrong count, and membership beside children', async () => {
    const both = await runCli(
      ['fce', '-'],
      JSON.stringify({
        code: 'G',
        weights: [0.5, 0.5],
        children: [
          { code: 'A', weight: 0.5, membership: [1, 0, 0, 0, 0] },
          { code: 'B', membership: [0, 1, 0, 0, 0] },
        ],
      }),
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/weights: G: weights are given both as G's weights and on child A/);
    expect(both.stderr).toMatch(/not both/);
    const count = await runCli(
      ['fce', '-'],
      JSON.stringify({
        code: 'G',
        weights: [1],
        children: [
          { code: 'A', membership: [1, 0, 0, 0, 0] },
          { code: 'B', membership: [0, 1, 0, 0, 0] },
        ],
      }),
    );
    expect(count.code).toBe(2);
    expect(count.stderr).toMatch(/weights: G: 1 weights for 2 children/);
    const leafAndNode = await runCli(
      ['fce', '-'],
      JSON.stringify({ membership: [[1, 0, 0, 0, 0]], children: [{ weight: 1, membership: [1, 0, 0, 0, 0] }] }),
    );
    expect(leafAndNode.code).toBe(2);
    expect(leafAndNode.stderr).toMatch(/membership: membership beside children/);
  });
  it('the flat form and the tree form still work', async () => {
    const flat = await runCli(
      ['fce', '-', '--format', 'json'],
      JSON.stringify({
        weights: [0.6, 0.4],
        membership: [
          [0.48, 0.4, 0.12, 0, 0],
          [0, 0.1, 0.4, 0.4, 0.1],
        ],
      }),
    );
    expect(flat.code).toBe(0);
    flat.json().b.forEach((x: number, k: number) => expect(x).toBeCloseTo(expected[k], 12));
  });
});
