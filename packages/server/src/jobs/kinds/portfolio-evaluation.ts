/**
 * `portfolio-evaluation`: run one method of the command line (as `POST /methods/<name>` takes it)
 * on many documents — e.g. TOPSIS or fuzzy evaluation for each application of a portfolio. Each
 * document is checked against the method's schemas at submission (400 naming
 * `input.documents[3].input.matrix[0][2]`); the job calls the same runner as the route and the CLI
 * (METHOD_RUNNERS), one document at a time, with progress and a checkpoint between documents.
 * Result: `{method, results: [one result per document]}`.
 */

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { METHOD_RUNNERS, METHOD_SCHEMAS, parseWith, ValidationError } from '@scf-risk/core';
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

export const portfolioEvaluation: JobKind<z.output<typeof input>> = {
  summary: 'run one method on many documents (as POST /methods/<name>); result: {method, results}',
  input,
  async run({ method, documents }, ctx) {
    const run = METHOD_RUNNERS[method as (typeof SERVED_METHODS)[number]];
    const results: object[] = [];
    const every = Math.max(1, Math.floor(documents.length / 50));
    for (const [k, d] of documents.entries()) {
      await ctx.checkpoint();
      try {
        results.push(run(d.input, d.options ?? {}));
      } catch (e) {
        if (e instanceof ValidationError) throw e.at('documents', k, 'input');
        throw e;
      }
      if ((k + 1) % every === 0 || k + 1 === documents.length)
        await ctx.progress((k + 1) / documents.length, `${k + 1} of ${documents.length} documents`);
      await yieldToEventLoop();
    }
    return { method, results };
  },
};
