import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, sd } from '../../src/numeric/stats.ts';
import { authorityCoefficient, delphiRound, delphiWeights } from '../../src/weighting/delphi.ts';
import {
  closeRound,
  createDelphiStudy,
  openRound,
  recordResponse,
  roundFeedback,
  roundStatistics,
} from '../../src/weighting/delphi-study.ts';
import { issues } from '../support/issues.ts';

/**
 * An 83-indicator round on [004]'s 5/3/1 scale with three experts, shaped like its outcome:
 * 53 indicators the panel finds important, 25 it does not, 5 it rates uniformly "moderately important".
 */
function round83(): number[][] {
  const keep = [
    [5, 5, 5],
    [5, 5, 3],
    [5, 3, 5],
    [3, 5, 5],
  ];
  const drop = [
    [1, 1, 3],
    [1, 3, 1],
    [3, 1, 1],
  ];
  const cols = [
    ...Array.from({ length: 53 }, (_, k) => keep[k % 4]),
    ...Array.from({ length: 25 }, (_, k) => drop[k % 3]),
    ...Array.from({ length: 5 }, () => [3, 3, 3]),
  ];
  return [0, 1, 2].map((e) => cols.map((c) => c[e]));
}

describe('Delphi screening ([004])', () => {
  it('replays the screening rule on an 83-indicator round: fail all three → delete, one or two → discuss, none → keep', () => {
    const r = delphiRound(round83());
    expect(r.indicators).toHaveLength(83);
    for (const ind of r.indicators) {
      expect(ind.decision).toBe(ind.failed === 3 ? 'delete' : ind.failed === 0 ? 'keep' : 'discuss');
      expect(ind.passes.mean).toBe(ind.mean > r.thresholds.mean);
      expect(ind.passes.fullScoreFrequency).toBe(ind.fullScoreFrequency > r.thresholds.fullScoreFrequency);
      expect(ind.passes.cv).toBe(ind.cv < r.thresholds.cv);
    }
    expect(r.counts).toEqual({ keep: 53, discuss: 5, delete: 25 });
    // the five uniform "3" indicators fail only the full-score frequency (mean 3 is above the threshold, CV = 0)
    expect(r.indicators[80]).toMatchObject({ mean: 3, fullScoreFrequency: 0, cv: 0, failed: 1, decision: 'discuss' });
    expect(r).toMatchObject({ scale: '1-3-5', fullScore: 5, sdKind: 'sample', experts: 3 });
  });

  it('computes the thresholds as mean ∓ sd over the indicators (sample sd by default)', () => {
    const scores = round83();
    const r = delphiRound(scores);
    const means = r.indicators.map((i) => i.mean);
    expect(r.thresholds.mean).toBeCloseTo(mean(means) - sd(means, 'sample'), 14);
    const pop = delphiRound(scores, { sd: 'population' });
    expect(pop.sdKind).toBe('population');
    expect(pop.indicators[1].sd).toBeCloseTo(
      sd(
        [5, 5, 5].map((_, e) => scores[e][1]),
        'population',
      ),
      14,
    );
  });

  it("reports Kendall's W of the panel with χ² and p", () => {
    const r = delphiRound(round83());
    expect(r.df).toBe(82);
    expect(r.kendallW).toBeGreaterThan(0.5);
    expect(r.chiSquare).toBeCloseTo(3 * 82 * r.kendallW, 10);
    expect(r.p).toBeLessThan(0.001);
  });

  it('works on 1–5 and 1–10 scales with their top score', () => {
    const r = delphiRound(
      [
        [10, 7, 1],
        [9, 10, 2],
      ],
      { scale: '1-10' },
    );
    expect(r.indicators[1].fullScoreFrequency).toBe(0.5);
    expect(r.fullScore).toBe(10);
  });

  it('never returns NaN: properties over random rounds', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((m) => fc.array(fc.array(fc.constantFrom(1, 3, 5), { minLength: m, maxLength: m }), { minLength: 2, maxLength: 12 })),
        (byIndicator) => {
          const scores = byIndicator[0].map((_, e) => byIndicator.map((col) => col[e]));
          const r = delphiRound(scores);
          for (const i of r.indicators) for (const x of [i.mean, i.sd, i.cv, i.fullScoreFrequency]) expect(Number.isFinite(x)).toBe(true);
          expect(r.counts.keep + r.counts.discuss + r.counts.delete).toBe(byIndicator.length);
        },
      ),
    );
  });

  it('validation names the expert row and indicator column', () => {
    expect(
      issues(() =>
        delphiRound([
          [5, 4],
          [5, 5],
        ]),
      )[0],
    ).toMatchObject({ path: [0, 1], message: 'score 4 is not on the 1-3-5 scale', allowed: '1, 3, 5' });
    expect(issues(() => delphiRound([[5, 3]]))[0].message).toMatch(/at least 2/);
    expect(issues(() => delphiRound([[5, 3], [5]]))[0]).toMatchObject({ path: [1] });
    expect(
      issues(() =>
        delphiRound(
          [
            [5, 3],
            [5, 3],
          ],
          { scale: '2-7' as never },
        ),
      )[0],
    ).toMatchObject({ path: ['scale'] });
    expect(
      issues(() =>
        delphiRound(
          [
            [5, 3],
            [5, 3],
          ],
          { indicators: ['a'] },
        ),
      )[0],
    ).toMatchObject({ path: ['indicators'] });
  });
});

