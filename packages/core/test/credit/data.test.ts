import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditDatasetFromRows, subsetCreditDataset } from '../../src/credit/dataset.ts';
import { generateLoanHistory } from '../../src/credit/generator.ts';
import { checkDaysOverdueCutoffs, daysOverdueClass, daysOverdueLabeller } from '../../src/credit/labelling.ts';
import { ValidationError } from '../../src/errors.ts';

const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('no error');
};

describe('creditDatasetFromRows', () => {
  const header = ['grade', 'roe', 'class'];
  it('infers kinds, codes categories, keeps missing cells as −1 / NaN', () => {
    const ds = creditDatasetFromRows(
      header,
      [
        ['A', '1.5', 'good'],
        ['B', '', 'bad'],
        [null, 3, 'good'],
      ],
      { target: 'class' },
    );
    expect(ds.attributes).toEqual([
      { name: 'grade', kind: 'categorical', values: ['A', 'B'] },
      { name: 'roe', kind: 'numeric', values: [] },
    ]);
    expect(Array.from(ds.columns[0])).toEqual([0, 1, -1]);
    expect(Number.isNaN(ds.columns[1][1])).toBe(true);
    expect(ds.classes).toEqual(['good', 'bad']);
    expect(Array.from(ds.labels)).toEqual([0, 1, 0]);
  });
  it('honours declared kinds', () => {
    const ds = creditDatasetFromRows(
      header,
      [
        ['1', '1', 'x'],
        ['2', '2', 'y'],
      ],
      { target: 'class', kinds: { grade: 'categorical' } },
    );
    expect(ds.attributes[0].kind).toBe('categorical');
  });
  it('names the missing target column and lists the columns', () => {
    const [i] = issuesOf(() => creditDatasetFromRows(header, [['A', 1, 'x']], { target: 'risk' }));
    expect(i.message).toMatch(/no target column "risk"/);
    expect(i.allowed).toBe('one of the columns: grade, roe, class');
  });
  it('rejects a single class', () => {
    const [i] = issuesOf(() =>
      creditDatasetFromRows(
        header,
        [
          ['A', 1, 'x'],
          ['B', 2, 'x'],
        ],
        { target: 'class' },
      ),
    );
    expect(i.message).toMatch(/only one class occurs \(x\)/);
  });
  it('reports a non-number in a declared numeric column and a missing class at [row, column]', () => {
    const issues = issuesOf(() =>
      creditDatasetFromRows(
        header,
        [
          ['A', 'abc', 'x'],
          ['B', 2, ''],
        ],
        { target: 'class', kinds: { roe: 'numeric' } },
      ),
    );
    expect(issues.map((i) => i.path)).toEqual([
      [1, 2],
      [0, 1],
    ]);
    expect(issues[1].message).toMatch(/"abc" is not a number/);
    expect(issues[0].message).toMatch(/class \(target\) is missing/);
  });
  it('rejects an unknown class when the classes are given', () => {
    const [i] = issuesOf(() =>
      creditDatasetFromRows(
        header,
        [
          ['A', 1, 'x'],
          ['B', 2, 'z'],
        ],
        { target: 'class', classes: ['x', 'y'] },
      ),
    );
    expect(i.path).toEqual([1, 2]);
    expect(i.allowed).toBe('x, y');
  });
  it('subsets rows', () => {
    const ds = creditDatasetFromRows(
      header,
      [
        ['A', 1, 'x'],
        ['B', 2, 'y'],
        ['A', 3, 'y'],
      ],
      { target: 'class' },
    );
    const s = subsetCreditDataset(ds, [2, 0]);
    expect(Array.from(s.columns[1])).toEqual([3, 1]);
    expect(Array.from(s.labels)).toEqual([1, 0]);
  });
});

