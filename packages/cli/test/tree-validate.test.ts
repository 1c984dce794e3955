import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOANS = join(ROOT, 'examples/loan-history-small.csv');

describe('scf-risk tree validate | weights', () => {
  it('cross-validates the three trees on the same stratified folds', async () => {
    const r = await runCli([
      'tree',
      'validate',
      '--data',
      LOANS,
      '--target',
      'days overdue',
      '--max-depth',
      '4',
      '--folds',
      '4',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.models.map((m: { algorithm: string }) => m.algorithm)).toEqual(['id3', 'c45', 'cart', 'logistic']);
    for (const m of out.models) {
      expect(m.folds).toHaveLength(4);
      expect(m.report.n).toBe(1000);
      expect(m.auc).toBeGreaterThan(0.5);
      expect(m.gini).toBeCloseTo(2 * m.auc - 1, 12);
      expect(m.report.confusion.flat().reduce((s: number, x: number) => s + x, 0)).toBe(1000);
    }
    expect(out.positiveClass).toBe('high risk');
  });
  it('rejects an unknown algorithm and too many folds', async () => {
    const a = await runCli(['tree', 'validate', '--data', LOANS, '--target', 'days overdue', '--algorithms', 'id3,svm']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown algorithm "svm"/);
    const dir = await mkdtemp(join(tmpdir(), 'scf-val-'));
    await writeFile(join(dir, 'tiny.csv'), 'grade,risk\nA,low\nB,high\nA,low\nB,low\n');
    const f = await runCli(['tree', 'validate', '--data', join(dir, 'tiny.csv'), '--target', 'risk', '--folds', '3']);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/3 folds but a class has only 1 rows/);
  });
  it('weights: gains mapped to 0–100 and a scorecard', async () => {
    const r = await runCli(['tree', 'weights', '--data', LOANS, '--target', 'days overdue', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.attributes).toHaveLength(22);
    expect(Math.max(...out.attributes.map((a: { mapped: number }) => a.mapped))).toBe(100);
    expect(out.values.length).toBeGreaterThan(22);
    const bad = await runCli(['tree', 'weights', '--data', LOANS, '--target', 'days overdue', '--npl-ratios', '1,2,0,0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--npl-ratios: "1,2,0,0" is not a comma-separated list of numbers: "2" is not a number in \[0, 1\]/);
  });
});
