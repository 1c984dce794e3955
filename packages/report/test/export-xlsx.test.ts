import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTable } from '@scf-risk/io';
import { sheetName, writeTablesXlsx } from '@scf-risk/report/xlsx';
import { describe, expect, it } from 'vitest';

describe('XLSX export', () => {
  it('writes one sheet per table with numbers as numbers, and reads back identically', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'scf-xlsx-')), 'out.xlsx');
    const weights = {
      title: 'Weights',
      header: ['code', 'local', 'global'],
      rows: [
        ['A1', 0.1 + 0.2, 1 / 3],
        ['A2', 0.7, null],
      ],
    };
    const cr = { title: 'Consistency: CR/CI', header: ['node', 'CR'], rows: [['A', 0.0123456789012345]] };
    await writeTablesXlsx(file, [weights, cr]);
    const bytes = { name: file, bytes: await readFile(file) };
    const back = await readTable(bytes, { sheet: 'Weights' });
    expect(back.header).toEqual(weights.header);
    expect(back.rows).toEqual(weights.rows);
    expect(typeof back.rows[0][1]).toBe('number');
    const second = await readTable(bytes, { sheet: 'Consistency  CR CI' });
    expect(second.rows[0][1]).toBe(0.0123456789012345);
  });

  it('makes sheet names valid and unique', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b', 0, taken)).toBe('a b');
    expect(sheetName('A/B', 1, taken)).toBe('A B (2)');
    expect(sheetName(undefined, 2, taken)).toBe('Table 3');
    const long = sheetName('x'.repeat(40), 3, taken);
    expect(long).toHaveLength(31);
    expect(sheetName('x'.repeat(40), 4, taken)).toBe(`${'x'.repeat(27)} (2)`);
  });
});
