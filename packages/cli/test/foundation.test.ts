import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@scf-risk/core';
import { readCsvTable, readTable } from '@scf-risk/io';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInputText } from '../src/input.ts';
import { incompleteMatrixSchema, matrixSchema, parseWith } from '../src/schemas.ts';
import { runCli } from './run-cli.ts';

function issuesOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('input loading', () => {
  it('finds the line of a YAML path', () => {
    const input = parseInputText('labels: [a, b]\nmatrix:\n  - [1, 3]\n  - ["1/3", 1]\n', 'm.yaml');
    expect(input.lineOf(['matrix', 1, 0])).toBe(4);
    expect(input.lineOf(['matrix', 0])).toBe(3);
  });
  it('finds the line of a JSON path', () => {
    const input = parseInputText('{\n "matrix": [\n  [1, 2],\n  [0.5, 1]\n ]\n}', 'm.json');
    expect(input.lineOf(['matrix', 1, 1])).toBe(4);
  });
  it('reports malformed files with their line', () => {
    const issues = issuesOf(() => parseInputText('{\n "a": [1, 2\n', 'bad.json'));
    expect(issues[0].message).toMatch(/bad\.json is not valid JSON or YAML \(line \d+/);
  });
  it('rejects an empty file', () => {
    expect(issuesOf(() => parseInputText('', 'e.yaml'))[0].message).toMatch(/e\.yaml is empty/);
  });
});

describe('matrix cells', () => {
  it('accepts numbers, fractions and decimal strings', () => {
    expect(
      parseWith(matrixSchema, [
        [1, '1/3'],
        ['3', 1],
      ]),
    ).toEqual([
      [1, 1 / 3],
      [3, 1],
    ]);
  });
  it('names the cell of a bad value', () => {
    const issues = issuesOf(() =>
      parseWith(z.object({ matrix: matrixSchema }), {
        matrix: [
          [1, 'x'],
          [1, 1],
        ],
      }),
    );
    expect(issues[0].path).toEqual(['matrix', 0, 1]);
    expect(issues[0].message).toMatch(/"x" is not a number/);
  });
  it('rejects a zero denominator', () => {
    expect(issuesOf(() => parseWith(matrixSchema, [['1/0']]))[0].message).toMatch(/divides by zero/);
  });
  it('allows null only in incomplete matrices', () => {
    expect(
      parseWith(incompleteMatrixSchema, [
        [1, null],
        [null, 1],
      ]),
    ).toEqual([
      [1, null],
      [null, 1],
    ]);
    expect(
      issuesOf(() =>
        parseWith(matrixSchema, [
          [1, null],
          [1, 1],
        ]),
      )[0].path,
    ).toEqual([0, 1]);
  });
});

describe('data tables', () => {
  it('reads CSV and names row and column of a cell', () => {
    const t = readCsvTable('d.csv', 'id,x\na,1\nb,2\n');
    expect(t.header).toEqual(['id', 'x']);
    expect(t.rows).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(t.where(1, 1)).toBe('d.csv, row 3, column "x"');
  });
  it('rejects a duplicate header', () => {
    expect(issuesOf(() => readCsvTable('d.csv', 'id,id\n1,2\n'))[0].message).toMatch(/duplicate column name "id"/);
  });
  it('reads XLSX with cell references', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Loans');
    ws.addRow(['id', 'amount']);
    ws.addRow(['L1', 100]);
    ws.addRow(['L2', 250.5]);
    const file = join(dir, 'loans.xlsx');
    await wb.xlsx.writeFile(file);
    const t = await readTable({ name: file, bytes: await readFile(file) });
    expect(t.sheet).toBe('Loans');
    expect(t.rows).toEqual([
      ['L1', 100],
      ['L2', 250.5],
    ]);
    expect(t.where(1, 1)).toBe(`${file}, sheet Loans, cell B3`);
  });
  it('rejects an unknown file type', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-'));
    const file = join(dir, 'x.doc');
    await writeFile(file, 'x');
    await expect(readTable({ name: file, bytes: await readFile(file) })).rejects.toThrow(/unknown data file type ".doc"/);
  });
});

describe('command line', () => {
  it('exits 2 with a usage message on an unknown command', async () => {
    const r = await runCli(['no-such-method']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command|too many arguments/);
  });
  it('prints its version and exits 0', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('0.1.0');
  });
});

describe('closed pipes', () => {
  it('stops quietly when the reader closes the pipe early (scf-risk … | head)', async () => {
    const { spawn } = await import('node:child_process');
    const bin = new URL('../bin/scf-risk.js', import.meta.url).pathname;
    const code = await new Promise<number>((resolve) => {
      // a fully grown tree's JSON is megabytes: far more than a pipe buffer
      const loans = new URL('../../../examples/loan-history-small.csv', import.meta.url).pathname;
      const child = spawn(process.execPath, [bin, 'tree', 'train', '--data', loans, '--target', 'days overdue', '--format', 'json']);
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (c) => resolve(stderr.includes('EPIPE') ? -1 : (c ?? -1)));
    });
    expect(code).toBe(0);
  });
});
