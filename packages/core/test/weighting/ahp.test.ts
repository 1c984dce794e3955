import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { ahp, ahpConsistency } from '../../src/weighting/ahp.ts';
import { PRIORITY_METHODS, type PriorityMethod } from '../../src/weighting/ahp-priority.ts';
import { RI_TABLE_NAMES, randomIndex } from '../../src/weighting/random-index.ts';
import { issues } from '../support/issues.ts';

const round = (xs: number[], d: number) => xs.map((x) => Number(x.toFixed(d)));

describe('published worked examples', () => {
  // Saaty, "Decision making with the analytic hierarchy process", Int. J. Services Sciences
  // 1(1) 2008, table 3: "Which drink is consumed more in the U.S.?" — derived priorities
  // .177 .019 .042 .116 .190 .129 .327.
  const drinks = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
  ];
  it('reproduces Saaty (2008) drink consumption priorities', () => {
    const r = ahp(drinks);
    expect(round(r.weights, 3)).toEqual([0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327]);
    expect(r.consistent).toBe(true);
  });

  // Saaty, "The Analytic Hierarchy Process" (1980) §2 / Saaty & Khouja (1976): relative wealth
  // of nations — eigenvector .427 .230 .021 .052 .052 .123 .094, λmax = 7.61.
  const wealth = [
    [1, 4, 9, 6, 6, 5, 5],
    [1 / 4, 1, 7, 5, 5, 3, 4],
    [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
    [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
  ];
  it('reproduces Saaty (1980) wealth of nations', () => {
    const r = ahp(wealth, { labels: ['US', 'USSR', 'China', 'France', 'UK', 'Japan', 'W. Germany'] });
    expect(round(r.weights, 3)).toEqual([0.427, 0.23, 0.021, 0.052, 0.052, 0.123, 0.094]);
    expect(Number(r.lambdaMax.toFixed(2))).toBe(7.61);
    expect(r.riTable).toBe('saaty');
    expect(r.ri).toBe(1.32);
    expect(r.labels?.[0]).toBe('US');
  });

  // Saaty, "How to make a decision: the analytic hierarchy process", EJOR 48 (1990) 9–26,
  // table 2 (choosing a house; criteria: size, transportation, neighbourhood, age, yard, modern
  // facilities, general condition, financing): priorities .173 .054 .188 .018 .031 .036 .167 .333,
  // λmax = 9.669, CI = 0.238, CR = 0.169 — an inconsistent matrix as printed.
  const house = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
  ];
  it('reproduces Saaty (1990) house criteria: weights, λmax, CI and CR to the printed digits', () => {
    const r = ahp(house);
    expect(round(r.weights, 3)).toEqual([0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]);
    expect(Number(r.lambdaMax.toFixed(3))).toBe(9.669);
    expect(Number(r.ci.toFixed(3))).toBe(0.238);
    expect(Number(r.cr.toFixed(3))).toBe(0.169);
    expect(r.ri).toBe(1.41);
    expect(r.consistent).toBe(false);
    // the help points at judgments and its repaired matrix is consistent
    expect(r.inconsistentPairs.length).toBeGreaterThan(0);
    expect(r.repairedCr).toBeLessThan(0.1);
  });

  // Wikipedia, "Analytic hierarchy process – leader example" (choosing a leader: criteria
  // experience, education, charisma, age; candidates Tom, Dick, Harry): criteria priorities
  // .547 .127 .270 .056; local priorities e.g. experience .217 .717 .066; overall priorities
  // Tom .358, Dick .493, Harry .149. The exact eigenvector is .54757 .12656 .26995 .05593: the
  // article shows experience as .547 so that its four rounded values sum to 1.000 (rounded
  // honestly they are .548 .127 .270 .056, sum 1.001); every other printed digit is matched.
  const leaderCriteria = [
    [1, 4, 3, 7],
    [1 / 4, 1, 1 / 3, 3],
    [1 / 3, 3, 1, 5],
    [1 / 7, 1 / 3, 1 / 5, 1],
  ];
  const leaderAlternatives = {
    experience: [
      [1, 1 / 4, 4],
      [4, 1, 9],
      [1 / 4, 1 / 9, 1],
    ],
    education: [
      [1, 3, 1 / 5],
      [1 / 3, 1, 1 / 7],
      [5, 7, 1],
    ],
    charisma: [
      [1, 5, 9],
      [1 / 5, 1, 4],
      [1 / 9, 1 / 4, 1],
    ],
    age: [
      [1, 1 / 3, 5],
      [3, 1, 9],
      [1 / 5, 1 / 9, 1],
    ],
  };
  it('reproduces the Wikipedia leader example: criteria, local and overall priorities', () => {
    const criteria = ahp(leaderCriteria, { labels: ['experience', 'education', 'charisma', 'age'] });
    expect(round(criteria.weights, 3)).toEqual([0.548, 0.127, 0.27, 0.056]);
    expect(Math.abs(criteria.weights[0] - 0.547)).toBeLessThan(0.0006);
    expect(criteria.consistent).toBe(true);
    const local = Object.values(leaderAlternatives).map((m) => ahp(m, { labels: ['Tom', 'Dick', 'Harry'] }));
    expect(round(local[0].weights, 3)).toEqual([0.217, 0.717, 0.066]);
    for (const l of local) expect(l.consistent).toBe(true);
    const overall = [0, 1, 2].map((a) => local.reduce((s, l, c) => s + criteria.weights[c] * l.weights[a], 0));
    expect(round(overall, 3)).toEqual([0.358, 0.493, 0.149]);
  });

  it('gives the SPEC §3.1 CR of λmax = 3.1078 under Saaty and Donegan–Dodd', () => {
    expect(Number(ahpConsistency(3.1078, 3, 'saaty').cr.toFixed(3))).toBe(0.093);
    expect(Number(ahpConsistency(3.1078, 3, 'donegan-dodd').cr.toFixed(4))).toBe(0.1097);
  });
});