describe('authority coefficient and Delphi weights', () => {
  it('Cr = (Ca + Cs)/2 per expert and on average', () => {
    const r = authorityCoefficient([
      { id: 'a', ca: 0.9, cs: 0.7 },
      { id: 'b', ca: 0.8, cs: 0.6 },
    ]);
    expect(r.experts.map((e) => e.cr)).toEqual([0.8, 0.7]);
    expect(r.mean).toBeCloseTo(0.75, 15);
    expect(issues(() => authorityCoefficient([{ ca: 1.2, cs: 0.5 }]))[0]).toMatchObject({ path: [0, 'ca'] });
  });
  it('averages direct estimates and normalises', () => {
    const r = delphiWeights([
      [0.5, 0.3, 0.2],
      [0.3, 0.3, 0.4],
    ]);
    expect(r.weights.map((w) => Number(w.toFixed(12)))).toEqual([0.4, 0.3, 0.3]);
    expect(issues(() => delphiWeights([[0.5, -1]]))[0]).toMatchObject({ path: [0, 1] });
  });
});

describe('Delphi workflow', () => {
  const panel = [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }];
  const items = [
    { code: 'A1', name: 'one' },
    { code: 'A2', name: 'two' },
  ];
  it('keeps every round; a closed round and a given answer are never overwritten', () => {
    let s = openRound(createDelphiStudy(panel, items));
    s = recordResponse(s, 'e1', { A1: 5, A2: 1 });
    s = recordResponse(s, 'e2', { A1: 5, A2: 3 });
    expect(issues(() => recordResponse(s, 'e1', { A1: 1, A2: 1 }))[0].message).toMatch(
      /already answered round 1; answers are never overwritten/,
    );
    const before = JSON.stringify(s);
    s = closeRound(s);
    expect(issues(() => recordResponse(s, 'e3', { A1: 5, A2: 5 }))[0].message).toMatch(/round 1 is closed/);
    expect(roundFeedback(s)).toEqual({
      round: 1,
      indicators: [expect.objectContaining({ indicator: 'A1', mean: 5 }), expect.objectContaining({ indicator: 'A2', mean: 2 })],
    });
    s = openRound(s);
    s = recordResponse(s, 'e1', { A1: 5, A2: 3 });
    s = recordResponse(s, 'e3', { A1: 3, A2: 3 });
    s = closeRound(s);
    expect(s.rounds).toHaveLength(2);
    expect(s.rounds[0].responses.e1).toEqual({ A1: 5, A2: 1 });
    expect(JSON.parse(before).rounds[0].responses.e2).toEqual({ A1: 5, A2: 3 });
    expect(roundStatistics(s, 2).indicators[0].mean).toBe(4);
  });
  it('builds its questionnaire from a hierarchy and validates answers', () => {
    const tree = {
      code: 'A',
      name: 'a',
      children: [
        { code: 'A1', name: 'x' },
        { code: 'A2', name: 'y' },
        { code: 'A3', name: 'z' },
      ],
    };
    const s = openRound(createDelphiStudy(panel, tree));
    expect(s.questionnaire.map((q) => q.code)).toEqual(['A1', 'A2', 'A3']);
    expect(issues(() => recordResponse(s, 'e1', { A1: 5, A2: 3 }))[0]).toMatchObject({ path: ['scores', 'A3'] });
    expect(issues(() => recordResponse(s, 'e1', { A1: 5, A2: 3, A3: 2 }))[0].message).toMatch(/score 2 for A3 is not on the 1-3-5 scale/);
    expect(issues(() => recordResponse(s, 'zz', { A1: 5, A2: 3, A3: 3 }))[0].message).toMatch(/"zz" is not on the panel/);
    expect(issues(() => openRound(s))[0].message).toMatch(/round 1 is still open/);
  });
});
