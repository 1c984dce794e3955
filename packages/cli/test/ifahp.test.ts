import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// A 4×4 relation on the verbal scale that fails d < τ and needs the σ repair.
const upper = { upper: { '12': 'g9', '13': 'g3', '14': 'g8', '23': 'g7', '24': 'g2', '34': 'g9' }, labels: ['A', 'B', 'C', 'D'] };

describe('scf-risk ifahp (SPEC §10)', () => {
  it('prints every §10 output field as JSON, repairs with σ and names the convention', async () => {
    const r = await runCli(['ifahp', '-', '--format', 'json'], JSON.stringify(upper));
    expect(r.code).toBe(0);
    const out = r.json();
    for (const f of ['consistentMatrix', 'distance', 'consistent', 'sigma', 'iterations', 'repairedMatrix', 'ifWeights', 'weights'])
      expect(out).toHaveProperty(f);
    expect(out).toMatchObject({ consistent: false, sigma: 0.5, tau: 0.1, convention: 'fixed-reference', crisp: 'score' });
    expect(out.iterations).toBeGreaterThan(0);
    expect(out.distances).toHaveLength(out.iterations);
    expect(out.repairedDistance).toBeLessThan(0.1);
    expect(out.weights.reduce((s: number, w: number) => s + w, 0)).toBeCloseTo(1, 14);
    expect(out.labels).toEqual(['A', 'B', 'C', 'D']);
    const rebuild = await runCli(
      ['ifahp', '-', '--convention', 'rebuild', '--sigma', '0.8', '--crisp', 'one-minus-nu', '--format', 'json'],
      JSON.stringify(upper),
    );
    expect(rebuild.json()).toMatchObject({ convention: 'rebuild', sigma: 0.8, crisp: 'one-minus-nu' });
  });

  it('accepts the full matrix and "i,k" keys for n ≥ 10', async () => {
    const n = 10;
    const keys: Record<string, string> = {};
    for (let i = 1; i <= n; i++) for (let k = i + 1; k <= n; k++) keys[`${i},${k}`] = 'equally important';
    const r = await runCli(['ifahp', '-', '--format', 'json'], JSON.stringify({ upper: keys }));
    expect(r.code).toBe(0);
    expect(r.json().weights).toHaveLength(10);
    const full = await runCli(
      ['ifahp', '-', '--format', 'json'],
      JSON.stringify({
        matrix: [
          [
            [0.5, 0.5],
            [0.6, 0.3],
          ],
          [
            [0.3, 0.6],
            [0.5, 0.5],
          ],
        ],
      }),
    );
    expect(full.json()).toMatchObject({ consistent: true, iterations: 0, distance: 0 });
  });

  it('prints readable tables', async () => {
    const r = await runCli(['ifahp', '-', '--format', 'table'], JSON.stringify(upper));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/IFAHP weights/);
    expect(r.stdout).toMatch(/Repaired relation/);
  });

  it('exit 2 with the offending cell for every invalid input', async () => {
    const cases: [unknown, RegExp][] = [
      [
        {
          matrix: [
            [
              [0.5, 0.5],
              [0.8, 0.4],
            ],
            [
              [0.4, 0.8],
              [0.5, 0.5],
            ],
          ],
        },
        /matrix\[0\]\[1\]: \(0.8, 0.4\): μ \+ ν = 1.2 exceeds 1/,
      ],
      [
        {
          matrix: [
            [
              [0.5, 0.5],
              [0.6, 0.3],
            ],
            [
              [0.2, 0.6],
              [0.5, 0.5],
            ],
          ],
        },
        /matrix\[1\]\[0\]: .*not the reverse of \[0\]\[1\]/,
      ],
      [
        {
          matrix: [
            [
              [0.6, 0.4],
              [0.6, 0.3],
            ],
            [
              [0.3, 0.6],
              [0.5, 0.5],
            ],
          ],
        },
        /matrix\[0\]\[0\]: the diagonal must be \(0.5, 0.5\)/,
      ],
      [
        {
          matrix: [
            [
              [0.5, 0.5],
              [0.6, 0.3],
            ],
            [[0.3, 0.6]],
          ],
        },
        /matrix\[1\]: row 1 has 1 cells/,
      ],
      [{ upper: { '12': 'huge' } }, /upper\["12"\]: "huge" is not on the scale/],
      [{ upper: { '12': 'g9', '23': 'g9' } }, /judgment of element 1 over element 3 is missing/],
      [{ upper: { '21': 'g9' } }, /upper\["21"\]: "21" is not an upper-triangle position/],
      [{}, /give matrix or upper/],
    ];
    for (const [input, message] of cases) {
      const r = await runCli(['ifahp', '-'], JSON.stringify(input));
      expect(r.code, JSON.stringify(input)).toBe(2);
      expect(r.stderr, JSON.stringify(input)).toMatch(message);
    }
    const sigma = await runCli(['ifahp', '-', '--sigma', '0'], JSON.stringify(upper));
    expect(sigma.code).toBe(2);
    expect(sigma.stderr).toMatch(/^error: --sigma: "0" is not a number in \(0, 1\]$/m);
  });
});