describe('numpy cross-check (fixtures/ahp-numpy.py)', () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/ahp-numpy.json', import.meta.url), 'utf8')) as {
    cases: {
      n: number;
      matrix: number[][];
      eigenvector: number[];
      lambdaMax: number;
      geometricMean: number[];
      columnMean: number[];
      leastSquares: number[];
      lambdaMeanGeometric: number;
      lambdaMeanColumn: number;
      lambdaMeanLeastSquares: number;
    }[];
  };
  const close = (a: number[], b: number[]) => {
    expect(a).toHaveLength(b.length);
    a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(1e-10));
  };
  it('covers n = 3…15', () => {
    expect(new Set(fixture.cases.map((c) => c.n)).size).toBe(13);
  });
  for (const c of fixture.cases) {
    it(`n = ${c.n}: all four methods and λmax agree to 1e-10`, () => {
      const ev = ahp(c.matrix, { ri: 'alonso-lamata' });
      close(ev.weights, c.eigenvector);
      expect(Math.abs(ev.lambdaMax - c.lambdaMax)).toBeLessThan(1e-10);
      const gm = ahp(c.matrix, { method: 'geometric-mean', ri: 'alonso-lamata' });
      close(gm.weights, c.geometricMean);
      expect(Math.abs(gm.lambdaMax - c.lambdaMeanGeometric)).toBeLessThan(1e-10);
      const cm = ahp(c.matrix, { method: 'column-mean', ri: 'alonso-lamata' });
      close(cm.weights, c.columnMean);
      expect(Math.abs(cm.lambdaMax - c.lambdaMeanColumn)).toBeLessThan(1e-10);
      const ls = ahp(c.matrix, { method: 'least-squares', ri: 'alonso-lamata' });
      close(ls.weights, c.leastSquares);
      expect(Math.abs(ls.lambdaMax - c.lambdaMeanLeastSquares)).toBeLessThan(1e-10);
      // the exact eigenvalue is selectable for any method
      expect(Math.abs(ahp(c.matrix, { method: 'column-mean', lambda: 'exact', ri: 'alonso-lamata' }).lambdaMax - c.lambdaMax)).toBeLessThan(
        1e-10,
      );
    });
  }
});

/** A consistent matrix a_ij = v_i / v_j from a positive vector. */
const consistentFrom = (v: number[]) => v.map((vi) => v.map((vj) => vi / vj));
const vectorArb = fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 1, maxLength: 12 });
const methodArb = fc.constantFrom<PriorityMethod>(...PRIORITY_METHODS);