describe('days-overdue labelling ([002 §3], SPEC §5.1)', () => {
  it('uses > 90 high, 60–90 medium, 30–59 lower, < 30 low by default', () => {
    const f = daysOverdueLabeller();
    expect([0, 29, 30, 59, 60, 90, 91, 400].map((d) => f(d))).toEqual([
      'low risk',
      'low risk',
      'lower risk',
      'lower risk',
      'medium risk',
      'medium risk',
      'high risk',
      'high risk',
    ]);
    expect(f('')).toEqual({ error: expect.stringMatching(/missing/) });
    expect(f('late')).toEqual({ error: expect.stringMatching(/"late" is not a number/) });
    expect(f(-3)).toEqual({ error: expect.stringMatching(/negative/) });
  });
  it('validates ordered cut-offs', () => {
    expect(issuesOf(() => checkDaysOverdueCutoffs({ lower: 60, medium: 30, high: 90 }))[0].path).toEqual(['medium']);
    expect(issuesOf(() => checkDaysOverdueCutoffs({ lower: 30, medium: 95, high: 90 }))[0].path).toEqual(['high']);
    expect(issuesOf(() => checkDaysOverdueCutoffs({ lower: -1, medium: 60, high: 90 }))[0].path).toEqual(['lower']);
  });
  it('is monotone in the days (property)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        return daysOverdueClass(x) >= daysOverdueClass(y);
      }),
    );
  });
});

describe('generateLoanHistory', () => {
  it('is deterministic for a seed and has the 22 attributes of [002 §3]', () => {
    const a = generateLoanHistory({ rows: 500, seed: 3 });
    const b = generateLoanHistory({ rows: 500, seed: 3 });
    expect(a.dataset.attributes).toHaveLength(22);
    expect(Array.from(a.daysOverdue)).toEqual(Array.from(b.daysOverdue));
    expect(Array.from(generateLoanHistory({ rows: 500, seed: 4 }).daysOverdue)).not.toEqual(Array.from(a.daysOverdue));
  });
  it('makes defaults depend on the attributes the way an analyst expects', () => {
    const h = generateLoanHistory({ rows: 20000, seed: 11 });
    const ds = h.dataset;
    const highShare = (attr: string, value: string) => {
      const j = ds.attributes.findIndex((a) => a.name === attr);
      const code = ds.attributes[j].values.indexOf(value);
      let n = 0;
      let high = 0;
      for (let r = 0; r < ds.rows; r++)
        if (ds.columns[j][r] === code) {
          n++;
          if (ds.labels[r] === 0) high++;
        }
      return high / n;
    };
    expect(highShare('core grade', 'B')).toBeGreaterThan(3 * highShare('core grade', 'AAA'));
    expect(highShare('solvency', 'weak')).toBeGreaterThan(2 * highShare('solvency', 'strong'));
    expect(highShare('management integrity', 'poor')).toBeGreaterThan(highShare('management integrity', 'good'));
    const s = h.diagnostics.classShares;
    expect(s['high risk']).toBeGreaterThan(0.04);
    expect(s['low risk']).toBeGreaterThan(0.6);
  });
  it('ranks the attributes by root information gain as [002 §3] does at both ends', async () => {
    const { trainTree } = await import('../../src/credit/tree.ts');
    const ds = generateLoanHistory({ rows: 20000, seed: 11 }).dataset;
    const gains = trainTree(ds, { algorithm: 'id3', maxDepth: 0 }).rootGains.sort((a, b) => b.gain - a.gain);
    // [002 §3]: core grade has the largest gain (0.1459); management years, asset turnover, return on
    // equity and asset growth the smallest (0.0021–0.0203)
    expect(gains.slice(0, 3).map((g) => g.attribute)).toEqual(expect.arrayContaining(['core grade', 'solvency']));
    expect(
      gains
        .slice(-4)
        .map((g) => g.attribute)
        .sort(),
    ).toEqual(['asset growth', 'asset turnover', 'management years', 'return on equity']);
  });
  it('validates its options', () => {
    expect(issuesOf(() => generateLoanHistory({ rows: 0, seed: 1 }))[0].path).toEqual(['rows']);
    expect(issuesOf(() => generateLoanHistory({ rows: 10, seed: 1.5 }))[0].path).toEqual(['seed']);
  });
});
