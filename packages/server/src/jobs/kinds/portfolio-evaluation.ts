/**
 * `portfolio-evaluation`: run one method of the command line (as `POST /methods/<name>` takes it)
 * on many documents — e.g. TOPSIS or fuzzy evaluation for each application of a portfolio. Each
 * document is checked at submission against the method's schemas and then by the runner itself
 * without the analyses (judgment scales, uncertainty draws, consensus), so a structurally invalid
 * document — a matrix that is not square — is a 400 naming `input.documents[3].input.matrix[0]`
 * and nothing is queued; the job calls the same runner as the route and the CLI
 * (METHOD_RUNNERS), one document at a time, with progress and a checkpoint between documents.
 * Result: `{method, results: [one result per document]}`.
 */

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ahpAnalysisShape, METHOD_RUNNERS, METHOD_SCHEMAS, parseWith, ValidationError } from '@scf-risk/core';
import { z } from 'zod';
import { SERVED_METHODS } from '../../routes/methods.ts';
import type { JobKind } from '../registry.ts';
import { checkWith } from './check-with.ts';

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
      .max(MAX_DOCUMENTS),
  })
  .superRefine((v, ctx) => {
    const schemas = METHOD_SCHEMAS[v.method as (typeof SERVED_METHODS)[number]];
    v.documents.forEach((d, k) => {
      checkWith(ctx, ['documents', k, 'input'], () => parseWith(schemas.input, d.input));
      checkWith(ctx, ['documents', k, 'options'], () => parseWith(schemas.options, d.options ?? {}));
    });
  });

type Input = z.output<typeof input>;
type Document = Input['documents'][number];

/** The analyses beside the weights (judgment scales, Monte Carlo uncertainty, consensus): they add figures, not checks. */
const ANALYSES = new Set(Object.keys(ahpAnalysisShape));
const withoutAnalyses = (options: unknown) =>
  Object.fromEntries(Object.entries((options ?? {}) as Record<string, unknown>).filter(([k]) => !ANALYSES.has(k)));

/** Document k through the method's runner, its problems at `documents[k].input`. */
function runDocument(method: Input['method'], d: Document, k: number, options: unknown): object {
  try {
    return METHOD_RUNNERS[method as (typeof SERVED_METHODS)[number]](d.input, options);
  } catch (e) {
    throw e instanceof ValidationError ? e.at('documents', k, 'input') : e;
  }
}

export const portfolioEvaluation: JobKind<Input> = {
  summary: 'run one method on many documents (as POST /methods/<name>); result: {method, results}',
  input,
  async check({ method, documents }) {
    // The runner's own structural checks (a square, reciprocal matrix …), without the costly analyses.
    for (const [k, d] of documents.entries()) runDocument(method, d, k, withoutAnalyses(d.options));
  },
  async run({ method, documents }, ctx) {
    const results: object[] = [];
    const every = Math.max(1, Math.floor(documents.length / 50));
    for (const [k, d] of documents.entries()) {
      await ctx.checkpoint();
      results.push(runDocument(method, d, k, d.options ?? {}));
      if ((k + 1) % every === 0 || k + 1 === documents.length)
        await ctx.progress((k + 1) / documents.length, `${k + 1} of ${documents.length} documents`);
      await yieldToEventLoop();
    }
    return { method, results };
  },
};
