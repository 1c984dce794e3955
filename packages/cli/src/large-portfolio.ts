/**
 * `scf-risk evaluate` on large portfolios (CSV in, CSV out; fce, topsis, gra; with --explain the top
 * contributors per row, streamed): one kernel pool per run, with the CSV kernels of `@scf-risk/io` beside core's;
 * the CSV is parsed on the workers straight into shared column-major memory, the batch kernels
 * evaluate it there (fce on scores: parsed and evaluated in one pass, no matrix — `fused`), the workers format the result rows and this thread writes them in order.
 * A progress bar shows on a terminal. The file is the one the general path writes.
 */

import {
  type BatchPortfolioMethod,
  type coreKernels,
  createKernelPool,
  defaultPoolSize,
  evaluatePortfolioBatch,
  type KernelPool,
  ranksDescendingParallel,
} from '@scf-risk/core/parallel';
import { type ColumnMajor, DEFAULT_GRADES, type Direction, labelText, planFuzzy } from '@scf-risk/core/portfolio';
import {
  type BatchResultColumns,
  type CsvKernels,
  type IdColumn,
  numericCsvKernels,
  readNumericCsv,
  readNumericCsvFuzzy,
  writeResultsCsv,
} from '@scf-risk/io/numeric-csv';
import { startProgress } from './progress.ts';
import { writeOutput } from './write-file.ts';

export interface LargePortfolioJob {
  data: string;
  out: string;
  codes: readonly string[];
  weights: readonly number[];
  directions: readonly Direction[];
  method: BatchPortfolioMethod;
  /** Checks the leaf values and brings them onto the method's scale, in place, before the kernels run. */
  prepare?: (x: ColumnMajor) => void;
  /**
   * fce only, when every leaf would be read as scores if its values lie on the grade axis (benefit
   * leaves without a rule): parse and evaluate in one pass, no matrix (`readNumericCsvFuzzy`). If a
   * column turns out to hold a value off the axis, the file is read again the general way
   * (`prepare` then maps or refuses the raw values), so the output is the general path's in every case.
   */
  fused?: boolean;
  /** A pool made by `startLargePortfolioPool` (its workers boot while the caller reads the tree); closed here. */
  pool?: LargePortfolioPool;
}

export type LargePortfolioPool = KernelPool<typeof coreKernels & CsvKernels>;

/** The pool of a large-portfolio run (core's kernels and the CSV kernels), one worker per core. */
export function startLargePortfolioPool(): LargePortfolioPool {
  return createKernelPool({ size: defaultPoolSize(), extra: numericCsvKernels });
}

/** Evaluate and write; returns the number of alternatives. */
export async function evaluateLargePortfolio(job: LargePortfolioJob): Promise<number> {
  const pool = job.pool ?? startLargePortfolioPool();
  const bar = startProgress(100, 'evaluate');
  const step = (from: number, span: number) => (done: number, name: string) => bar.update(Math.round(from + span * done), name);
  const write = async (ids: IdColumn, r: BatchResultColumns) => {
    bar.update(80, 'writing');
    await writeOutput(job.out, {
      fill: (chunk: (bytes: Uint8Array) => void) => writeResultsCsv(chunk, ids, r, { pool, onProgress: step(80, 20) }),
    });
  };
  try {
    if (job.fused && job.method === 'fce') {
      const n = job.codes.length;
      const plan = planFuzzy({ rows: 0, cols: n, data: new Float64Array(0) }, job.weights, DEFAULT_GRADES);
      const scores = DEFAULT_GRADES.map((g) => g.score);
      const scale: [number, number] = [Math.min(...scores), Math.max(...scores)];
      const f = await readNumericCsvFuzzy(job.data, job.codes, { plan, scale }, { pool, onProgress: step(0, 75) });
      if (f.off === 0) {
        bar.update(75, 'ranking');
        const rank = await ranksDescendingParallel(pool, f.score);
        await write(f.ids, { score: f.score, rank, grade: f.grade, gradeNames: DEFAULT_GRADES.map((g) => labelText(g.name)) });
        return f.ids.length;
      }
      // a column holds raw values: the general way below (mapping needs the whole column first)
      bar.update(0, 'reading again');
    }
    const csv = await readNumericCsv(job.data, job.codes, { pool, onProgress: step(0, 70) });
    job.prepare?.(csv.x);
    bar.update(70, 'evaluating');
    const r = await evaluatePortfolioBatch(pool, csv.x, [...job.weights], job.directions, job.method);
    await write(csv.ids, { score: r.score, rank: r.rank, grade: r.grade, gradeNames: r.grades?.map((g) => labelText(g.name)) });
    return csv.ids.length;
  } finally {
    bar.stop();
    // the workers are told to end; nothing waits on them (their threads' exit takes ~40 ms)
    void pool.close();
  }
}
