import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// Diakoulaki, Mavrotas & Papayannakis (1995): weights pinned by scikit-criteria's tests.
const diakoulaki = JSON.stringify({
  matrix: [
    [61, 1.08, 4.33],
    [20.7, 0.26, 4.34],
    [16.3, 1.98, 2.53],
    [9, 3.29, 1.65],
    [5.4, 2.77, 2.33],
    [4, 4.12, 1.21],
    [-6.1, 3.52, 2.1],
    [-34.6, 3.31, 0.98],
  ],
});

describe('method variants on the command line', () => {
  it('critic --normalisation none --correlation-method spearman: the variant is named and reproduced', async () => {
    const r = await runCli(['critic', '-', '--normalisation', 'none', '--correlation-method', 'spearman', '--format', 'json'], diakoulaki);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ normalisation: 'none', correlationMethod: 'spearman', conflictRule: 'signed' });
    expect(r.json().weights.map((w: number) => Number(w.toFixed(8)))).toEqual([0.87672195, 0.08082369, 0.04245436]);
  });
  it("critic --conflict-rule absolute; the defaults are the paper's", async () => {
    const a = await runCli(['critic', '-', '--conflict-rule', 'absolute', '--format', 'json'], diakoulaki);
    expect(a.json().conflictRule).toBe('absolute');
    const d = await runCli(['critic', '-', '--format', 'json'], diakoulaki);
    expect(d.json()).toMatchObject({ normalisation: 'min-max', correlationMethod: 'pearson', conflictRule: 'signed' });
  });
  it('critic: an unknown variant is exit 2 naming the allowed values', async () => {
    const r = await runCli(['critic', '-', '--correlation-method', 'kendall'], diakoulaki);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pearson, spearman|pearson", "spearman/);
  });
  it("topsis --normalisation none: scikit-criteria's unscaled example", async () => {
    const r = await runCli(
      ['topsis', '-', '--normalisation', 'none', '--format', 'json'],
      JSON.stringify({
        matrix: [
          [1, 0, 3],
          [0, 5, 6],
        ],
        weights: ['1/3', '1/3', '1/3'],
      }),
    );
    expect(r.code).toBe(0);
    expect(r.json().normalisation).toBe('none');
    expect(r.json().closeness.map((c: number) => Number(c.toFixed(8)))).toEqual([0.14639248, 0.85360752]);
  });
});
