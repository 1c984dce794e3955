import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { template } from '../../src/hierarchy/templates.ts';
import { cellNumber } from '../../src/numeric/cell-number.ts';
import { resolveStudy, type StudyReader, type StudyTable } from '../../src/study/resolve.ts';
import type { ImportedDelphiAnswers } from '../../src/weighting/delphi-answers.ts';

/** A reader over data held in memory, as a server holding uploads would provide. */
function memoryReader(files: {
  tables?: Record<string, StudyTable>;
  judgments?: Record<string, { id: string; weight?: number; matrix: (number | null)[][] }[]>;
  answers?: Record<string, ImportedDelphiAnswers>;
}): StudyReader & { asked: string[] } {
  const asked: string[] = [];
  const get = <T>(m: Record<string, T> | undefined, file: string): T => {
    asked.push(file);
    const v = m?.[file];
    if (v === undefined) throw new ValidationError([{ path: [], message: `no upload named ${file}` }]);
    return v;
  };
  return {
    asked,
    table: async (ref) => get(files.tables, ref.file),
    judgments: async (ref) => ({ experts: get(files.judgments, ref.file) }),
    delphiAnswers: async (ref) => get(files.answers, ref.file),
  };
}

const table = (name: string, header: string[], rows: (string | number | null)[][]): StudyTable => ({
  header,
  rows,
  where: (r, c) => `${name}, row ${r + 2}, column "${header[c]}"`,
});

