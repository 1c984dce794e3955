import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const ex = (p: string) => join(ROOT, 'examples/weighting', p);

describe('weighting commands (SPEC §10)', () => {
  it('entropy: weights, entropy and divergence; the AHP-matrix variant; cell errors', async () => {
    const r = await runCli(['entropy', ex('suppliers.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.weights.reduce((s: number, w: number) => s + w, 0)).toBeCloseTo(1, 14);
    expect(out).toMatchObject({ normalisation: 'min-max', shift: 0 });
    expect(out.entropy).toHaveLength(4);
    const shifted = await runCli(['entropy', ex('suppliers.yaml'), '--shift', '0.0001', '--format', 'json']);
    expect(shifted.json().shift).toBe(0.0001);
    const ahpm = await runCli(['entropy', join(ROOT, 'examples/ahp/drinks.yaml'), '--normalisation', 'ahp-matrix', '--format', 'json']);
    expect(ahpm.json().normalisation).toBe('ahp-matrix');
    const bad = await runCli(['entropy', '-'], '{"matrix": [[1, 2], [3, "x"]]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/matrix\[1\]\[1\]: "x" is not a number/);
    const flat = await runCli(['entropy', '-'], '{"matrix": [[1, 2], [1, 2]]}');
    expect(flat.code).toBe(2);
    expect(flat.stderr).toMatch(/no indicator varies/);
    const dir = await runCli(['entropy', '-'], '{"matrix": [[1, 2], [3, 4]], "directions": ["benefit", "down"]}');
    expect(dir.stderr).toMatch(/directions\[1\]/);
  });

  it('critic', async () => {
    const r = await runCli(['critic', ex('suppliers.yaml'), '--sd', 'population', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ sdKind: 'population' });
    for (const f of ['weights', 'std', 'conflict', 'information']) expect(r.json()[f]).toHaveLength(4);
  });

  it('g1 single and group', async () => {
    const r = await runCli(['g1', ex('g1.yaml'), '--format', 'json']);
    expect(r.json().weights[0]).toBeCloseTo(0.3029, 4);
    const g = await runCli(['g1', ex('g1-group.yaml'), '--format', 'json']);
    expect(g.json().indicators).toEqual(['Credit', 'Collateral', 'Operational']);
    const bad = await runCli(['g1', '-'], '{"order": ["a", "b"], "ratios": [0.5]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ratios\[0\]: r2 = 0.5 is below 1/);
  });

  it('combine reports every input beside the combined vector', async () => {
    const r = await runCli(['combine', ex('combine.yaml'), '--format', 'json']);
    const out = r.json();
    expect(out.inputs.subjective).toEqual([0.408, 0.253, 0.171, 0.168]);
    expect(out.weights[0]).toBeCloseTo(0.354, 12);
    const bad = await runCli(['combine', '-'], '{"subjective": [0.5, 0.5], "objective": [0.7, 0.7]}');
    expect(bad.stderr).toMatch(/objective: the weights sum to 1.4, not 1/);
  });

  it("kendall reproduces Siegel's W = 0.16", async () => {
    const r = await runCli(['kendall', ex('kendall.yaml'), '--format', 'json']);
    expect(Number(r.json().w.toFixed(2))).toBe(0.16);
    expect(r.json().df).toBe(5);
    const none = await runCli(['kendall', '-'], '{}');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give ranks or ratings/);
  });

  it('ifahp from the verbal upper triangle, with repair', async () => {
    const r = await runCli(['ifahp', ex('ifahp.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    for (const f of ['consistentMatrix', 'distance', 'consistent', 'sigma', 'iterations', 'ifWeights', 'weights'])
      expect(out).toHaveProperty(f);
    expect(out.consistent).toBe(false);
    expect(out.repairedDistance).toBeLessThan(0.1);
    const bad = await runCli(['ifahp', '-'], '{"matrix": [[[0.5, 0.5], [0.8, 0.4]], [[0.4, 0.8], [0.5, 0.5]]]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/matrix\[0\]\[1\]: \(0.8, 0.4\): μ \+ ν = 1.2 exceeds 1/);
  });

  it('delphi screens a round and reads answers from a CSV', async () => {
    const r = await runCli(['delphi', ex('delphi.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().counts).toEqual({ keep: 6, discuss: 2, delete: 2 });
    expect(r.json().sdKind).toBe('sample');
    const dir = await mkdtemp(join(tmpdir(), 'scf-delphi-'));
    await writeFile(
      join(dir, 'answers.csv'),
      'expert,round,A1,A2,A3\nE1,1,5,3,1\nE2,1,5,5,1\nE3,1,3,5,3\nE1,2,5,5,1\nE2,2,5,5,1\nE3,2,5,5,3\n',
    );
    await writeFile(join(dir, 'study.yaml'), 'answers: answers.csv\nround: 2\n');
    const csv = await runCli(['delphi', join(dir, 'study.yaml'), '--format', 'json']);
    expect(csv.code).toBe(0);
    expect(csv.json().indicators.map((i: { indicator: string; mean: number }) => [i.indicator, i.mean])).toEqual([
      ['A1', 5],
      ['A2', 5],
      ['A3', 5 / 3],
    ]);
    const bad = await runCli(['delphi', '-'], '{"scores": [[5, 2], [5, 3]]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/scores\[0\]\[1\]: score 2 is not on the 1-3-5 scale/);
  });
});
