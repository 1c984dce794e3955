/**
 * Loading a study file (SPEC §7): YAML/JSON with line numbers, or a study workbook (.xlsx).
 * Resolves what core cannot read itself: `hierarchy: {template: NAME}` (a shipped template),
 * `alternatives: {file: data.csv|.xlsx, sheet?}` (first column the id, a column per leaf code),
 * `weighting.CODE: {method: ahp|group-ahp, file: panel.xlsx, layout?}` (expert matrices: a sheet
 * per expert, long expert,row,column,value, or one matrix), `delphi.rounds[k]: {file, round?,
 * sheet?}` (answers, wide or long) — files relative to the study — and fractions in tree matrices.
 */

import { dirname, extname, resolve } from 'node:path';
import { ValidationError } from '@scf-risk/core';
import {
  importDelphiAnswers,
  importJudgments,
  importStudyWorkbook,
  type JudgmentLayout,
  numberCell,
  readTable,
  roundScores,
} from '@scf-risk/io';
import { type Input, loadInput } from './input.ts';
import { loadTemplate } from './templates.ts';
import { parseTreeMatrices } from './tree-input.ts';

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

/** Weighting entries `{method: ahp|group-ahp, file, layout?}` get their matrices from the file. */
async function judgmentsFromFiles(weighting: Record<string, unknown>, base: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [code, entry] of Object.entries(weighting)) {
    if (!isObject(entry) || typeof entry.file !== 'string') {
      out[code] = entry;
      continue;
    }
    const { file, layout, ...rest } = entry;
    const imported = await importJudgments(resolve(base, file), layout as JudgmentLayout | undefined).catch((e) =>
      Promise.reject(e instanceof ValidationError ? e.at('weighting', code, 'file') : e),
    );
    const experts = imported.experts.map((e) => ({ id: e.id, ...(e.weight === undefined ? {} : { weight: e.weight }), matrix: e.matrix }));
    if (rest.method === 'ahp') {
      if (experts.length !== 1)
        throw new ValidationError([
          {
            path: ['weighting', code, 'file'],
            message: `${file} holds ${experts.length} experts' matrices`,
            allowed: 'method: group-ahp for a panel',
          },
        ]);
      out[code] = { ...rest, matrix: experts[0].matrix };
    } else out[code] = { ...rest, experts };
  }
  return out;
}

/** Delphi rounds `{file, round?, sheet?}` get their scores (and the indicators) from the answers file. */
async function delphiFromFiles(delphi: Record<string, unknown>, base: string): Promise<Record<string, unknown>> {
  let indicators = delphi.indicators;
  const rounds = [];
  for (const [k, r] of (delphi.rounds as unknown[]).entries()) {
    if (!isObject(r) || typeof r.file !== 'string') {
      rounds.push(r);
      continue;
    }
    const { file, round, sheet, ...rest } = r;
    const path = resolve(base, file);
    const at = (e: unknown) => Promise.reject(e instanceof ValidationError ? e.at('delphi', 'rounds', k, 'file') : e);
    const imported = await importDelphiAnswers(path, typeof sheet === 'string' ? { sheet } : {}).catch(at);
    const n = typeof round === 'number' ? round : imported.rounds[Math.min(k, imported.rounds.length - 1)];
    const got = await Promise.resolve()
      .then(() => roundScores(imported, n, file, Array.isArray(indicators) ? (indicators as string[]) : undefined))
      .catch(at);
    indicators ??= got.indicators;
    rounds.push({ name: `round ${n}`, ...rest, experts: got.experts, scores: got.scores });
  }
  return { ...delphi, ...(indicators ? { indicators } : {}), rounds };
}

/** Read a study file (YAML, JSON or a study workbook) without resolving its references. */
export async function readStudyInput(file: string): Promise<Input> {
  if (extname(file).toLowerCase() === '.xlsx') {
    const data = await importStudyWorkbook(file);
    return { file, data, lineOf: () => undefined };
  }
  return loadInput(file);
}

/** Resolve a study's references (template, data, judgment and answer files). Errors carry paths into the study. */
export async function resolveStudy(input: Input): Promise<Record<string, unknown>> {
  if (!isObject(input.data))
    throw new ValidationError([
      { path: [], message: 'a study file is an object', allowed: 'title, hierarchy, weighting, alternatives, …' },
    ]);
  const data = { ...input.data };
  const base = input.file === '<stdin>' ? process.cwd() : dirname(resolve(input.file));
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
  if (isObject(data.weighting)) data.weighting = await judgmentsFromFiles(data.weighting, base);
  if (isObject(data.delphi) && Array.isArray(data.delphi.rounds)) data.delphi = await delphiFromFiles(data.delphi, base);
  return data;
}
