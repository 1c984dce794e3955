import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'scf-tree-'));
const EX = new URL('../../../examples/loan-history-small.csv', import.meta.url).pathname;
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const TENNIS = [
  'Outlook,Temperature,Humidity,Wind,PlayTennis',
  'Sunny,Hot,High,Weak,No',
  'Sunny,Hot,High,Strong,No',
  'Overcast,Hot,High,Weak,Yes',
  'Rain,Mild,High,Weak,Yes',
  'Rain,Cool,Normal,Weak,Yes',
  'Rain,Cool,Normal,Strong,No',
  'Overcast,Cool,Normal,Strong,Yes',
  'Sunny,Mild,High,Weak,No',
  'Sunny,Cool,Normal,Weak,Yes',
  'Rain,Mild,Normal,Weak,Yes',
  'Sunny,Mild,Normal,Strong,Yes',
  'Overcast,Mild,High,Strong,Yes',
  'Overcast,Hot,Normal,Weak,Yes',
  'Rain,Mild,High,Strong,No',
].join('\n');

describe('scf-risk tree train', () => {
  it('learns PlayTennis with ID3: tree, rootGains, rules', async () => {
    const f = write('tennis.csv', TENNIS);
    const r = await runCli(['tree', 'train', '--data', f, '--target', 'PlayTennis', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.tree.attribute).toBe('Outlook');
    expect(out.tree.entropy).toBeCloseTo(0.9403, 4);
    expect(out.rootGains.map((g: { attribute: string; gain: number }) => [g.attribute, Math.round(g.gain * 1000) / 1000])).toEqual([
      ['Outlook', 0.247],
      ['Temperature', 0.029],
      ['Humidity', 0.152],
      ['Wind', 0.048],
    ]);
    expect(out.rules).toContain('IF Outlook = Overcast THEN Yes (n = 4, 100%)');
    expect(out.tree.candidates).toHaveLength(4);
  });
  it('labels days overdue, trains CART, writes a model and predicts with it', async () => {
    const model = join(dir, 'model.json');
    const t = await runCli([
      'tree',
      'train',
      '--data',
      EX,
      '--target',
      'days overdue',
      '--algorithm',
      'cart',
      '--min-leaf',
      '20',
      '--out',
      model,
      '--format',
      'json',
    ]);
    expect(t.code).toBe(0);
    const out = t.json();
    expect(out.labelling).toEqual({ target: 'days overdue', kind: 'days', cutoffs: { high: 90, medium: 60, lower: 30 } });
    expect(out.classes).toEqual(['high risk', 'medium risk', 'lower risk', 'low risk']);
    expect(out.rootGains).toHaveLength(22);
    expect(JSON.stringify({ ...out, options: undefined })).not.toMatch(/NaN|null/);
    expect(JSON.parse(readFileSync(model, 'utf8')).format).toBe('scf-risk-tree');
    const p = await runCli(['tree', 'predict', '--model', model, '--data', EX, '--format', 'json']);
    expect(p.code).toBe(0);
    const rows = p.json().rows;
    expect(rows).toHaveLength(1000);
    expect(Object.values(rows[0].probabilities as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(rows[0].path.length).toBeGreaterThan(0);
  });
  it('reports a missing target column with the list of columns (exit 2)', async () => {
    const f = write('t1.csv', TENNIS);
    const r = await runCli(['tree', 'train', '--data', f, '--target', 'risk']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /t1\.csv: no target column "risk".*Allowed: one of the columns: Outlook, Temperature, Humidity, Wind, PlayTennis/,
    );
  });
  it('reports a single class', async () => {
    const f = write('t2.csv', 'a,c\nx,yes\ny,yes\n');
    const r = await runCli(['tree', 'train', '--data', f, '--target', 'c']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/t2\.csv, column "c": only one class occurs \(yes\)/);
  });
  it('names file, row and column of a bad days-overdue cell, a missing class and a non-number', async () => {
    const f = write('t3.csv', 'grade,roe,days\nA,1,10\nB,2,late\nA,x,95\nB,3,\n');
    const r = await runCli(['tree', 'train', '--data', f, '--target', 'days', '--cutoffs', '30,60,90', '--numeric', 'roe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/t3\.csv, row 3, column "days": "late" is not a number of days overdue/);
    expect(r.stderr).toMatch(/t3\.csv, row 5, column "days": days overdue is missing/);
    expect(r.stderr).toMatch(/t3\.csv, row 4, column "roe": "x" is not a number/);
  });
  it('validates cut-offs and options', async () => {
    const f = write('t4.csv', TENNIS);
    let r = await runCli(['tree', 'train', '--data', f, '--target', 'PlayTennis', '--cutoffs', '60,30,90']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cut-offs must be ordered/);
    r = await runCli(['tree', 'train', '--data', f, '--target', 'PlayTennis', '--max-depth', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-depth: "-1" is not a whole number ≥ 0/);
  });
  it('has --help with examples', async () => {
    const r = await runCli(['tree', 'train', '--help']);
    expect(r.stdout).toMatch(/Examples:\n {2}scf-risk tree train --data/);
  });
});

describe('scf-risk tree train: numeric class codes', () => {
  it('treats a 0/1 target as classes, not days overdue', async () => {
    const f = write('codes.csv', 'grade,default\nA,0\nB,1\nA,0\nB,1\n');
    const r = await runCli(['tree', 'train', '--data', f, '--target', 'default', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().labelling).toEqual({ target: 'default', kind: 'class' });
    expect(r.json().classes).toEqual(['0', '1']);
  });
});

describe('scf-risk tree train from XLSX', () => {
  it('reads a sheet and names the sheet and cell of a bad value', async () => {
    const file = join(dir, 'loans.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Loans');
    ws.addRow(['grade', 'roe', 'days overdue']);
    ws.addRow(['A', 1.5, 10]);
    ws.addRow(['B', 2, 95]);
    ws.addRow(['A', 3, 'unknown']);
    ws.addRow(['B', null, 40]);
    await wb.xlsx.writeFile(file);
    const r = await runCli(['tree', 'train', '--data', file, '--target', 'days overdue', '--cutoffs', '30,60,90']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/loans\.xlsx, sheet Loans, cell C4: "unknown" is not a number of days overdue/);
    ws.getCell('C4').value = 5;
    await wb.xlsx.writeFile(file);
    const ok = await runCli(['tree', 'train', '--data', file, '--target', 'days overdue', '--algorithm', 'c45', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(ok.json().classes).toEqual(['high risk', 'lower risk', 'low risk']);
    expect(ok.json().diagnostics.missing).toMatch(/fractional/);
  });
});

describe('scf-risk tree predict', () => {
  it('names an unknown categorical value with its file, row, column and the allowed values', async () => {
    const model = join(dir, 'tennis.json');
    const f = write('t5.csv', TENNIS);
    expect((await runCli(['tree', 'train', '--data', f, '--target', 'PlayTennis', '--out', model, '--format', 'json'])).code).toBe(0);
    const apps = write('apps.csv', 'Outlook,Temperature,Humidity,Wind\nSunny,Hot,Normal,Weak\nSnow,Hot,High,Weak\n');
    const r = await runCli(['tree', 'predict', '--model', model, '--data', apps]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/apps\.csv, row 3, column "Outlook": unknown value "Snow".*Allowed: Sunny, Overcast, Rain/);
    const ok = write('ok.csv', 'Outlook,Temperature,Humidity,Wind\nSunny,Hot,Normal,Weak\n');
    const p = await runCli(['tree', 'predict', '--model', model, '--data', ok, '--format', 'json']);
    expect(p.json().rows[0]).toMatchObject({ row: 1, class: 'Yes', probabilities: { No: 0, Yes: 1 } });
    expect(p.json().rows[0].path).toEqual([
      { nodeId: 0, attribute: 'Outlook', condition: { op: '=', value: 'Sunny' }, value: 'Sunny' },
      { nodeId: 1, attribute: 'Humidity', condition: { op: '=', value: 'Normal' }, value: 'Normal' },
    ]);
  });
  it('names a missing attribute column', async () => {
    const model = join(dir, 'tennis.json');
    const apps = write('apps2.csv', 'Outlook,Temperature\nSunny,Hot\n');
    const r = await runCli(['tree', 'predict', '--model', model, '--data', apps]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/apps2\.csv: missing attribute column\(s\) "Humidity", "Wind"/);
  });
});

describe('scf-risk tree generate', () => {
  it('writes the same file for the same seed', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    expect((await runCli(['tree', 'generate', '--rows', '200', '--seed', '5', '--out', a, '--format', 'json'])).code).toBe(0);
    await runCli(['tree', 'generate', '--rows', '200', '--seed', '5', '--out', b, '--format', 'json']);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(a, 'utf8').split('\n')[0]).toMatch(/^core grade,.*,days overdue$/);
  });
});
