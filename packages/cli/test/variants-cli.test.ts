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

describe('ahp --incomplete-method lambda-max', () => {
  // Bozóki, Fülöp & Rónyai (2010)'s 4×4 example with a_cd missing, as AHPy pins it.
  const doc = JSON.stringify({
    matrix: [
      [1, 1, 5, 2],
      [1, 1, 3, 4],
      ['1/5', '1/3', 1, null],
      ['1/2', '1/4', null, 1],
    ],
  });

  it('completes the missing judgment by the smallest λmax and names the completion', async () => {
    const r = await runCli(['ahp', '-', '--incomplete-method', 'lambda-max', '--ri', 'donegan-dodd', '--format', 'json'], doc);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.incompleteMethod).toBe('lambda-max');
    expect(out.filledMatrix[2][3].toFixed(6)).toBe('0.730297');
    expect(out.weights.map((w: number) => w.toFixed(4))).toEqual(['0.3738', '0.3920', '0.0985', '0.1357']);
    expect(out.cr.toFixed(4)).toBe('0.0372');
    expect(out.completion.converged).toBe(true);
  });

  it('refuses an unknown completion, listing the allowed ones', async () => {
    const r = await runCli(['ahp', '-', '--incomplete-method', 'lambda', '--format', 'json'], doc);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lambda-max/);
  });
});
