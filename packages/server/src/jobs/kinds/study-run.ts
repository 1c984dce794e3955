/**
 * `study-run`: run a study document (SPEC §7) with core's study runner; the result is the run
 * result (`StudyResult`, what `scf-risk run --format json` prints). References are resolved as the
 * CLI resolves them (`resolveStudy`): shipped templates (`hierarchy: {template: ztmg}`) yes, files
 * no — the server reads no files, so data and judgments are inline. The study is resolved and
 * checked in full at submission (core's `checkStudy`), so a bad study is a 400 naming the field,
 * not a failed job. The runner is one synchronous computation: progress is 0 before it and 1 after.
 */
import { checkStudy, resolveStudy, runStudy, type StudyReader, ValidationError } from '@scf-risk/core';
import { messageText } from '@scf-risk/report';
import { z } from 'zod';
import type { JobKind } from '../registry.ts';

const input = z.strictObject({
  study: z.record(z.string(), z.unknown()).describe('a study document (the YAML/JSON of scf-risk run, as JSON), data inline'),
});

const noFiles = (): never => {
  throw new ValidationError([
    { path: [], message: 'the server reads no files', allowed: 'the data inline (alternatives, matrices, Delphi scores)' },
  ]);
};
/** Templates from the shipped catalogue; every file reference refused. */
const serverReader: StudyReader = { table: noFiles, judgments: noFiles, delphiAnswers: noFiles };

async function resolved(study: unknown) {
  try {
    return await resolveStudy(study, serverReader);
  } catch (e) {
    throw e instanceof ValidationError ? e.at('study') : e;
  }
}

export const studyRun: JobKind<z.output<typeof input>> = {
  summary: 'run a study document (Delphi → weights → evaluation → sensitivity); result: the study result',
  input,
  async check({ study }) {
    const data = await resolved(study);
    try {
      checkStudy(data);
    } catch (e) {
      throw e instanceof ValidationError ? e.at('study') : e;
    }
  },
  async run({ study }, ctx) {
    await ctx.progress(0, messageText('job.study.running'));
    const data = await resolved(study);
    await ctx.checkpoint();
    let last = '';
    const result = runStudy(data, { onStep: (_done, _total, step) => (last = step) });
    await ctx.progress(1, last ? messageText('job.study.done', { step: last }) : messageText('job.done'));
    return result;
  },
};
