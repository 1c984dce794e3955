/**
 * `scf-risk evaluate` on large portfolios (CSV in, CSV out; fce, topsis, gra; with --explain the top
 * contributors per row, streamed): one kernel pool per run, with the CSV kernels of `@scf-risk/io` beside core's;
 * the CSV is parsed on the workers straight into shared column-major memory, the batch kernels
 * evaluate it there, the workers format the result rows and this thread writes them in order.
 * A progress bar shows on a terminal. The file is the one the general path writes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { type ColumnMajor, type Direction, labelText } from '@scf-risk/core';
import { type BatchPortfolioMethod, createKernelPool, defaultPoolSize, evaluatePortfolioBatch } from '@scf-risk/core/parallel';
import { numericCsvKernels, readNumericCsv, writeResultsCsv } from '@scf-risk/io';
import { startProgress } from './progress.ts';

export interface LargePortfolioJob {
  data: string;
  out: string;
  codes: readonly string[];
  weights: readonly number[];
  directions: readonly Direction[];
  method: BatchPortfolioMethod;
  /** Checks the leaf values and brings them onto the method's scale, in place, before the kernels run. */
  prepare?: (x: ColumnMajor) => void;
}

/** Evaluate and write; returns the number of alternatives. */
export async function evaluateLargePortfolio(job: LargePortfolioJob): Promise<number> {
  const pool = createKernelPool({ size: defaultPoolSize(), extra: numericCsvKernels });
  const bar = startProgress(100, 'evaluate');
  const step = (from: number, span: number) => (done: number, name: string) => bar.update(Math.round(from + span * done), name);
  try {
    const csv = await readNumericCsv(job.data, job.codes, { pool, onProgress: step(0, 70) });
    job.prepare?.(csv.x);
    bar.update(70, 'evaluating');
    const r = await evaluatePortfolioBatch(pool, csv.x, [...job.weights], job.directions, job.method);
    bar.update(80, 'writing');
    const fd = openSync(job.out, 'w');
    try {
      await writeResultsCsv(
        (chunk) => {
          for (let o = 0; o < chunk.length; ) o += writeSync(fd, chunk, o);
        },
        csv.ids,
        { score: r.score, rank: r.rank, grade: r.grade, gradeNames: r.grades?.map((g) => labelText(g.name)) },
        { pool, onProgress: step(80, 20) },
      );
    } finally {
      closeSync(fd);
    }
    return csv.ids.length;
  } finally {
    bar.stop();
    await pool.close();
  }
}
