import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@scf-risk/core';
import { importStudyWorkbook, studyWorkbook } from '@scf-risk/io';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

const STUDY = {
  title: { zh: '示例', en: 'Example' },
  hierarchy: {
    code: 'G',
    name: { zh: '目标', en: 'Goal' },
    children: [
      { code: 'X', name: 'X', direction: 'benefit', rule: { thresholds: [0, 1, 2, 3, 4] } },
      { code: 'Y', name: 'Y', direction: 'cost', weight: 0.5 },
    ],
  },
  weighting: {
    G: {
      method: 'combine',
      subjective: {
        method: 'group-ahp',
        experts: [
          {
            id: 'e1',
            weight: 2,
            matrix: [
              [1, 3],
              [1 / 3, 1],
            ],
          },
          {
            id: 'e2',
            matrix: [
              [1, 2],
              [0.5, 1],
            ],
          },
        ],
      },
      objective: { method: 'entropy' },
      alpha: 0.6,
    },
  },
  alternatives: [
    { id: 'a', name: { zh: '甲', en: 'A' }, values: { X: 1, Y: 2 } },
    { id: 'b', name: 'B', values: { X: 3 }, votes: { Y: [1, 2, 3, 0, 0] } },
  ],
  evaluation: [{ method: 'fce' }],
};

async function roundTrip(edit?: (wb: ExcelJS.Workbook) => void): Promise<Record<string, unknown>> {
  const file = join(await mkdtemp(join(tmpdir(), 'scf-wb-')), 'study.xlsx');
  const wb = await studyWorkbook(structuredClone(STUDY));
  await wb.xlsx.writeFile(file);
  if (edit) {
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(file);
    edit(again);
    await again.xlsx.writeFile(file);
  }
  return importStudyWorkbook({ name: file, bytes: await readFile(file) });
}

async function message(edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  try {
    await roundTrip(edit);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.message).join('\n');
    throw e;
  }
  throw new Error('expected a ValidationError');
}

const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name) as ExcelJS.Worksheet;

describe('study workbook', () => {
  it('round-trips every part of a study exactly', async () => {
    expect(await roundTrip()).toEqual(STUDY);
  });

  it('errors name the sheet and the cell', async () => {
    expect(await message((wb) => (sheet(wb, 'hierarchy').getCell('B3').value = null))).toMatch(
      /sheet hierarchy, cell B3: a second root \(X\); only the goal has no parent/,
    );
    expect(await message((wb) => (sheet(wb, 'hierarchy').getCell('A2').value = null))).toMatch(
      /sheet hierarchy, cell A2: a node needs a code/,
    );
    expect(await message((wb) => (sheet(wb, 'hierarchy').getCell('L3').value = '{oops'))).toMatch(
      /sheet hierarchy, cell L3: not valid JSON/,
    );
    expect(await message((wb) => (sheet(wb, 'judgments').getCell('A2').value = 'Q'))).toMatch(
      /sheet judgments, cell A2: node "Q" has no row in the weighting sheet/,
    );
    expect(await message((wb) => (sheet(wb, 'judgments').getCell('E2').value = 0))).toMatch(
      /sheet judgments, cell E2: row and column must be whole numbers ≥ 1/,
    );
    expect(await message((wb) => (sheet(wb, 'votes').getCell('A2').value = 'zz'))).toMatch(
      /sheet votes, cell A2: "zz" is not in the alternatives sheet/,
    );
    expect(await message((wb) => (sheet(wb, 'study').getCell('A1').value = 'key'))).toMatch(/sheet study: no column "field" in row 1/);
    expect(await message((wb) => wb.removeWorksheet(sheet(wb, 'votes').id))).toMatch(/no sheet named "votes"/);
  });
});
