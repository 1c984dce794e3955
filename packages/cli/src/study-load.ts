/**
 * Loading a study file (SPEC §7): YAML/JSON with line numbers, or a study workbook (.xlsx).
 * Resolves what core cannot read itself: `hierarchy: {template: NAME}` (a shipped template),
 * `alternatives: {file: data.csv|.xlsx, sheet?}` (first column the id, a column per leaf code;
 * relative to the study file), and fraction strings in tree matrices.
 */
import { dirname, extname, resolve } from 'node:path';
import { ValidationError } from '@scf-risk/core/errors.ts';
import { type Input, loadInput } from './input.ts';
import { importStudyWorkbook } from './io/study-xlsx.ts';
import { numberCell, readTable } from './io/tables.ts';
import { loadTemplate } from './templates.ts';
import { parseTreeMatrices } from './tree-input.ts';

/** A loaded study: the input (for line numbers) and the data with references resolved. */
export interface LoadedStudy {
  input: Input;
  data: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Alternatives from a data table: id in the first column, numbers in the others (empty = none). */
async function alternativesFromFile(ref: Record<string, unknown>, base: string): Promise<unknown[]> {
  const unknownKeys = Object.keys(ref).filter((k) => k !== 'file' && k !== 'sheet');
  if (typeof ref.file !== 'string' || unknownKeys.length > 0)
    throw new ValidationError([
      {
        path: ['alternatives'],
        message: 'a data-file reference is {file, sheet?}',
        allowed: 'a list of alternatives, or {file: data.csv}',
      },
    ]);
  const table = await readTable(resolve(base, ref.file), typeof ref.sheet === 'string' ? { sheet: ref.sheet } : {});
  const issues: { path: string[]; message: string }[] = [];
  const alts = table.rows.map((row, i) => {
    const values: Record<string, number> = {};
    table.header.forEach((h, c) => {
      if (c === 0) return;
      try {
        const v = numberCell(table, i, c);
        if (v !== null) values[h] = v;
      } catch (e) {
        if (e instanceof ValidationError) issues.push(...e.issues.map((x) => ({ path: ['alternatives'], message: x.message })));
        else throw e;
      }
    });
    return { id: String(row[0] ?? i + 1), values };
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return alts;
}

/** Read `file` and resolve its references. Errors carry paths into the study. */
export async function loadStudy(file: string): Promise<LoadedStudy> {
  if (extname(file).toLowerCase() === '.xlsx') {
    const data = await importStudyWorkbook(file);
    return { input: { file, data, lineOf: () => undefined }, data };
  }
  const input = await loadInput(file);
  if (!isObject(input.data))
    throw new ValidationError([
      { path: [], message: 'a study file is an object', allowed: 'title, hierarchy, weighting, alternatives, …' },
    ]);
  const data = { ...input.data };
  const base = dirname(resolve(file));
  if (isObject(data.hierarchy) && 'template' in data.hierarchy) {
    const { template, ...rest } = data.hierarchy;
    if (typeof template !== 'string' || Object.keys(rest).length > 0)
      throw new ValidationError([
        {
          path: ['hierarchy', 'template'],
          message: 'a template reference is {template: NAME} alone',
          allowed: 'scf-risk templates lists the names',
        },
      ]);
    data.hierarchy = (
      await loadTemplate(template).catch((e) => Promise.reject(e instanceof ValidationError ? e.at('hierarchy', 'template') : e))
    ).data;
  }
  if (data.hierarchy !== undefined) data.hierarchy = parseTreeMatrices(data.hierarchy, ['hierarchy']);
  if (isObject(data.alternatives)) data.alternatives = await alternativesFromFile(data.alternatives, base);
  return { input, data };
}
