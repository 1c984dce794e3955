/** The analyses beside AHP weights through the commands: --consensus, --scales, --uncertainty (issue 18). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const drinks = `${root}examples/ahp/drinks.yaml`;
const panel = `${root}examples/ahp/panel.yaml`;
const tree = `${root}examples/hierarchy/two-level.yaml`;

describe('ahp, ahp-group, hierarchy: consensus, scales, uncertainty', () => {
  it('ahp --scales all --uncertainty: a row per scale and a seeded spread', async () => {
    const a = await runCli(['ahp', drinks, '--scales', 'all', '--uncertainty', '200', '--seed', '7', '--format', 'json']);
    expect(a.code).toBe(0);
    const r = JSON.parse(a.stdout);
    expect(r.scales.scales.map((s: { scale: string }) => s.scale)).toEqual([
      'standard',
      'logarithmic',
      'root-square',
      'inverse-linear',
      'balanced',
      'power',
      'geometric',
    ]);
    expect(r.scales.scales[0].weights).toEqual(r.weights);
    expect(r.uncertainty.draws).toBe(200);
    expect(r.uncertainty.seed).toBe(7);
    const b = await runCli(['ahp', drinks, '--uncertainty', '200', '--seed', '7', '--format', 'json']);
    expect(JSON.parse(b.stdout).uncertainty).toEqual(r.uncertainty);
  });

  it('ahp-group --consensus names S*, its band and the dissenters, with AIJ and AIP; tables print', async () => {
    const j = await runCli(['ahp-group', panel, '--consensus', '--format', 'json']);
    expect(j.code).toBe(0);
    const c = JSON.parse(j.stdout).consensus;
    expect(c.consensus).toBeGreaterThan(0);
    expect(c.consensus).toBeLessThanOrEqual(1);
    expect(['low', 'moderate', 'high']).toContain(c.band);
    expect(c.ids).toEqual(['E1', 'E2', 'E3']);
    expect(c.aij.weights).toEqual(JSON.parse(j.stdout).weights);
    const t = await runCli(['ahp-group', panel, '--consensus', '--scales', 'power,geometric', '--uncertainty', '50', '--format', 'table']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/Group consensus \(Goepel's S\*\)/);
    expect(t.stdout).toMatch(/Weights per judgment scale/);
    expect(t.stdout).toMatch(/Weight uncertainty \(50 draws, step ±0.5, seed 1/);
  });

  it('hierarchy --scales and --uncertainty over the leaves', async () => {
    const h = await runCli([
      'hierarchy',
      tree,
      '--scales',
      '--uncertainty',
      '100',
      '--perturbation',
      'log-uniform',
      '--factor',
      '1.2',
      '--format',
      'json',
    ]);
    expect(h.code).toBe(0);
    const r = JSON.parse(h.stdout);
    expect(r.scales.codes).toEqual(r.leaves.map((l: { code: string }) => l.code));
    expect(r.uncertainty.rule).toBe('log-uniform');
    expect(r.uncertainty.factor).toBe(1.2);
  });

  it('invalid analysis options exit 2 naming the option', async () => {
    const bad = await runCli(['ahp', drinks, '--uncertainty', '-3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/uncertainty/);
    const scale = await runCli(['ahp', drinks, '--scales', 'cubic']);
    expect(scale.code).toBe(2);
    expect(scale.stderr).toMatch(/scales/);
    const one = await runCli(
      ['ahp-group', '-', '--consensus'],
      JSON.stringify({
        experts: [
          {
            matrix: [
              [1, 2],
              ['1/2', 1],
            ],
          },
        ],
      }),
    );
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/at least two experts/);
  });
});
