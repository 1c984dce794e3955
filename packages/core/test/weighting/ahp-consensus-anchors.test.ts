/**
 * The anchors of Goepel's consensus scale that his publications state, checked on core's S*.
 * No publication within reach prints k experts' priorities together with the S* they give (the
 * 2013 ISAHP paper, the 2018 IJAHP paper, the BPMSG posts and the AHP-OS source were searched), so
 * these are the printed facts the correction rests on:
 *
 * - Goepel 2018 (IJAHP 10(3)), eq. 41: one criterion judged x times more important than each of the
 *   n − 1 others gets w = x/(x + n − 1) — "for four criteria … 9/12 or 75 %". With x = M this is the
 *   vector of least entropy H_α,min the correction uses (BPMSG, "AHP consensus indicator", eq. 1.6).
 * - BPMSG eq. 1.7 → 1.8: k experts can favour complementing criteria so that the consolidated
 *   weights are all equal, H_γ,max = ln n. Then H_α = H_α,min, H_γ = H_γ,max and S* = 0: no consensus.
 * - Goepel 2018 §4.2: "if we have two opposite judgments for two criteria (x and 1/x), an
 *   aggregation will result in equal weights … In fact, there is no consensus": at x = M, S* = 0
 *   on every judgment scale when M is that scale's value of 9 (AHP-OS's scale maxima).
 *
 * The 2018 wording is quoted from a public extraction of the article (its PDF in bpmsg/ahp-os is not
 * readable here); the BPMSG equations from bpmsg.com/tag/diversity.
 */
import { describe, expect, it } from 'vitest';
import { ahp } from '../../src/weighting/ahp.ts';
import { ahpConsensus, groupAhpConsensus } from '../../src/weighting/ahp-consensus.ts';
import { JUDGMENT_SCALES, SCALE_MAX, scaleJudgment } from '../../src/weighting/ahp-scales.ts';

/** n × n matrix: element `top` judged `x` times more important than each other one, the others equal. */
function dominant(n: number, top: number, x: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : i === top ? x : j === top ? 1 / x : 1)));
}

describe("Goepel's published anchors of S*", () => {
  it('eq. 41: one criterion 9 times more important than the 3 others weighs 9/12 = 75 %', () => {
    const w = ahp(dominant(4, 0, 9)).weights;
    expect(w[0]).toBeCloseTo(0.75, 12);
    for (const x of w.slice(1)) expect(x).toBeCloseTo(1 / 12, 12);
  });

  it('n experts each favouring a different criterion that way: equal group weights, S* = 0 (the bottom of the scale)', () => {
    for (const n of [2, 3, 4, 7]) {
      const experts = Array.from({ length: n }, (_, k) => ({ id: `E${k + 1}`, matrix: dominant(n, k, 9) }));
      const r = groupAhpConsensus(experts);
      expect(r.consensus).toBeCloseTo(0, 12);
      expect(r.alphaEntropy).toBeCloseTo(r.alphaEntropyMin, 12);
      expect(r.gammaEntropy).toBeCloseTo(Math.log(n), 12);
      for (const x of r.aij.weights) expect(x).toBeCloseTo(1 / n, 12);
      expect(r.band).toBe('low');
      // the uncorrected relative homogeneity stays above 0: the correction is what maps this case to 0
      expect(r.homogeneity).toBeGreaterThan(0);
    }
  });

  it('§4.2: two opposite judgments x and 1/x aggregate to equal weights, yet at x = 9 there is no consensus', () => {
    const r = groupAhpConsensus([
      { id: 'A', matrix: dominant(2, 0, 9) },
      { id: 'B', matrix: dominant(2, 1, 9) },
    ]);
    expect(r.aij.weights[0]).toBeCloseTo(0.5, 12);
    expect(r.aip.weights[0]).toBeCloseTo(0.5, 12);
    expect(r.consensus).toBeCloseTo(0, 12);
    // milder opposite judgments (5 and 1/5) are some way from no consensus, still below full
    const mild = groupAhpConsensus([{ matrix: dominant(2, 0, 5) }, { matrix: dominant(2, 1, 5) }]).consensus;
    expect(mild).toBeGreaterThan(0.1);
    expect(mild).toBeLessThan(1);
  });

  it('on every judgment scale, the opposite extremes give S* = 0 when M is the scale’s value of 9', () => {
    for (const scale of JUDGMENT_SCALES) {
      const top = scaleJudgment(9, scale);
      expect(top).toBeCloseTo(SCALE_MAX[scale], 12);
      const vectors = [0, 1, 2].map((k) => ahp(dominant(3, k, top), { scale: 'any' }).weights);
      const r = ahpConsensus(vectors, { scaleMax: SCALE_MAX[scale] });
      expect(r.consensus, scale).toBeCloseTo(0, 12);
    }
  });
});
