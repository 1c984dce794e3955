import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const ex = (p: string) => join(ROOT, 'examples/evaluation', p);

describe('evaluation commands (SPEC §10)', () => {
  it('topsis: closeness, rank and distances; [004]’s order of the platforms on the illustrative data', async () => {
    const r = await runCli(['topsis', ex('platforms.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    for (const f of ['closeness', 'rank', 'distanceToBest', 'distanceToWorst']) expect(out[f]).toHaveLength(5);
    // risk from high to low: China Supplier, Molbase, Tianwu, Zhaogang, Alibaba → rank 5, 4, 3, 2, 1
    expect(out.rank).toEqual([1, 4, 2, 3, 5]);
    const bad = await runCli(['topsis', '-'], '{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.6]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/weights: the weights sum to 1.1, not 1/);
  });

  it('gra: alternatives and factors with levels', async () => {
    const r = await runCli(['gra', ex('platforms.yaml'), '--rho', '0.5', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().coefficients).toHaveLength(5);
    expect(r.json().rank).toEqual([1, 4, 2, 3, 5]);
    const f = await runCli(['gra', ex('ztmg-factors.yaml'), '--format', 'json']);
    const factors = f.json().factors as { name: string; level: number; rank: number }[];
    expect(factors.find((x) => x.rank === 1)?.level).toBe(1);
    expect(new Set(factors.map((x) => x.level)).size).toBe(4);
    const rho = await runCli(['gra', ex('platforms.yaml'), '--rho', '2']);
    expect(rho.code).toBe(2);
    expect(rho.stderr).toMatch(/--rho: "2" is not a number in \(0, 1\]/);
  });

  it('fce: flat and multi-level, B at every node, both grade rules', async () => {
    const r = await runCli(['fce', ex('fce.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    out.b.forEach((x: number, k: number) => expect(x).toBeCloseTo([0.26, 0.44, 0.2, 0.08, 0.02][k], 12));
    expect(out.score).toBeCloseTo(7.68, 12);
    const t = await runCli(['fce', ex('fce-tree.yaml'), '--format', 'json']);
    expect(t.json().root.children[0].b[0]).toBeCloseTo(0.48, 12);
    const mm = await runCli(['fce', ex('fce-tree.yaml'), '--operator', 'min-max', '--format', 'json']);
    expect(mm.json().operator).toBe('min-max');
    const bad = await runCli(['fce', '-'], '{"weights": [1], "membership": [[1, 0]]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/membership has 2 values but there are 5 grades/);
  });

  it('evaluate: a portfolio on a weighted hierarchy, four methods, explanations, output file', async () => {
    const base = ['evaluate', '--hierarchy', ex('smes.yaml'), '--data', ex('smes.csv')];
    const r = await runCli([...base, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.results.map((x: { id: string; rank: number }) => [x.id, x.rank])).toEqual([
      ['SME-001', 1],
      ['SME-002', 4],
      ['SME-003', 2],
      ['SME-004', 5],
      ['SME-005', 3],
    ]);
    // SME-004: overdue 17 % maps to score 3.2 on the grade axis (thresholds 15 → 4, 20 → 2)
    const w = Object.fromEntries(out.indicators.map((i: { code: string; globalWeight: number }) => [i.code, i.globalWeight]));
    expect(out.results[3].score).toBeCloseTo(w.S11 * 4 + w.S12 * 5 + w.S13 * 3 + w.S21 * 5 + w.S22 * 3.2, 12);
    for (const method of ['scorecard', 'topsis', 'gra']) {
      const m = await runCli([...base, '--method', method, '--format', 'json']);
      expect(m.code, method).toBe(0);
      expect(m.json().results).toHaveLength(5);
    }
    const e = await runCli([...base, '--method', 'topsis', '--explain', '--format', 'json']);
    expect(e.json().results[0].contributions).toHaveLength(5);
    const dir = await mkdtemp(join(tmpdir(), 'scf-eval-'));
    const o = await runCli([...base, '--out', join(dir, 'out.csv')]);
    expect(o.stdout).toMatch(/5 alternatives evaluated \(fce\); results written to/);
    expect((await readFile(join(dir, 'out.csv'), 'utf8')).split('\n')[0]).toBe('id,score,grade,rank');
  });

  it('evaluate names the file, row and column of bad data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-eval-'));
    await writeFile(join(dir, 'bad.csv'), 'id,S11,S12,S13,S21,S22\nA,9,8,x,9,1\n');
    const r = await runCli(['evaluate', '--hierarchy', ex('smes.yaml'), '--data', join(dir, 'bad.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv, row 2, column "S13": "x" is not a number/);
    await writeFile(join(dir, 'missing.csv'), 'id,S11\nA,9\n');
    const m = await runCli(['evaluate', '--hierarchy', ex('smes.yaml'), '--data', join(dir, 'missing.csv')]);
    expect(m.stderr).toMatch(/no column "S12"/);
    await writeFile(join(dir, 'empty.csv'), 'id,S11,S12,S13,S21,S22\n');
    const e = await runCli(['evaluate', '--hierarchy', ex('smes.yaml'), '--data', join(dir, 'empty.csv')]);
    expect(e.stderr).toMatch(/the portfolio is empty/);
  });
});

describe('evaluate --explain', () => {
  it('fce: contributions of the scores actually summed, and every internal node’s score', async () => {
    const r = await runCli(['evaluate', '--hierarchy', ex('smes.yaml'), '--data', ex('smes.csv'), '--explain', '--format', 'json']);
    expect(r.code).toBe(0);
    for (const row of r.json().results) {
      const total = row.contributions.reduce((s: number, c: any) => s + c.contribution, 0);
      expect(total).toBeCloseTo(row.score, 12);
      const nodes = Object.fromEntries(row.nodes.map((n: any) => [n.code, n.score]));
      expect(nodes.S).toBeCloseTo(row.score, 12);
      // S = 0.55·S1 + 0.45·S2 (the tree's local weights)
      expect(0.55 * nodes.S1 + 0.45 * nodes.S2).toBeCloseTo(row.score, 12);
      // the overdue rate enters through its thresholds (0 % → 10 … 20 % → 2), so on the 2–10 axis
      const overdue = row.contributions.find((c: any) => c.code === 'S22');
      expect(overdue.value).toBeGreaterThanOrEqual(2);
      expect(overdue.value).toBeLessThanOrEqual(10);
    }
  });
});
