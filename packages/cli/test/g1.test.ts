import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('scf-risk g1 (SPEC §10)', () => {
  it('weights in order’s order and in the original indicator order; verbal ratios', async () => {
    const r = await runCli(
      ['g1', '-', '--format', 'json'],
      JSON.stringify({ order: ['x3', 'x1', 'x2', 'x4'], ratios: [1.2, 'clearly', 1.0], indicators: ['x1', 'x2', 'x3', 'x4'] }),
    );
    expect(r.code).toBe(0);
    const out = r.json();
    // w4 = 1/(1 + 1.2·1.4·1 + 1.4·1 + 1) = 1/5.08
    expect(out.weights[3]).toBeCloseTo(1 / 5.08, 15);
    expect(out.weights[0]).toBeCloseTo(1.68 / 5.08, 15);
    expect(out.indicatorWeights).toEqual([out.weights[1], out.weights[2], out.weights[0], out.weights[3]]);
    expect(out.ratios).toEqual([1.2, 1.4, 1]);
  });

  it('group G1 with different orders per expert', async () => {
    const r = await runCli(
      ['g1', '-', '--format', 'json'],
      JSON.stringify({
        experts: [
          { id: 'E1', order: ['a', 'b'], ratios: [1.4] },
          { id: 'E2', order: ['b', 'a'], ratios: ['slightly'] },
        ],
      }),
    );
    expect(r.code).toBe(0);
    expect(r.json().indicators).toEqual(['a', 'b']);
    expect(r.json().weights[0]).toBeCloseTo((1.4 / 2.4 + 1 / 2.2) / 2, 15);
    const table = await runCli(['g1', '-', '--format', 'table'], JSON.stringify({ order: ['a', 'b'], ratios: [1.4] }));
    expect(table.stdout).toMatch(/G1 weights/);
    const byIndicator = await runCli(
      ['g1', '-', '--format', 'table'],
      JSON.stringify({ order: ['b', 'a'], ratios: [1.4], indicators: ['a', 'b'] }),
    );
    expect(byIndicator.stdout).toMatch(/G1 weights in the indicator order/);
  });

  it('exit 2 naming the field and index', async () => {
    const cases: [unknown, RegExp][] = [
      [{ order: ['a', 'b'], ratios: [0.5] }, /ratios\[0\]: r2 = 0.5 is below 1/],
      [{ order: ['a', 'b', 'c'], ratios: [1.2] }, /ratios: 1 ratios for 3 indicators/],
      [{ order: ['a', 'a'], ratios: [1.2] }, /order\[1\]: a appears twice/],
      [{ order: ['a', 'b'], ratios: ['hugely'] }, /ratios\[0\]: "hugely" is neither a number nor a term/],
      [{ order: ['a', 'b'], ratios: [1.2], indicators: ['a', 'c'] }, /indicators\[1\]: c is not in the order/],
      [
        {
          experts: [
            { order: ['a', 'b'], ratios: [1] },
            { order: ['a', 'b'], ratios: [0.9] },
          ],
        },
        /experts\[1\]\.ratios\[0\]/,
      ],
    ];
    for (const [input, message] of cases) {
      const r = await runCli(['g1', '-'], JSON.stringify(input));
      expect(r.code, JSON.stringify(input)).toBe(2);
      expect(r.stderr, JSON.stringify(input)).toMatch(message);
    }
  });
});
