/**
 * Loading a study file (SPEC §7): YAML/JSON with line numbers, or a study workbook (.xlsx), and
 * its references resolved by core's `resolveStudy` through io's parsers, with referenced files
 * read relative to the study (the current folder for standard input). Fractions in tree matrices
 * become numbers here.
 */

import { dirname, extname, resolve } from 'node:path';
import { parseTreeMatrices, resolveStudy } from '@scf-risk/core';
import { importStudyWorkbook, studyReader } from '@scf-risk/io';
import { type Input, loadInput, readFileBytes } from './input.ts';

/** Read a study file (YAML, JSON or a study workbook) without resolving its references. */
export async function readStudyInput(file: string): Promise<Input> {
  if (extname(file).toLowerCase() === '.xlsx') {
    const data = await importStudyWorkbook(await readFileBytes(file));
    return { file, data, lineOf: () => undefined };
  }
  return loadInput(file);
}

/**
 * The study with its references (template, data, judgment and answer files) resolved; files are
 * named in messages by their full path. Errors carry paths into the study.
 */
export async function loadStudy(input: Input): Promise<Record<string, unknown>> {
  const base = input.file === '<stdin>' ? process.cwd() : dirname(resolve(input.file));
  const data = await resolveStudy(
    input.data,
    studyReader((file) => readFileBytes(resolve(base, file))),
  );
  if (data.hierarchy !== undefined) data.hierarchy = parseTreeMatrices(data.hierarchy, ['hierarchy']);
  return data;
}
