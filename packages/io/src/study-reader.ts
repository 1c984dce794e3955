/**
 * The study reader core's `resolveStudy` asks for referenced files, built on io's parsers: give
 * it a way to fetch a referenced file's bytes (the CLI reads them next to the study, the server
 * looks them up among the uploads) and it parses tables, judgment matrices and Delphi answers.
 *
 * @example resolveStudy(doc, studyReader(async (file) => ({ name: file, bytes: uploads.get(file) })))
 */
import type { StudyReader } from '@scf-risk/core';
import type { FileBytes } from './file.ts';
import { importDelphiAnswers } from './import-delphi.ts';
import { importJudgments, type JudgmentLayout } from './import-judgments.ts';
import { readTable } from './tables.ts';

/** A StudyReader over `fetch` (a referenced file name as the study writes it → its bytes). */
export function studyReader(fetch: (file: string) => Promise<FileBytes>): StudyReader {
  return {
    table: async (ref) => readTable(await fetch(ref.file), ref.sheet === undefined ? {} : { sheet: ref.sheet }),
    judgments: async (ref) => importJudgments(await fetch(ref.file), ref.layout as JudgmentLayout | undefined),
    delphiAnswers: async (ref) => importDelphiAnswers(await fetch(ref.file), ref.sheet === undefined ? {} : { sheet: ref.sheet }),
  };
}
