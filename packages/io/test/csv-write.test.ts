import { generateLoanHistory } from '@scf-risk/core';
import { csvField, csvText, loanHistoryCsv, readCsvTable, renderCsv } from '@scf-risk/io';
import { describe, expect, it } from 'vitest';

describe('CSV writing (csv-stringify)', () => {
  it('quotes commas, quotes and line breaks; numbers at full precision; booleans and empty cells', () => {
    const text = renderCsv({
      header: ['id', 'note', 'x', 'ok'],
      rows: [
        ['a,b', 'say "hi"', 0.1 + 0.2, true],
        ['c\nd', 'e\rf', -1e-7, false],
        ['g', null, undefined, ''],
      ],
    });
    expect(text).toBe('id,note,x,ok\n"a,b","say ""hi""",0.30000000000000004,true\n"c\nd","e\rf",-1e-7,false\ng,,,');
  });
  it('reads back what it writes', () => {
    const rows = [
      ['x, y', 'he said "no"', '1.5'],
      ['multi\nline', '', '2'],
    ];
    const back = readCsvTable('t.csv', csvText([['a', 'b', 'c'], ...rows]));
    expect(back.rows).toEqual(rows.map((r) => r.map((v) => (v === '' ? null : v))));
  });
  it('one field as it stands in a line', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(3.25)).toBe('3.25');
  });
});

describe('loan histories as CSV', () => {
  it('writes CSV with a header, empty missing cells and days overdue', () => {
    const h = generateLoanHistory({ rows: 300, seed: 1 });
    const text = [...loanHistoryCsv(h, 100)].join('');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(301);
    expect(lines[0].split(',')).toHaveLength(23);
    expect(lines[0].endsWith('days overdue')).toBe(true);
    expect(text).not.toMatch(/NaN/);
  });
  it('quotes level names that hold a comma or a quote, so the file reads back', () => {
    const h = generateLoanHistory({ rows: 50, seed: 2 });
    const j = h.dataset.attributes.findIndex((a) => a.kind === 'categorical');
    const first = h.dataset.attributes[j].values[0];
    h.dataset.attributes[j].values[0] = `level, "${first}"`;
    const back = readCsvTable('g.csv', [...loanHistoryCsv(h)].join(''));
    expect(back.header).toHaveLength(23);
    const col = h.dataset.columns[j] as Int32Array;
    const r = col.indexOf(0);
    expect(r).toBeGreaterThanOrEqual(0);
    expect(back.rows[r][j]).toBe(`level, "${first}"`);
  });
});
