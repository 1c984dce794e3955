import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ahp } from '../../src/weighting/ahp.ts';
import { ahpScales, groupAhpScales, hierarchyScales, JUDGMENT_SCALES, scaleJudgment, scaleMatrix } from '../../src/weighting/ahp-scales.ts';
import { SAATY_SCALE } from '../../src/weighting/saaty-scale.ts';
import { issues } from '../support/issues.ts';

// Goepel's AHP Excel template example (BPMSG, AHPcalc 2013 and 2018 manuals): 27.9 %, 7.2 %, 64.9 %.
const template = [
  [1, 5, 1 / 3],
  [1 / 5, 1, 1 / 7],
  [3, 7, 1],
];

describe('judgment scales', () => {
  it('the standard scale reproduces the template example to its printed digits', () => {
    const r = ahpScales(template, { scales: ['standard'] });
    expect(r.scales[0].weights.map((w) => (100 * w).toFixed(1))).toEqual(['27.9', '7.2', '64.9']);
  });

  it('scale values of the literature (Ishizaka & Labib 2011; balanced: Salo & Hämäläinen 1997)', () => {
    const at = (s: (typeof JUDGMENT_SCALES)[number]) => [1, 2, 3, 5, 9].map((x) => Number(scaleJudgment(x, s).toFixed(4)));
    expect(at('standard')).toEqual([1, 2, 3, 5, 9]);
    expect(at('logarithmic')).toEqual([1, 1.585, 2, 2.585, 3.3219]);
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the scale values as printed, to 4 decimals
    expect(at('root-square')).toEqual([1, 1.4142, 1.7321, 2.2361, 3]);
    expect(at('inverse-linear')).toEqual([1, 1.125, 1.2857, 1.8, 9]);
    expect(at('balanced')).toEqual([1, 1.2222, 1.5, 2.3333, 9]);
    expect(at('power')).toEqual([1, 4, 9, 25, 81]);
    expect(at('geometric')).toEqual([1, 2, 4, 16, 256]);
  });

  it('property: transforms keep reciprocity and the order of judgments', () => {
    const judgment = fc.double({ min: 1 / 9, max: 9, noNaN: true });
    fc.assert(
      fc.property(judgment, judgment, fc.constantFrom(...JUDGMENT_SCALES), (a, b, s) => {
        expect(scaleJudgment(a, s) * scaleJudgment(1 / a, s)).toBeCloseTo(1, 12);
        if (a < b) expect(scaleJudgment(a, s)).toBeLessThanOrEqual(scaleJudgment(b, s));
        if (Math.abs(a - 1) < 1e-15) expect(scaleJudgment(a, s)).toBe(1);
      }),
    );
    for (const s of JUDGMENT_SCALES) {
      const v = SAATY_SCALE.map((x) => scaleJudgment(x, s));
      for (let k = 1; k < v.length; k++) expect(v[k]).toBeGreaterThan(v[k - 1]);
    }
  });

  it('a transformed matrix stays reciprocal with diagonal 1, and ahp accepts it', () => {
    for (const s of JUDGMENT_SCALES) {
      const m = scaleMatrix(template, s) as number[][];
      m.forEach((row, i) => {
        expect(row[i]).toBe(1);
        row.forEach((v, j) => {
          expect(v * m[j][i]).toBeCloseTo(1, 12);
        });
      });
      expect(ahp(m, { scale: 'any' }).weights).toHaveLength(3);
    }
  });

  it('weights and CR per scale; the ranking of the template holds on every scale', () => {
    const r = ahpScales(template);
    expect(r.scales.map((s) => s.scale)).toEqual([...JUDGMENT_SCALES]);
    expect(r.rankingChanges).toBe(false);
    const power = r.scales.find((s) => s.scale === 'power');
    const root = r.scales.find((s) => s.scale === 'root-square');
    // a steeper scale spreads the weights further
    expect(power?.weights[2]).toBeGreaterThan(r.scales[0].weights[2]);
    expect(root?.weights[2]).toBeLessThan(r.scales[0].weights[2]);
  });

  it('a ranking that depends on the scale is flagged', () => {
    // element 0 wins one comparison strongly, element 1 wins two mildly
    const m = [
      [1, 1 / 2, 9, 1 / 2],
      [2, 1, 2, 2],
      [1 / 9, 1 / 2, 1, 1],
      [2, 1 / 2, 1, 1],
    ];
    const r = ahpScales(m);
    const std = r.scales[0].ranks.join();
    const changed = r.scales.filter((s) => s.ranks.join() !== std).map((s) => s.scale);
    expect(r.scalesChangingRanking).toEqual(changed);
    expect(r.rankingChanges).toBe(changed.length > 0);
  });

  it('group and tree variants', () => {
    const g = groupAhpScales([{ matrix: template }, { matrix: template }], { scales: ['standard', 'power'] });
    expect(g.scales[0].weights[2]).toBeCloseTo(ahp(template).weights[2], 12);
    expect(Object.keys(g.expertWeights)).toEqual(['standard', 'power']);
    const tree = {
      code: 'G',
      name: 'g',
      matrix: [
        [1, 3],
        [1 / 3, 1],
      ],
      children: [
        { code: 'A', name: 'a', matrix: template, children: ['A1', 'A2', 'A3'].map((c) => ({ code: c, name: c })) },
        { code: 'B', name: 'b' },
      ],
    };
    const h = hierarchyScales(tree, { scales: ['standard', 'power'] });
    expect(h.codes).toEqual(['A1', 'A2', 'A3', 'B']);
    expect(h.scales[0].weights[3]).toBeCloseTo(0.25, 12);
    expect(h.scales[1].weights[3]).toBeCloseTo(0.1, 12);
    expect(h.scales[0].weights[2]).toBeCloseTo(0.75 * ahp(template).weights[2], 12);
    expect(Object.keys(h.scales[0].nodeCr)).toEqual(['G', 'A']);
  });

  it("errors: unknown scale, empty list, judgments off Saaty's scale", () => {
    expect(issues(() => ahpScales(template, { scales: ['standard', 'cubic'] }))[0]).toMatchObject({ path: ['scales', 1] });
    expect(issues(() => ahpScales(template, { scales: [] }))[0].path).toEqual(['scales']);
    expect(issues(() => scaleJudgment(12, 'power'))[0].message).toMatch(/outside Saaty's scale/);
    expect(issues(() => scaleJudgment(3, 'cubic' as never))[0].path).toEqual(['scale']);
    expect(
      issues(() =>
        scaleMatrix(
          [
            [1, 12],
            [1 / 12, 1],
          ],
          'power',
        ),
      )[0].path,
    ).toEqual([0, 1]);
  });
});
