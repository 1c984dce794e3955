import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@scf-risk/core';
import { type FileBytes, importJudgments } from '@scf-risk/io';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scf-import-'));
});

async function xlsx(name: string, sheets: Record<string, (string | number | null)[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((r, i) => {
      r.forEach((v, j) => {
        if (v !== null) ws.getCell(i + 1, j + 1).value = v;
      });
    });
  }
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function csv(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** A file as io takes it: its path as the name, its bytes. */
async function bytes(file: string): Promise<FileBytes> {
  return { name: file, bytes: await readFile(file) };
}

async function message(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.message).join('\n');
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('one sheet per expert', () => {
  it('reads labelled upper triangles and fills the reciprocals, listing each', async () => {
    const f = await xlsx('panel.xlsx', {
      E1: [
        [null, 'A', 'B', 'C'],
        ['A', 1, 3, 5],
        ['B', null, 1, '2'],
        ['C', null, null, 1],
      ],
      E2: [
        [null, 'A', 'B', 'C'],
        ['A', null, '1/3', 1],
        ['B', 3, null, 4],
        ['C', 1, 0.25, null],
      ],
    });
    const r = await importJudgments(await bytes(f));
    expect(r.layout).toBe('sheets');
    expect(r.labels).toEqual(['A', 'B', 'C']);
    expect(r.experts.map((e) => e.id)).toEqual(['E1', 'E2']);
    expect(r.experts[0].matrix).toEqual([
      [1, 3, 5],
      [1 / 3, 1, 2],
      [1 / 5, 1 / 2, 1],
    ]);
    expect(r.experts[0].filled).toHaveLength(3);
    expect(r.experts[0].filled[0]).toEqual({ i: 1, j: 0, value: 1 / 3, from: `${f}, sheet E1, cell C2` });
    expect(r.experts[1].matrix[0][1]).toBeCloseTo(1 / 3, 15);
    expect(r.experts[1].filled).toHaveLength(0);
  });

  it('reads bare matrices from A1 and keeps a pair missing on both sides as null', async () => {
    const f = await xlsx('bare.xlsx', {
      X: [
        [1, 2, null],
        [null, 1, 3],
        [null, null, 1],
      ],
    });
    const r = await importJudgments(await bytes(f));
    expect(r.labels).toBeUndefined();
    expect(r.experts[0].matrix[0][2]).toBeNull();
    expect(r.experts[0].matrix[2][0]).toBeNull();
    expect(r.experts[0].matrix[1][0]).toBe(0.5);
  });

  it('names the sheet and cell of a value that is not a judgment', async () => {
    const f = await xlsx('badcell.xlsx', {
      E1: [
        [null, 'A', 'B'],
        ['A', 1, 'three'],
        ['B', null, 1],
      ],
    });
    expect(await message(importJudgments(await bytes(f)))).toMatch(/badcell\.xlsx, sheet E1, cell C2: "three" is not a positive judgment/);
  });

  it('rejects a negative judgment and a non-1 diagonal by cell', async () => {
    const f = await xlsx('neg.xlsx', {
      E1: [
        [1, -2],
        [null, 2],
      ],
    });
    expect(await message(importJudgments(await bytes(f)))).toMatch(/cell B1: "-2" is not a positive judgment/);
    const g = await xlsx('diag.xlsx', {
      E1: [
        [1, 2],
        [null, 2],
      ],
    });
    expect(await message(importJudgments(await bytes(g)))).toMatch(/sheet E1, cell B2: the diagonal must be 1, found 2/);
  });

  it('names both cells of a pair that is not reciprocal', async () => {
    const f = await xlsx('recip.xlsx', {
      E1: [
        [1, 3],
        [3, 1],
      ],
    });
    expect(await message(importJudgments(await bytes(f)))).toMatch(/cell B1 is 3 but .*cell A2 is 3; they must be reciprocal/);
  });

  it('rejects row labels that do not match the column labels', async () => {
    const f = await xlsx('labels.xlsx', {
      E1: [
        [null, 'A', 'B'],
        ['A', 1, 2],
        ['C', null, 1],
      ],
    });
    expect(await message(importJudgments(await bytes(f)))).toMatch(/sheet E1, cell A3: row label "C" should be "B"/);
  });

  it('rejects experts who judge different elements', async () => {
    const f = await xlsx('diff.xlsx', {
      E1: [
        [1, 2],
        [null, 1],
      ],
      E2: [
        [1, 2, 3],
        [null, 1, 2],
        [null, null, 1],
      ],
    });
    expect(await message(importJudgments(await bytes(f)))).toMatch(/sheet E2: 3×3 matrix, but sheet E1 has 2×2/);
  });

  it('rejects a matrix that is not square', async () => {
    const f = await xlsx('rect.xlsx', {
      E1: [
        [1, 2, 3],
        [null, 1, 2],
      ],
    });
    expect(await message(importJudgments(await bytes(f)))).toMatch(/sheet E1: 2 rows but 3 columns/);
  });
});

describe('long format', () => {
  it('reads expert,row,column,value with expert weights', async () => {
    const f = await csv('long.csv', 'expert,row,column,value,weight\nE1,A,B,3,2\nE1,A,C,5,2\nE1,B,C,2,2\nE2,A,B,1/2,1\nE2,B,C,4,1\n');
    const r = await importJudgments(await bytes(f));
    expect(r.layout).toBe('long');
    expect(r.labels).toEqual(['A', 'B', 'C']);
    expect(r.experts[0]).toMatchObject({ id: 'E1', weight: 2 });
    expect(r.experts[0].matrix[2][0]).toBeCloseTo(0.2, 15);
    expect(r.experts[1].matrix[0][2]).toBeNull();
    expect(r.experts[1].matrix[1][0]).toBe(2);
  });

  it('names the row of a duplicate judgment', async () => {
    const f = await csv('dup.csv', 'expert,row,column,value\nE1,A,B,3\nE1,A,B,5\n');
    expect(await message(importJudgments(await bytes(f)))).toMatch(
      /dup\.csv, row 3, column 4: expert E1 judges \(A, B\) twice \(also .*row 2, column 4\)/,
    );
  });

  it('names the cell of an inconsistent expert weight and of an empty expert', async () => {
    const f = await csv('w.csv', 'expert,row,column,value,weight\nE1,A,B,3,2\nE1,A,C,3,1\n');
    expect(await message(importJudgments(await bytes(f)))).toMatch(/row 3, column 5: expert E1 has weight 1 here but 2 at/);
    const g = await csv('e.csv', 'expert,row,column,value\n,A,B,3\n');
    expect(await message(importJudgments(await bytes(g)))).toMatch(/e\.csv, row 2, column 1: the expert is empty/);
  });
});

describe('a single matrix in a CSV', () => {
  it('uses the file name as the expert id', async () => {
    const f = await csv('zhang.csv', ',A,B\nA,1,4\nB,1/4,1\n');
    const r = await importJudgments(await bytes(f));
    expect(r.layout).toBe('matrix');
    expect(r.experts[0].id).toBe('zhang');
    expect(r.experts[0].matrix).toEqual([
      [1, 4],
      [0.25, 1],
    ]);
  });

  it('rejects an empty file and a value outside the matrix', async () => {
    expect(await message(importJudgments(await bytes(await csv('empty.csv', ''))))).toMatch(/empty\.csv is empty/);
    const f = await csv('out.csv', '1,2\n0.5,1,7\n');
    expect(await message(importJudgments(await bytes(f)))).toMatch(/out\.csv: 2 rows but 3 columns/);
    const g = await csv('out2.csv', ',A,B\nA,1,2,9\nB,,1\n');
    expect(await message(importJudgments(await bytes(g)))).toMatch(/out2\.csv, row 2, column 4: a value outside the 2×2 matrix/);
  });
});
