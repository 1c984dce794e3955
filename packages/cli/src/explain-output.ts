/**
 * `scf-risk evaluate --explain` in tables and CSV: per alternative its top K contributions
 * (code, W_l·v_l and share of the score, largest first) as columns top1_code, top1_contribution,
 * top1_share, …. Large portfolios (CSV in and out) stream them: the leaf values are read into
 * column-major shared memory, the batch kernels score them on every core, and the rows are
 * formatted block by block from the typed arrays — no object per alternative. The file is the
 * one the general path writes for the same K.
 */
import { type ColumnMajor, labelText, topContributions } from '@scf-risk/core';
import { type BatchPortfolioMethod, createKernelPool, defaultPoolSize, evaluatePortfolioBatch } from '@scf-risk/core/parallel';
import { csvField, numericCsvKernels, readNumericCsv } from '@scf-risk/io';
import type { LargePortfolioJob } from './large-portfolio.ts';
import { startProgress } from './progress.ts';
import { writeOutput } from './write-file.ts';

/** One explained contribution as the columns show it. */
export interface TopContribution {
  code: string;
  contribution: number;
  share: number;
}

/** The header of the explained CSV: id, score, grade, rank, then top{k}_code, top{k}_contribution, top{k}_share. */
export function explainHeader(k: number): string[] {
  const h = ['id', 'score', 'grade', 'rank'];
  for (let t = 1; t <= k; t++) h.push(`top${t}_code`, `top${t}_contribution`, `top${t}_share`);
  return h;
}

/** One CSV line (without its line break): numbers as JavaScript prints them, text quoted when it must be. */
export function explainLine(id: string, score: number, grade: string, rank: number, tops: readonly TopContribution[], k: number): string {
  let line = `${csvField(id)},${score},${grade === '' ? '' : csvField(grade)},${rank}`;
  for (let t = 0; t < k; t++) {
    const c = tops[t];
    line += c ? `,${csvField(c.code)},${c.contribution},${c.share}` : ',,,';
  }
  return line;
}

/** A table cell: "S22 2.115 (24.5 %)". */
export function explainCell(c: TopContribution | undefined, digits = 4): string {
  if (!c) return '';
  return `${c.code} ${Number(c.contribution.toFixed(digits))} (${Number((100 * c.share).toFixed(1))} %)`;
}

export interface ExplainedLargeJob extends LargePortfolioJob {
  /** Contributions per row. */
  top: number;
  /** Checks and brings the leaf values onto the method's scale, in place, before the kernels run. */
  prepare?: (x: ColumnMajor) => void;
  /** fce: the grade axis [lowest, highest]; values beyond count as the end grade. */
  axis?: [number, number];
}

const BLOCK = 16_384;

/** Evaluate a large CSV portfolio and write id, score, grade, rank and the top contributions; returns the number of alternatives. */
export async function evaluateLargeExplained(job: ExplainedLargeJob): Promise<number> {
  const pool = createKernelPool({ size: defaultPoolSize(), extra: numericCsvKernels });
  const bar = startProgress(100, 'evaluate');
  try {
    const csv = await readNumericCsv(job.data, job.codes, {
      pool,
      onProgress: (done, name) => bar.update(Math.round(60 * done), name),
    });
    job.prepare?.(csv.x);
    bar.update(60, 'evaluating');
    const method: BatchPortfolioMethod = job.method;
    const r = await evaluatePortfolioBatch(pool, csv.x, [...job.weights], job.directions, method);
    bar.update(70, 'writing');
    const m = csv.x.rows;
    const n = job.codes.length;
    const k = Math.min(job.top, n);
    const data = csv.x.data;
    const [lo, hi] = job.axis ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    const weights = [...job.weights];
    const gradeNames = r.grades?.map((g) => labelText(g.name)) ?? [];
    const parts = new Float64Array(n);
    const top = new Int32Array(Math.max(1, k));
    const tops: TopContribution[] = Array.from({ length: k }, () => ({ code: '', contribution: 0, share: 0 }));
    let i = 0;
    const valueAt = (j: number) => {
      const v = data[j * m + i];
      return v < lo ? lo : v > hi ? hi : v;
    };
    await writeOutput(job.out, {
      fill: async (chunk: (bytes: Uint8Array) => void) => {
        const write = (text: string) => chunk(Buffer.from(text, 'utf8'));
        write(`${explainHeader(k).join(',')}\n`);
        for (let from = 0; from < m; from += BLOCK) {
          const lines: string[] = [];
          const to = Math.min(m, from + BLOCK);
          for (i = from; i < to; i++) {
            const score = topContributions(weights, valueAt, k, parts, top);
            for (let t = 0; t < k; t++) {
              const j = top[t];
              tops[t].code = job.codes[j];
              tops[t].contribution = parts[j];
              tops[t].share = score === 0 ? 0 : parts[j] / score;
            }
            lines.push(explainLine(csv.ids.get(i), r.score[i], r.grade ? gradeNames[r.grade[i]] : '', r.rank[i], tops, k));
          }
          write(`${lines.join('\n')}\n`);
          bar.update(70 + Math.round((30 * to) / m), 'writing');
        }
      },
    });
    return m;
  } finally {
    bar.stop();
    await pool.close();
  }
}