/** A random reciprocal matrix on Saaty's scale. */
const reciprocalArb = fc.integer({ min: 3, max: 9 }).chain((n) =>
  fc.array(fc.integer({ min: -8, max: 8 }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((cells) => {
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    let k = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const s = cells[k++];
        const v = s >= 0 ? s + 1 : 1 / (1 - s);
        m[i][j] = v;
        m[j][i] = 1 / v;
      }
    return m;
  }),
);

describe('properties', () => {
  it('a consistent matrix gives CR = 0 and w ∝ the generating vector, for every method', () => {
    fc.assert(
      fc.property(vectorArb, methodArb, (v, method) => {
        const r = ahp(consistentFrom(v), { method, scale: 'any' });
        const total = v.reduce((s, x) => s + x, 0);
        r.weights.forEach((w, i) => expect(Math.abs(w - v[i] / total)).toBeLessThan(1e-12));
        expect(Math.abs(r.cr)).toBeLessThan(1e-12);
        expect(r.consistent).toBe(true);
      }),
    );
  });

  it('weights are positive, sum to 1 and nothing is NaN', () => {
    fc.assert(
      fc.property(reciprocalArb, methodArb, (m, method) => {
        const r = ahp(m, { method });
        expect(Math.abs(r.weights.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
        for (const w of r.weights) expect(w).toBeGreaterThan(0);
        for (const x of [r.lambdaMax, r.ci, r.cr]) expect(Number.isFinite(x)).toBe(true);
        expect(r.lambdaMax).toBeGreaterThanOrEqual(r.n - 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('permuting rows and columns permutes the weights', () => {
    fc.assert(
      fc.property(
        reciprocalArb.chain((m) =>
          fc.tuple(fc.constant(m), fc.shuffledSubarray([...m.keys()], { minLength: m.length, maxLength: m.length })),
        ),
        methodArb,
        ([m, p], method) => {
          const permuted = p.map((i) => p.map((j) => m[i][j]));
          const a = ahp(m, { method, skipHelp: true });
          const b = ahp(permuted, { method, skipHelp: true });
          p.forEach((orig, k) => expect(Math.abs(b.weights[k] - a.weights[orig])).toBeLessThan(1e-10));
          expect(Math.abs(a.cr - b.cr)).toBeLessThan(1e-10);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('inconsistent matrices get proposals and a repaired matrix with CR < 0.10, input untouched, for every method', () => {
    fc.assert(
      fc.property(reciprocalArb, methodArb, (m, method) => {
        const before = JSON.stringify(m);
        const r = ahp(m, { method });
        expect(JSON.stringify(m)).toBe(before);
        if (r.consistent) {
          expect(r.inconsistentPairs).toEqual([]);
          expect(r.repairedMatrix).toBeUndefined();
          return;
        }
        expect(r.inconsistentPairs.length).toBeGreaterThan(0);
        const worst = r.inconsistentPairs[0];
        expect(Math.abs(Math.log(worst.epsilon))).toBeGreaterThanOrEqual(
          Math.abs(Math.log(r.inconsistentPairs.at(-1)?.epsilon ?? 1)) - 1e-12,
        );
        expect(r.repairedMatrix).toBeDefined();
        const again = ahp(r.repairedMatrix as number[][], { method });
        // every step lowers CR, and the steps lead from the input to the repaired matrix
        const steps = r.repairSteps ?? [];
        const replay = m.map((row) => row.slice());
        for (const s of steps) {
          expect(replay[s.i][s.j]).toBeCloseTo(s.from, 12);
          replay[s.i][s.j] = s.to;
          replay[s.j][s.i] = 1 / s.to;
        }
        replay.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo((r.repairedMatrix as number[][])[i][j], 12)));
        expect(again.cr).toBeCloseTo(r.repairedCr as number, 12);
        expect(again.cr).toBeLessThan(0.1);
      }),
      { numRuns: 40 },
    );
  });
});

describe('inconsistency help', () => {
  it('names the reversed judgment and proposes the scale value that fixes it', () => {
    // A consistent 4×4 matrix (v = 8, 4, 2, 1) with one judgment reversed: a_03 = 1/8 instead of 8.
    const m = consistentFrom([8, 4, 2, 1]);
    m[0][3] = 1 / 8;
    m[3][0] = 8;
    const r = ahp(m);
    expect(r.consistent).toBe(false);
    expect(r.inconsistentPairs[0]).toMatchObject({ i: 0, j: 3 });
    expect(r.inconsistentPairs[0].crAfter).toBeLessThan(0.1);
    expect(r.repairSteps?.[0]).toMatchObject({ i: 0, j: 3, from: 1 / 8 });
    expect(r.repairedCr).toBeLessThan(0.1);
  });
});

describe('RI tables', () => {
  it('ship every named table to n = 15 with the SPEC values', () => {
    expect([3, 4, 5, 15].map((n) => randomIndex(n, 'saaty'))).toEqual([0.58, 0.9, 1.12, 1.59]);
    expect([3, 6, 12].map((n) => randomIndex(n, 'chinese'))).toEqual([0.52, 1.26, 1.54]);
    expect([3, 10].map((n) => randomIndex(n, 'saaty2005'))).toEqual([0.52, 1.49]);
    expect([3, 10].map((n) => randomIndex(n, 'donegan-dodd'))).toEqual([0.4914, 1.4055]);
    expect([3, 10].map((n) => randomIndex(n, 'alonso-lamata'))).toEqual([0.5247, 1.4854]);
    expect([3, 10].map((n) => randomIndex(n, 'tummala-ling'))).toEqual([0.5799, 1.4882]);
    for (const t of RI_TABLE_NAMES) for (let n = 3; n <= 15; n++) expect(randomIndex(n, t)).toBeGreaterThan(randomIndex(n - 1, t) - 0.05);
  });
  it('randomIndex rejects an unknown table, a bad n, and n beyond a table', () => {
    expect(() => randomIndex(2, 'nope' as never)).toThrow(/unknown RI table "nope"/);
    expect(() => randomIndex(0)).toThrow(/positive integer/);
    expect(() => randomIndex(3.5)).toThrow(/positive integer/);
    expect(() => randomIndex(16, 'chinese')).toThrow(/covers n ≤ 15, not n = 16/);
    expect(randomIndex(1)).toBe(0);
  });
  it('extends Alonso–Lamata beyond its table by their formula', () => {
    expect(randomIndex(20, 'alonso-lamata')).toBeCloseTo((1.7699 * 20 - 4.3513) / 19, 15);
    expect(Number(randomIndex(16, 'alonso-lamata').toFixed(4))).toBe(1.5978);
    // the formula continues the table smoothly: RI(15) from the table, RI(16) from the fit
    expect(randomIndex(16, 'alonso-lamata') - randomIndex(15, 'alonso-lamata')).toBeGreaterThan(0);
  });
  it('gives CR = 0 (never NaN) for n ≤ 2 and names the table', () => {
    for (const m of [
      [[1]],
      [
        [1, 3],
        [1 / 3, 1],
      ],
    ]) {
      const r = ahp(m, { ri: 'donegan-dodd' });
      expect(r.cr).toBe(0);
      expect(r.ci).toBe(0);
      expect(r.riTable).toBe('donegan-dodd');
    }
    expect(
      ahp([
        [1, 3],
        [1 / 3, 1],
      ]).weights,
    ).toEqual([0.75, 0.25]);
  });
  it('rejects n beyond a table, naming the option', () => {
    const m = consistentFrom(Array.from({ length: 16 }, (_, i) => 1 + (i % 3)));
    expect(issues(() => ahp(m, { ri: 'saaty' }))[0]).toMatchObject({ path: ['ri'] });
    expect(ahp(m, { ri: 'alonso-lamata' }).cr).toBe(0);
  });
});

describe('validation names the cell', () => {
  it('not square', () => {
    expect(issues(() => ahp([[1, 2], [0.5]]))[0]).toMatchObject({
      path: [1],
      message: expect.stringMatching(/row 1 has 1 cells but the matrix has 2 rows/),
    });
  });
  it('empty', () => {
    expect(issues(() => ahp([]))[0].message).toMatch(/empty/);
  });
  it('non-positive and non-finite cells', () => {
    const is = issues(() =>
      ahp([
        [1, -3, 2],
        [1 / 3, 1, Number.NaN],
        [0.5, 1, 1],
      ]),
    );
    expect(is.map((i) => i.path)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(is[0].message).toMatch(/-3 is not positive/);
    expect(is[1].message).toMatch(/NaN is not a finite number/);
  });
  it('diagonal not 1', () => {
    expect(
      issues(() =>
        ahp([
          [2, 3],
          [1 / 3, 1],
        ]),
      )[0],
    ).toMatchObject({ path: [0, 0], message: expect.stringMatching(/diagonal must be 1/) });
  });
  it('not reciprocal', () => {
    const [issue] = issues(() =>
      ahp([
        [1, 3, 2],
        [1 / 3, 1, 4],
        [1 / 2, 4, 1],
      ]),
    );
    expect(issue.path).toEqual([2, 1]);
    expect(issue.message).toMatch(/4 is not the reciprocal of \[1\]\[2\] = 4/);
    expect(issue.allowed).toBe('1/4');
  });
  it('snaps 0.333 to 1/3 within 1 % with a warning', () => {
    const r = ahp([
      [1, 3],
      [0.333, 1],
    ]);
    expect(r.weights).toEqual([0.75, 0.25]);
    expect(r.warnings[0]).toMatch(/\[0\]\[1\] = 3 and \[1\]\[0\] = 0.333 were snapped to 3 and 1\/3/);
  });
  it('outside the 1–9 scale, unless scale "any"', () => {
    expect(
      issues(() =>
        ahp([
          [1, 12],
          [1 / 12, 1],
        ]),
      )[0],
    ).toMatchObject({ path: [0, 1], message: expect.stringMatching(/outside Saaty's 1–9 scale/) });
    expect(
      ahp(
        [
          [1, 12],
          [1 / 12, 1],
        ],
        { scale: 'any' },
      ).weights[0],
    ).toBeCloseTo(12 / 13, 15);
  });
  it('warns on a value between scale values', () => {
    expect(
      ahp([
        [1, 2.5],
        [0.4, 1],
      ]).warnings[0],
    ).toMatch(/\[0\]\[1\] = 2.5 is between scale values/);
  });
  it('unknown method, table, λ rule, wrong label count', () => {
    const m = [
      [1, 2],
      [0.5, 1],
    ];
    expect(issues(() => ahp(m, { method: 'power' as PriorityMethod }))[0]).toMatchObject({ path: ['method'] });
    expect(issues(() => ahp(m, { ri: 'x' as never }))[0]).toMatchObject({ path: ['ri'] });
    expect(issues(() => ahp(m, { lambda: 'x' as never }))[0]).toMatchObject({ path: ['lambda'] });
    expect(issues(() => ahp(m, { labels: ['a'] }))[0]).toMatchObject({ path: ['labels'], message: '1 labels for a 2×2 matrix' });
  });
});

describe('every validation rule: the error message names the cell', () => {
  function messageOf(f: () => unknown): string {
    try {
      f();
    } catch (e) {
      if (e instanceof ValidationError) return e.message;
      throw e;
    }
    throw new Error('expected a ValidationError');
  }
  const cases: [string, unknown[][], RegExp][] = [
    ['row of the wrong length', [[1, 2], [0.5]], /^\[1\]: row 1 has 1 cells/],
    ['a row that is not a list', [[1, 2], 3 as never], /^\[1\]: row 1 has 0 cells/],
    [
      'a cell that is not a number',
      [
        [1, '3'],
        [1 / 3, 1],
      ],
      /^\[0\]\[1\]: 3 is not a finite number/,
    ],
    [
      'an infinite cell',
      [
        [1, Number.POSITIVE_INFINITY],
        [0, 1],
      ],
      /^\[0\]\[1\]: Infinity is not a finite number/,
    ],
    [
      'a zero cell',
      [
        [1, 2],
        [0, 1],
      ],
      /^\[1\]\[0\]: 0 is not positive/,
    ],
    [
      'a negative cell',
      [
        [1, -2],
        [-0.5, 1],
      ],
      /^\[0\]\[1\]: -2 is not positive[\s\S]*\n\[1\]\[0\]: -0.5 is not positive/,
    ],
    [
      'a diagonal cell other than 1',
      [
        [1, 2],
        [0.5, 1.5],
      ],
      /^\[1\]\[1\]: the diagonal must be 1/,
    ],
    [
      'a missing diagonal cell',
      [
        [1, 2],
        [0.5, null],
      ],
      /^\[1\]\[1\]: a diagonal cell cannot be missing/,
    ],
    [
      'a non-reciprocal pair',
      [
        [1, 2],
        [2, 1],
      ],
      /^\[1\]\[0\]: 2 is not the reciprocal of \[0\]\[1\] = 2/,
    ],
    [
      'a reciprocal pair off by more than 1e-9 and not near the scale',
      [
        [1, 2.5],
        [0.41, 1],
      ],
      /^\[1\]\[0\]: 0.41 is not the reciprocal/,
    ],
    [
      'a judgment above 9',
      [
        [1, 10],
        [0.1, 1],
      ],
      /^\[0\]\[1\]: 10 is outside Saaty's 1–9 scale[\s\S]*\n\[1\]\[0\]: 1\/10 is outside/,
    ],
  ];
  for (const [rule, m, re] of cases) it(rule, () => expect(messageOf(() => ahp(m as (number | null)[][]))).toMatch(re));

  it('one half of a pair missing: the reciprocal of the other half is used, with a warning naming both cells', () => {
    const r = ahp([
      [1, 3, null],
      [null, 1, 2],
      [2, 1 / 2, 1],
    ]);
    expect(r.filledMatrix).toBeUndefined();
    expect(r.matrix?.[1][0]).toBe(1 / 3);
    expect(r.warnings).toEqual([
      '[1][0] was missing; used the reciprocal of [0][1] = 3',
      '[0][2] was missing; used the reciprocal of [2][0] = 2',
    ]);
    expect(r.weights).toEqual(
      ahp([
        [1, 3, 1 / 2],
        [1 / 3, 1, 2],
        [2, 1 / 2, 1],
      ]).weights,
    );
  });

  it('a reciprocal pair near a scale value is snapped (2.98 → 3), with a warning naming the cell', () => {
    const r = ahp([
      [1, 2.98, 1],
      [1 / 2.98, 1, 1 / 3],
      [1, 3, 1],
    ]);
    expect(r.warnings).toEqual(['[0][1] = 2.98 was snapped to 3 (within 1 % of the scale)']);
    // the result shows the matrix as used; the caller's matrix keeps 2.98
    expect(r.matrix?.[0][1]).toBe(3);
    expect(r.matrix?.[1][0]).toBe(1 / 3);
    expect(r.weights).toEqual(
      ahp([
        [1, 3, 1],
        [1 / 3, 1, 1 / 3],
        [1, 3, 1],
      ]).weights,
    );
  });

  it('collects every problem of a matrix in one error', () => {
    const m = messageOf(() =>
      ahp([
        [2, -1, 3],
        [1, 1, 0],
        [1 / 3, 5, 1],
      ]),
    );
    expect(m.split('\n').map((l) => l.split(':')[0])).toEqual(['[0][0]', '[0][1]', '[1][2]']);
  });
});

describe('incomplete matrices: numpy cross-check (fixtures/ahp-numpy.py)', () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/ahp-numpy.json', import.meta.url), 'utf8')) as {
    incomplete: {
      n: number;
      matrix: (number | null)[][];
      harker: number[];
      harkerFilled: number[][];
      harkerLambdaMax: number;
      llsm: number[];
      llsmFilled: number[][];
      llsmLambdaMean: number;
    }[];
  };
  const near = (a: number[], b: number[]) => a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(1e-10));
  it('covers n = 4…15 with missing judgments', () => {
    expect(fixture.incomplete.map((c) => c.n)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    for (const c of fixture.incomplete) expect(c.matrix.flat().some((x) => x === null)).toBe(true);
  });
  for (const c of fixture.incomplete) {
    it(`n = ${c.n}: Harker and LLSM weights, filled matrices and λ agree to 1e-10`, () => {
      const h = ahp(c.matrix);
      expect(h.incompleteMethod).toBe('harker');
      near(h.weights, c.harker);
      c.harkerFilled.forEach((row, i) => near(h.filledMatrix?.[i] ?? [], row));
      expect(Math.abs(h.lambdaMax - c.harkerLambdaMax)).toBeLessThan(1e-10);
      const l = ahp(c.matrix, { method: 'geometric-mean' });
      expect(l.incompleteMethod).toBe('llsm');
      near(l.weights, c.llsm);
      c.llsmFilled.forEach((row, i) => near(l.filledMatrix?.[i] ?? [], row));
      expect(Math.abs(l.lambdaMax - c.llsmLambdaMean)).toBeLessThan(1e-10);
      // the input keeps its holes: filling is reported, never written back
      expect(c.matrix.flat().some((x) => x === null)).toBe(true);
    });
  }
});

describe('incomplete matrices', () => {
  const v = [6, 3, 2, 1];
  const full = consistentFrom(v);
  const holes = full.map((r) => r.slice()) as (number | null)[][];
  holes[0][3] = null;
  holes[3][0] = null;
  holes[1][2] = null;
  holes[2][1] = null;
  it("recover a consistent matrix's weights by Harker and by LLSM, reporting the filled cells", () => {
    for (const method of ['eigenvector', 'geometric-mean'] as const) {
      const r = ahp(holes, { method, scale: 'any' });
      r.weights.forEach((w, i) => expect(w).toBeCloseTo(v[i] / 12, 12));
      expect(r.filledMatrix?.[0][3]).toBeCloseTo(6, 12);
      expect(r.incompleteMethod).toBe(method === 'eigenvector' ? 'harker' : 'llsm');
      expect(r.cr).toBeCloseTo(0, 12);
    }
  });
  it('Harker: a missing pair of a 3×3 matrix is filled with w_i/w_j', () => {
    const r = ahp([
      [1, 2, null],
      [1 / 2, 1, 3],
      [null, 1 / 3, 1],
    ]);
    expect(r.filledMatrix?.[0][2]).toBeCloseTo(r.weights[0] / r.weights[2], 12);
    expect(r.filledMatrix?.[0][2]).toBeCloseTo(6, 10);
  });
  it('reject a disconnected comparison graph naming the elements', () => {
    const m = [
      [1, 2, null, null],
      [1 / 2, 1, null, null],
      [null, null, 1, 3],
      [null, null, 1 / 3, 1],
    ];
    expect(issues(() => ahp(m, { labels: ['a', 'b', 'c', 'd'] }))[0].message).toMatch(/do not connect 2 \(c\), 3 \(d\) with 0 \(a\)/);
  });
  it('reject methods that need a complete matrix', () => {
    expect(issues(() => ahp(holes, { method: 'column-mean', scale: 'any' }))[0]).toMatchObject({ path: ['method'] });
  });
  it('reject a missing diagonal cell', () => {
    expect(
      issues(() =>
        ahp([
          [null, 2],
          [0.5, 1],
        ]),
      )[0],
    ).toMatchObject({ path: [0, 0] });
  });
});

describe('incomplete matrices: the λmax-minimising completion (Bozóki, Fülöp & Rónyai 2010)', () => {
  // The 4×4 example of Bozóki, Fülöp & Rónyai (2010), Math. Comput. Modelling 52, 318–333, with
  // a_cd missing, as AHPy's test suite (tests/test_ahp.py) states it and pins its results:
  // c/d = 0.730297…, weights (4 decimals) a .3738, b .392, c .0985, d .1357, CR (Donegan–Dodd) .0372.
  const bozoki = [
    [1, 1, 5, 2],
    [1, 1, 3, 4],
    [1 / 5, 1 / 3, 1, null],
    [1 / 2, 1 / 4, null, 1],
  ];
  it("reproduces the paper's 4×4 example as AHPy pins it", () => {
    const r = ahp(bozoki, { incompleteMethod: 'lambda-max', ri: 'donegan-dodd' });
    expect(r.incompleteMethod).toBe('lambda-max');
    expect(r.filledMatrix?.[2][3].toFixed(6)).toBe('0.730297');
    expect(r.filledMatrix?.[3][2]).toBeCloseTo(1 / 0.730297, 5);
    expect(round(r.weights, 4)).toEqual([0.3738, 0.392, 0.0985, 0.1357]);
    expect(round([r.cr], 4)).toEqual([0.0372]);
    expect(r.completion?.converged).toBe(true);
    expect(r.completion?.lambdaMax).toBeCloseTo(r.lambdaMax, 12);
    expect(r.warnings.some((w) => /minimise λmax/.test(w))).toBe(true);
  });

  // AHPy's "Incomplete Housing" test: 8 elements, 16 judgments, 12 pairs missing; AHPy prints the
  // completed values its coordinate search reached (cycle tolerance 1e-4), so they agree to 1e-4.
  const names = 'abcdefgh'.split('');
  const housing: (number | null)[][] = names.map((_, i) => names.map((_, j) => (i === j ? 1 : null)));
  const given: [string, string, number][] = [
    ['a', 'b', 5],
    ['a', 'c', 3],
    ['a', 'd', 7],
    ['a', 'e', 6],
    ['a', 'f', 6],
    ['b', 'd', 5],
    ['b', 'f', 3],
    ['c', 'e', 3],
    ['c', 'g', 6],
    ['f', 'd', 4],
    ['g', 'a', 3],
    ['g', 'e', 5],
    ['h', 'a', 4],
    ['h', 'b', 7],
    ['h', 'd', 8],
    ['h', 'f', 6],
  ];
  for (const [p, q, v] of given) {
    housing[names.indexOf(p)][names.indexOf(q)] = v;
    housing[names.indexOf(q)][names.indexOf(p)] = 1 / v;
  }
  const ahpy: [string, string, number][] = [
    ['b', 'c', 0.3300187496240363],
    ['b', 'e', 1.7197409185349517],
    ['b', 'g', 0.4663515002203321],
    ['c', 'd', 9.920512661898753],
    ['c', 'f', 4.852486449214693],
    ['c', 'h', 0.5696073301509899],
    ['d', 'e', 0.5252768142894285],
    ['d', 'g', 0.1424438146531802],
    ['e', 'f', 0.9311973564754218],
    ['e', 'h', 0.10930828182051665],
    ['f', 'g', 0.2912120796181874],
    ['g', 'h', 0.4030898885178746],
  ];
  it("reproduces AHPy's 8×8 housing completion (12 missing pairs) to its 1e-4 tolerance", () => {
    const r = ahp(housing, { incompleteMethod: 'lambda-max' });
    for (const [p, q, v] of ahpy) {
      const x = r.filledMatrix?.[names.indexOf(p)][names.indexOf(q)] ?? Number.NaN;
      expect(Math.abs(x / v - 1)).toBeLessThan(1e-4);
    }
    expect(r.completion?.iterations).toBeGreaterThan(1);
    expect(r.completion?.converged).toBe(true);
  });

  const fixture = JSON.parse(readFileSync(new URL('../fixtures/ahp-lambda-max.json', import.meta.url), 'utf8')) as Record<
    'bozoki4' | 'housing8',
    { matrix: (number | null)[][]; filled: number[][]; lambdaMax: number; eigenvector: number[] }
  > & { random: { n: number; matrix: (number | null)[][]; filled: number[][]; lambdaMax: number; eigenvector: number[] }[] };
  const cases = [
    { name: 'the 4×4 example', ...fixture.bozoki4 },
    { name: 'the 8×8 housing matrix', ...fixture.housing8 },
    ...fixture.random.map((c) => ({ name: `random n = ${c.n}`, ...c })),
  ];
  for (const c of cases) {
    it(`${c.name}: agrees with scipy minimising λmax over the log-entries (fixtures/ahp-lambda-max.py)`, () => {
      const r = ahp(c.matrix, { incompleteMethod: 'lambda-max', scale: 'any' });
      expect(Math.abs((r.completion?.lambdaMax ?? 0) - c.lambdaMax)).toBeLessThan(1e-10);
      // never worse than scipy's optimum
      expect(r.completion?.lambdaMax ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(c.lambdaMax + 1e-12);
      c.filled.forEach((row, i) => row.forEach((x, j) => expect(Math.abs((r.filledMatrix?.[i][j] ?? 0) / x - 1)).toBeLessThan(1e-6)));
      r.weights.forEach((w, i) => expect(Math.abs(w - c.eigenvector[i])).toBeLessThan(1e-7));
    });
  }

  it('a consistent matrix with holes: the consistent values come back and CR = 0, for every priority method', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 4, maxLength: 8 }),
        methodArb,
        fc.integer({ min: 0, max: 1000 }),
        (v, method, seed) => {
          const m = consistentFrom(v) as (number | null)[][];
          const n = v.length;
          // remove pairs (i, j), j ≥ i + 2, keeping the path 0–1–…–(n−1) so the graph stays connected
          let removed = 0;
          for (let i = 0; i < n; i++)
            for (let j = i + 2; j < n; j++)
              if ((seed >> ((i + j) % 10)) & 1) {
                m[i][j] = null;
                m[j][i] = null;
                removed++;
              }
          fc.pre(removed > 0);
          const r = ahp(m, { method, incompleteMethod: 'lambda-max', scale: 'any' });
          const total = v.reduce((s, x) => s + x, 0);
          r.weights.forEach((w, i) => expect(Math.abs(w - v[i] / total)).toBeLessThan(1e-9));
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) expect(Math.abs((r.filledMatrix?.[i][j] ?? 0) / (v[i] / v[j]) - 1)).toBeLessThan(1e-9);
          expect(Math.abs(r.cr)).toBeLessThan(1e-9);
          expect(Math.abs((r.completion?.lambdaMax ?? 0) - n)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('its λmax is never above the Harker or LLSM completion, weights sum to 1, and no single entry can lower it', () => {
    fc.assert(
      fc.property(reciprocalArb, fc.integer({ min: 0, max: 1 << 20 }), (full, seed) => {
        const n = full.length;
        const m = full.map((r) => r.slice()) as (number | null)[][];
        let removed = 0;
        for (let i = 0; i < n; i++)
          for (let j = i + 2; j < n; j++)
            if ((seed >> ((i * n + j) % 20)) & 1) {
              m[i][j] = null;
              m[j][i] = null;
              removed++;
            }
        fc.pre(removed > 0);
        const r = ahp(m, { incompleteMethod: 'lambda-max' });
        const best = r.completion?.lambdaMax ?? Number.NaN;
        expect(Math.abs(r.weights.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
        expect(best).toBeLessThanOrEqual(ahp(m).lambdaMax + 1e-10);
        expect(best).toBeLessThanOrEqual(ahp(m, { method: 'geometric-mean', lambda: 'exact' }).lambdaMax + 1e-10);
        const filled = r.filledMatrix as number[][];
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j < n; j++) {
            if (m[i][j] !== null) continue;
            for (const f of [1.01, 1 / 1.01]) {
              const moved = filled.map((row) => row.slice());
              moved[i][j] *= f;
              moved[j][i] /= f;
              expect(ahp(moved, { scale: 'any', skipHelp: true }).lambdaMax).toBeGreaterThanOrEqual(best - 1e-10);
            }
          }
      }),
      { numRuns: 30 },
    );
  });

  it('serves every priority method', () => {
    for (const method of PRIORITY_METHODS) {
      const r = ahp(bozoki, { method, incompleteMethod: 'lambda-max' });
      expect(r.method).toBe(method);
      expect(r.filledMatrix?.[2][3]).toBeCloseTo(0.7302967433, 9);
    }
  });

  it('a complete matrix ignores the option', () => {
    const m = consistentFrom([3, 2, 1]);
    const r = ahp(m, { incompleteMethod: 'lambda-max', scale: 'any' });
    expect(r.incompleteMethod).toBeUndefined();
    expect(r.completion).toBeUndefined();
  });

  it('reject an unknown method for missing judgments', () => {
    const i = issues(() => ahp(bozoki, { incompleteMethod: 'nearest' as 'llsm' }));
    expect(i[0]).toMatchObject({ path: ['incompleteMethod'], allowed: 'auto, harker, llsm, lambda-max' });
  });
  it("reject Harker's method with a priority method other than the eigenvector", () => {
    const i = issues(() => ahp(bozoki, { method: 'geometric-mean', incompleteMethod: 'harker' }));
    expect(i[0].path).toEqual(['incompleteMethod']);
    expect(i[0].message).toMatch(/Harker's method gives eigenvector priorities; the method is geometric-mean/);
  });
  it('reject LLSM with a priority method other than the geometric mean', () => {
    const i = issues(() => ahp(bozoki, { method: 'eigenvector', incompleteMethod: 'llsm' }));
    expect(i[0].path).toEqual(['incompleteMethod']);
    expect(i[0].message).toMatch(/LLSM gives geometric-mean priorities; the method is eigenvector/);
  });
  it('explicit harker and llsm are the defaults of their methods', () => {
    expect(ahp(bozoki, { incompleteMethod: 'harker' }).weights).toEqual(ahp(bozoki).weights);
    const l = ahp(bozoki, { method: 'geometric-mean', incompleteMethod: 'llsm' });
    expect(l.incompleteMethod).toBe('llsm');
    expect(l.weights).toEqual(ahp(bozoki, { method: 'geometric-mean' }).weights);
  });
  it('the error for column-mean on an incomplete matrix points at lambda-max', () => {
    expect(issues(() => ahp(bozoki, { method: 'column-mean' }))[0].allowed).toMatch(/lambda-max/);
  });
});
