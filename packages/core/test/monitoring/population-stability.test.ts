import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { populationStabilityIndex, psiFromCounts, psiVerdict, quantileCutPoints } from '../../src/monitoring/population-stability.ts';
import { createRng } from '../../src/numeric/random.ts';
import { issues } from '../support/issues.ts';

describe('population stability index', () => {
  it('reproduces the GeeksforGeeks income example (0.40/0.30/0.30 against 0.35/0.25/0.40)', () => {
    const r = psiFromCounts([40, 30, 30], [35, 25, 40], { labels: ['low', 'medium', 'high'] });
    expect(r.bins.map((b) => Number(b.contribution.toFixed(5)))).toEqual([0.00668, 0.00912, 0.02877]);
    expect(r.psi).toBeCloseTo(0.04456, 5);
    expect(r.verdict).toBe('stable');
  });
  it('verdicts at the customary thresholds, both sides', () => {
    expect(psiVerdict(0.0999)).toBe('stable');
    expect(psiVerdict(0.1)).toBe('minor-shift');
    expect(psiVerdict(0.2499)).toBe('minor-shift');
    expect(psiVerdict(0.25)).toBe('major-shift');
  });
  it('bins from the training quantiles: deciles of 1..100', () => {
    const training = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileCutPoints(training, 10)).toEqual([11, 21, 31, 41, 51, 61, 71, 81, 91]);
    const same = populationStabilityIndex(training, training);
    expect(same.psi).toBe(0);
    expect(same.bins.every((b) => b.expectedCount === 10)).toBe(true);
    // Everyone moved to the top decile and beyond.
    const shifted = populationStabilityIndex(
      training,
      Array.from({ length: 50 }, (_, i) => 95 + i),
    );
    expect(shifted.verdict).toBe('major-shift');
    expect(shifted.bins[9]).toMatchObject({ lower: 91, upper: Infinity, actualCount: 50 });
  });
  it('empty bins take epsilon and are flagged; the value is finite', () => {
    const r = psiFromCounts([50, 50, 0], [50, 40, 10]);
    expect(r.bins[2]).toMatchObject({ adjusted: true, expectedShare: 1e-4 });
    expect(r.psi).toBeCloseTo(0.1 * 0 + (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.1 - 1e-4) * Math.log(0.1 / 1e-4), 12);
    expect(Number.isFinite(r.psi)).toBe(true);
  });
  it('tied training values never straddle a bin', () => {
    expect(quantileCutPoints([1, 1, 1, 1, 1, 1, 2, 3], 4)).toEqual([2]); // the quartile cuts x(2) = x(4) = 1 coincide with the minimum and are dropped
    expect(issues(() => populationStabilityIndex([5, 5, 5], [1]))[0].message).toMatch(/same/);
  });
  it('rejects bad input with paths', () => {
    expect(issues(() => psiFromCounts([1, 2], [1]))[0].path).toEqual(['actual']);
    expect(issues(() => populationStabilityIndex([1, Number.NaN], []))[0].path).toEqual(['training', 1]);
  });
  it('property: PSI ≥ 0, zero for identical samples, symmetric for counts without empty bins', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: 1e6 }),
        (counts, seed) => {
          const rng = createRng(seed);
          const other = counts.map(() => 1 + Math.floor(rng.next() * 1000));
          const r = psiFromCounts(counts, other);
          expect(r.psi).toBeGreaterThanOrEqual(0);
          expect(psiFromCounts(counts, counts).psi).toBe(0);
          expect(psiFromCounts(other, counts).psi).toBeCloseTo(r.psi, 12);
        },
      ),
    );
  });
});