async function issuesOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('resolveStudy through an injected reader', () => {
  it('replaces a template reference by the shipped template, without reading anything', async () => {
    const reader = memoryReader({});
    const out = await resolveStudy({ title: 'T', hierarchy: { template: 'ztmg' } }, reader);
    expect(out.hierarchy).toEqual(template('ztmg'));
    expect(reader.asked).toEqual([]);
  });

  it('a data cell with a comma is refused (a decimal comma or a thousands separator would be read wrongly)', async () => {
    for (const cell of ['1,5', '1,000']) {
      const reader = memoryReader({ tables: { 'data.csv': table('data.csv', ['id', 'X'], [['a', cell]]) } });
      const err = await resolveStudy({ alternatives: { file: 'data.csv' } }, reader).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.issues[0].message).toContain(`"${cell}" has a comma`);
      expect(err.issues[0].allowed).toMatch(/decimal point/);
    }
  });

  it('a reader may bring its own templates', async () => {
    const reader = { ...memoryReader({}), template: (name: string) => ({ code: name, name }) };
    expect((await resolveStudy({ hierarchy: { template: 'mine' } }, reader)).hierarchy).toEqual({ code: 'mine', name: 'mine' });
  });

  it('alternatives, judgments and Delphi answers come from the reader, by the names the study writes', async () => {
    const reader = memoryReader({
      tables: {
        'data.csv': table(
          'data.csv',
          ['id', 'X', 'Y'],
          [
            ['a', '1000', 5],
            ['b', 3, null],
          ],
        ),
      },
      judgments: {
        'one.xlsx': [
          {
            id: 'one',
            matrix: [
              [1, 3],
              [1 / 3, 1],
            ],
          },
        ],
        'panel.xlsx': [
          {
            id: 'e1',
            weight: 2,
            matrix: [
              [1, 2],
              [0.5, 1],
            ],
          },
          {
            id: 'e2',
            matrix: [
              [1, null],
              [null, 1],
            ],
          },
        ],
      },
      answers: {
        'answers.csv': {
          layout: 'long',
          indicators: ['X', 'Y'],
          experts: ['p', 'q'],
          rounds: [1, 2],
          answers: [
            { round: 1, expert: 'p', indicator: 'X', score: 5, where: 'w' },
            { round: 1, expert: 'p', indicator: 'Y', score: 3, where: 'w' },
            { round: 1, expert: 'q', indicator: 'X', score: 1, where: 'w' },
            { round: 1, expert: 'q', indicator: 'Y', score: 5, where: 'w' },
            { round: 2, expert: 'p', indicator: 'X', score: 5, where: 'w' },
            { round: 2, expert: 'p', indicator: 'Y', score: 5, where: 'w' },
          ],
        },
      },
    });
    const out = await resolveStudy(
      {
        hierarchy: { code: 'G', name: 'G' },
        alternatives: { file: 'data.csv' },
        weighting: {
          G: { method: 'ahp', file: 'one.xlsx' },
          H: { method: 'group-ahp', aggregation: 'aij', file: 'panel.xlsx' },
          K: { method: 'fixed', weights: [1] },
        },
        delphi: { scale: '1-3-5', rounds: [{ file: 'answers.csv' }, { file: 'answers.csv' }] },
      },
      reader,
    );
    expect(out.alternatives).toEqual([
      { id: 'a', values: { X: 1000, Y: 5 } },
      { id: 'b', values: { X: 3 } },
    ]);
    expect(out.weighting).toEqual({
      G: {
        method: 'ahp',
        matrix: [
          [1, 3],
          [1 / 3, 1],
        ],
      },
      H: {
        method: 'group-ahp',
        aggregation: 'aij',
        experts: [
          {
            id: 'e1',
            weight: 2,
            matrix: [
              [1, 2],
              [0.5, 1],
            ],
          },
          {
            id: 'e2',
            matrix: [
              [1, null],
              [null, 1],
            ],
          },
        ],
      },
      K: { method: 'fixed', weights: [1] },
    });
    expect(out.delphi).toEqual({
      scale: '1-3-5',
      indicators: ['X', 'Y'],
      rounds: [
        {
          name: 'round 1',
          experts: ['p', 'q'],
          scores: [
            [5, 3],
            [1, 5],
          ],
        },
        { name: 'round 2', experts: ['p'], scores: [[5, 5]] },
      ],
    });
  });

  it('errors carry paths into the study; messages name the referenced file and cell', async () => {
    const reader = memoryReader({
      tables: { 'd.csv': table('d.csv', ['id', 'X'], [['a', 'three']]) },
      judgments: {
        'p.xlsx': [
          { id: 'a', matrix: [[1]] },
          { id: 'b', matrix: [[1]] },
        ],
      },
    });
    expect(await issuesOf(resolveStudy({ alternatives: { file: 'd.csv' } }, reader))).toEqual([
      { path: ['alternatives'], message: 'd.csv, row 2, column "X": "three" is not a number' },
    ]);
    const [ahp] = await issuesOf(resolveStudy({ weighting: { G: { method: 'ahp', file: 'p.xlsx' } } }, reader));
    expect(ahp.path).toEqual(['weighting', 'G', 'file']);
    expect(ahp.message).toBe("p.xlsx holds 2 experts' matrices");
    const [missing] = await issuesOf(resolveStudy({ weighting: { G: { method: 'ahp', file: 'nope.xlsx' } } }, reader));
    expect(missing).toEqual({ path: ['weighting', 'G', 'file'], message: 'no upload named nope.xlsx' });
    const [delphi] = await issuesOf(resolveStudy({ delphi: { rounds: [{ scores: [[1]] }, { file: 'x.csv' }] } }, reader));
    expect(delphi.path).toEqual(['delphi', 'rounds', 1, 'file']);
    const [tpl] = await issuesOf(resolveStudy({ hierarchy: { template: 'nope' } }, reader));
    expect(tpl.path).toEqual(['hierarchy', 'template']);
    expect(tpl.allowed).toContain('jd-scf');
    const [extra] = await issuesOf(resolveStudy({ hierarchy: { template: 'ztmg', code: 'X' } }, reader));
    expect(extra.message).toBe('a template reference is {template: NAME} alone');
    expect((await issuesOf(resolveStudy([1, 2], reader)))[0].message).toBe('a study file is an object');
  });

  it('reads numbers from cells as tables hold them', () => {
    expect(cellNumber(null, () => 'x')).toBeNull();
    expect(cellNumber(2.5, () => 'x')).toBe(2.5);
    expect(() => cellNumber('1,234.5', () => 'x')).toThrow('has a comma');
    expect(() => cellNumber(' ', () => 'c.csv, row 2, column "A"')).toThrow('c.csv, row 2, column "A": " " is not a number');
  });
});
