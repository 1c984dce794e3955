/**
 * `portfolio-evaluation`: run one method of the command line (as `POST /methods/<name>` takes it)
 * on many documents — e.g. TOPSIS or fuzzy evaluation for each application of a portfolio. Each
 * document is checked at submission against the method's schemas and then by the runner itself
 * without the analyses (judgment scales, uncertainty draws, consensus), so a structurally invalid
 * document — a matrix that is not square — is a 400 naming `input.documents[3].input.matrix[0]`
 * and nothing is queued; the job calls the same runner as the route and the CLI
 * (METHOD_RUNNERS), one document at a time, with progress and a checkpoint between documents.
 *
 * TOPSIS only: instead of `documents`, a portfolio file (`table`: CSV text or an XLSX workbook,
 * portfolio-table.ts) read at submission and again when the job runs — a bad cell is a 400 at
 * `input.table` naming file, sheet and cell; and `rankProbabilities` ({draws, seed,
 * concentration}, rank-probabilities.ts): P(rank = k) of every alternative under Monte-Carlo
 * weights, bounded (400 at `input.rankProbabilities…` beyond the bounds).
 * Result: `{method, results: [one result per document], table?: {file, sheet, input} (the
 * document read from the file), rankProbabilities?: [one per document]}`.
 */

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  ahpAnalysisShape,
  customIssue,
  METHOD_RUNNERS,
  METHOD_SCHEMAS,
  type MonteCarloResult,
  type PathSegment,
  parseWith,
  type TopsisResult,
  topsisInputSchema,
  ValidationError,
} from '@scf-risk/core';
import { messageText } from '@scf-risk/report';
import { z } from 'zod';
import { SERVED_METHODS } from '../../routes/methods.ts';
import type { JobKind } from '../registry.ts';
import { checkWith } from './check-with.ts';
import { portfolioTableSchema, type ReadPortfolio, readPortfolioTable } from './portfolio-table.ts';
import { checkRankBudget, rankProbabilities, rankProbabilitiesSchema } from './rank-probabilities.ts';

const MAX_DOCUMENTS = 10_000;

const input = z
  .strictObject({
    method: z.enum(SERVED_METHODS as [string, ...string[]]).describe('a method of POST /methods/<name>'),
    documents: z
      .array(
        z.strictObject({
          input: z.unknown().describe('the input document, as POST /methods/<name> takes it'),
          options: z.unknown().optional().describe('its options'),
        }),
      )
      .min(1)
      .max(MAX_DOCUMENTS)
      .optional()
      .describe('the documents (or a table)'),
    table: portfolioTableSchema.optional().describe('topsis: a portfolio file (CSV or XLSX) instead of documents'),
    rankProbabilities: rankProbabilitiesSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.documents === undefined) === (v.table === undefined))
      ctx.addIssue(customIssue('give documents or a table, one of the two', ['documents']));
    for (const key of ['table', 'rankProbabilities'] as const)
      if (v[key] !== undefined && v.method !== 'topsis') ctx.addIssue(customIssue(`${key} is for method topsis`, [key], 'topsis'));
    const schemas = METHOD_SCHEMAS[v.method as (typeof SERVED_METHODS)[number]];
    v.documents?.forEach((d, k) => {
      checkWith(ctx, ['documents', k, 'input'], () => parseWith(schemas.input, d.input));
      checkWith(ctx, ['documents', k, 'options'], () => parseWith(schemas.options, d.options ?? {}));
    });
  });

type Input = z.output<typeof input>;
type Document = NonNullable<Input['documents']>[number];

/** The analyses beside the weights (judgment scales, Monte Carlo uncertainty, consensus): they add figures, not checks. */
const ANALYSES = new Set(Object.keys(ahpAnalysisShape));
const withoutAnalyses = (options: unknown) =>
  Object.fromEntries(Object.entries((options ?? {}) as Record<string, unknown>).filter(([k]) => !ANALYSES.has(k)));

/** A document through the method's runner, its problems at `at` (`documents[k].input`, or `table`). */
function runDocument(method: Input['method'], d: Document, at: PathSegment[], options: unknown): object {
  try {
    return METHOD_RUNNERS[method as (typeof SERVED_METHODS)[number]](d.input, options);
  } catch (e) {
    throw e instanceof ValidationError ? e.at(...at) : e;
  }
}

/** The documents to run: those given, or the one read from the table (with where it came from). */
async function documentsOf(o: Input): Promise<{ documents: Document[]; read?: ReadPortfolio }> {
  if (o.documents) return { documents: o.documents };
  const read = await readPortfolioTable(o.table as NonNullable<Input['table']>);
  return { documents: [{ input: read.input }], read };
}

/** Where document k's problems belong: `documents[k].input`, or `table` for the document read from it. */
const placeOf = (read: ReadPortfolio | undefined, k: number): PathSegment[] => (read ? ['table'] : ['documents', k, 'input']);

export const portfolioEvaluation: JobKind<Input> = {
  summary:
    'run one method on many documents (as POST /methods/<name>), or TOPSIS on a CSV / XLSX portfolio, with rank probabilities on request; result: {method, results, table?, rankProbabilities?}',
  input,
  async check(o) {
    const { documents, read } = await documentsOf(o);
    // The runner's own structural checks (a square, reciprocal matrix …), without the costly analyses.
    for (const [k, d] of documents.entries()) runDocument(o.method, d, placeOf(read, k), withoutAnalyses(d.options));
    if (o.rankProbabilities)
      checkRankBudget(
        o.rankProbabilities,
        documents.map((d) => {
          const t = parseWith(topsisInputSchema, d.input);
          return { alternatives: t.matrix.length, indicators: t.weights.length };
        }),
      );
  },
  async run(o, ctx) {
    const { documents, read } = await documentsOf(o);
    const results: object[] = [];
    const share = o.rankProbabilities ? 0.5 : 1;
    const every = Math.max(1, Math.floor(documents.length / 50));
    for (const [k, d] of documents.entries()) {
      await ctx.checkpoint();
      results.push(runDocument(o.method, d, placeOf(read, k), d.options ?? {}));
      if ((k + 1) % every === 0 || k + 1 === documents.length)
        await ctx.progress(
          (share * (k + 1)) / documents.length,
          messageText('job.portfolio.documents', { done: k + 1, total: documents.length }),
        );
      await yieldToEventLoop();
    }
    const ranks: MonteCarloResult[] = [];
    if (o.rankProbabilities)
      for (const [k, d] of documents.entries()) {
        await ctx.checkpoint();
        ranks.push(rankProbabilities(parseWith(topsisInputSchema, d.input), results[k] as TopsisResult, o.rankProbabilities));
        if ((k + 1) % every === 0 || k + 1 === documents.length)
          await ctx.progress(
            0.5 + (0.5 * (k + 1)) / documents.length,
            messageText('job.portfolio.ranks', { done: k + 1, total: documents.length }),
          );
        await yieldToEventLoop();
      }
    return {
      method: o.method,
      results,
      ...(read ? { table: read } : {}),
      ...(o.rankProbabilities ? { rankProbabilities: ranks } : {}),
    };
  },
};
