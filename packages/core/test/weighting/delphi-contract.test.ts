/**
 * Delphi (issue 13 items 9–10, issue 17 item 6): any integer scale 1–K (implied by fullScore or
 * named), distinct indicator codes, and [004]'s thresholds met at equality.
 */
import { describe, expect, it } from 'vitest';
import { delphiRound, delphiScaleValues, meetsThreshold } from '../../src/weighting/delphi.ts';
import { issues } from '../support/issues.ts';

// Hand-checked 1–7 round: three experts, three indicators.
//   column 1: 7, 7, 6 → M = 20/3, K = 2/3, S = √(1/3) = 0.57735, CV = 0.086603
//   column 2: 6, 5, 7 → M = 6,    K = 1/3, S = 1,                CV = 1/6
//   column 3: 2, 3, 2 → M = 7/3,  K = 0,   S = 0.57735,          CV = 0.247436
// thresholds (sample sd over the columns): mean 5 − 7/3 = 8/3, full 1/3 − 1/3 = 0, CV 0.247319.
const seven = [
  [7, 6, 2],
  [7, 5, 3],
  [6, 7, 2],
];

describe('Delphi scales', () => {
  it('fullScore 7 implies the scale 1–7 and reproduces the hand-checked statistics', () => {
    const r = delphiRound(seven, { fullScore: 7 });
    expect(r.scale).toBe('1-7');
    expect(r.fullScore).toBe(7);
    const [a, b, c] = r.indicators;
    expect(a.mean).toBeCloseTo(20 / 3, 14);
    expect(a.fullScoreFrequency).toBeCloseTo(2 / 3, 14);
    expect(a.sd).toBeCloseTo(Math.sqrt(1 / 3), 14);
    expect(b).toMatchObject({ mean: 6, sd: 1 });
    expect(b.cv).toBeCloseTo(1 / 6, 14);
    expect(c.cv).toBeCloseTo(0.247436, 6);
    expect(r.thresholds.mean).toBeCloseTo(8 / 3, 14);
    expect(r.thresholds.fullScoreFrequency).toBeCloseTo(0, 14);
    expect(r.thresholds.cv).toBeCloseTo(0.247319, 6);
    // column 3 fails the mean and the CV, and meets the full-score threshold exactly (0 = 0): discuss
    expect(c.passes).toEqual({ mean: false, fullScoreFrequency: true, cv: false });
    expect(c.decision).toBe('discuss');
    expect(a.decision).toBe('keep');
  });

  it('takes any named scale 1–K (1–6, 1–9) and refuses scores off it with what is allowed', () => {
    expect(delphiScaleValues('1-6')?.values).toEqual([1, 2, 3, 4, 5, 6]);
    expect(delphiScaleValues('1-3-5')?.values).toEqual([1, 3, 5]);
    expect(delphiScaleValues('2-5')).toBeUndefined();
    expect(delphiScaleValues('1-1')).toBeUndefined();
    const r = delphiRound(
      [
        [9, 8, 1],
        [9, 9, 2],
      ],
      { scale: '1-9' },
    );
    expect(r.fullScore).toBe(9);
    expect(r.indicators[0].fullScoreFrequency).toBe(1);
    const bad = issues(() => delphiRound(seven, { scale: '1-6' }));
    expect(bad.map((i) => i.path)).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
    ]);
    expect(bad[0].allowed).toBe('1, 2, 3, 4, 5, 6');
    expect(issues(() => delphiRound(seven, { scale: '2-7' as never }))[0]).toMatchObject({ path: ['scale'] });
  });

  it('a fullScore that is not a whole number from 2 implies no scale', () => {
    const bad = issues(() => delphiRound(seven, { fullScore: 7.5 }));
    expect(bad[0].path).toEqual(['fullScore']);
    expect(bad[0].allowed).toMatch(/whole number/);
  });

  it('[004]’s default 1-3-5 still refuses a 2', () => {
    expect(
      issues(() =>
        delphiRound([
          [5, 2],
          [3, 3],
        ]),
      )[0],
    ).toMatchObject({ path: [0, 1], allowed: '1, 3, 5' });
  });
});

describe('Delphi contradictions', () => {
  it('refuses duplicate indicator codes, naming the second column', () => {
    const bad = issues(() =>
      delphiRound(
        [
          [5, 3, 5],
          [5, 5, 1],
        ],
        { indicators: ['B1', 'B2', 'B1'] },
      ),
    );
    expect(bad).toHaveLength(1);
    expect(bad[0].path).toEqual(['indicators', 2]);
    expect(bad[0].message).toMatch(/B1 appears twice \(columns 0 and 2\)/);
    expect(bad[0].allowed).toBe('one distinct code per column');
  });
});

describe('Delphi thresholds: a value at the threshold meets it', () => {
  it('meetsThreshold on both sides of the boundary', () => {
    expect(meetsThreshold(3, 3, 'at-least')).toBe(true);
    expect(meetsThreshold(3.000001, 3, 'at-least')).toBe(true);
    expect(meetsThreshold(2.999999, 3, 'at-least')).toBe(false);
    expect(meetsThreshold(0.2, 0.2, 'at-most')).toBe(true);
    expect(meetsThreshold(0.199999, 0.2, 'at-most')).toBe(true);
    expect(meetsThreshold(0.200001, 0.2, 'at-most')).toBe(false);
    // rounding in a mean (0.1 + 0.2 vs 0.3) is not a difference
    expect(meetsThreshold(0.1 + 0.2, 0.3, 'at-most')).toBe(true);
    expect(meetsThreshold(0.3, 0.1 + 0.2, 'at-least')).toBe(true);
  });

  it('every indicator with the same statistics is kept, not deleted', () => {
    const r = delphiRound([
      [5, 5, 5, 5],
      [3, 3, 3, 3],
      [5, 5, 5, 5],
    ]);
    expect(r.thresholds.mean).toBeCloseTo(13 / 3, 14);
    expect(r.counts).toEqual({ keep: 4, discuss: 0, delete: 0 });
  });

  it('an indicator just below the others still fails', () => {
    // the fourth indicator loses one full score: mean, full-score frequency and CV all worse
    const r = delphiRound([
      [5, 5, 5, 3],
      [3, 3, 3, 3],
      [5, 5, 5, 5],
    ]);
    expect(r.indicators.slice(0, 3).map((i) => i.decision)).toEqual(['keep', 'keep', 'keep']);
    expect(r.indicators[3].failed).toBe(3);
    expect(r.indicators[3].decision).toBe('delete');
  });
});
