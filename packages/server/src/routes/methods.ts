/**
 * `POST /methods/<name>`: a method of the command line as an endpoint. The body is
 * `{input, options?}`: `input` is the document `scf-risk <name>` reads (JSON), `options` its flags;
 * both checked by core's schemas (METHOD_SCHEMAS), so errors name the same fields (`input.matrix[0][2]`).
 * The result is the JSON `scf-risk <name> --format json` prints.
 *
 * Runners exist for ahp, entropy and topsis; the other methods of METHOD_SCHEMAS need the same
 * input → core call that their CLI commands make (see docs/decisions.md, "Method endpoints").
 */
import {
  ahp,
  type ahpInputSchema,
  type ahpOptionsSchema,
  type EntropyNormalisation,
  type entropyInputSchema,
  entropyMatrixSchema,
  entropyOfComparisonMatrix,
  type entropyOptionsSchema,
  entropyWeights,
  METHOD_SCHEMA_NAMES,
  METHOD_SCHEMAS,
  type MethodSchemaName,
  parseWith,
  topsis,
  type topsisInputSchema,
  type topsisOptionsSchema,
  underField,
  ValidationError,
} from '@scf-risk/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../schemas.ts';

type Out<S extends z.ZodType> = z.output<S>;
type Runner = (input: never, options: never, raw: unknown) => unknown;

/** The input → core call of each method, as its CLI command makes it. */
export const METHOD_RUNNERS: Partial<Record<MethodSchemaName, Runner>> = {
  ahp: (d: Out<typeof ahpInputSchema>, o: Out<typeof ahpOptionsSchema>) =>
    underField('matrix', () => ahp(d.matrix, { method: o.method, ri: o.ri, lambda: o.lambda, ...(d.labels ? { labels: d.labels } : {}) })),
  entropy: (d: Out<typeof entropyInputSchema>, o: Out<typeof entropyOptionsSchema>, raw: unknown) => {
    const labels = d.labels ? { labels: d.labels } : {};
    // The matrix is re-checked by the schema its normalisation needs (null cells only in a pairwise matrix).
    const cells = (raw as { matrix?: unknown } | null)?.matrix;
    if (o.normalisation === 'ahp-matrix') {
      const m = parseWith(entropyMatrixSchema('ahp-matrix'), cells, ['matrix']);
      return underField('matrix', () => entropyOfComparisonMatrix(m, labels));
    }
    const m = parseWith(entropyMatrixSchema(o.normalisation), cells, ['matrix']) as number[][];
    return underField('matrix', () =>
      entropyWeights(m, {
        normalisation: o.normalisation as EntropyNormalisation,
        shift: o.shift,
        ...labels,
        ...(d.directions ? { directions: d.directions } : {}),
      }),
    );
  },
  topsis: (d: Out<typeof topsisInputSchema>, o: Out<typeof topsisOptionsSchema>) => {
    const result = underField('matrix', () =>
      topsis(d.matrix, d.weights, {
        normalisation: o.normalisation,
        normalise: o.normalise,
        ...(d.directions ? { directions: d.directions } : {}),
        ...(d.labels ? { labels: d.labels } : {}),
      }),
    );
    return { ...result, ...(d.alternatives ? { alternatives: d.alternatives } : {}) };
  },
} as Partial<Record<MethodSchemaName, Runner>>;

/** The methods served (those of METHOD_SCHEMAS with a runner). */
export const SERVED_METHODS = METHOD_SCHEMA_NAMES.filter((n) => METHOD_RUNNERS[n] !== undefined);

const plugin: FastifyPluginAsyncZod = async (app) => {
  for (const name of SERVED_METHODS) {
    const entry = METHOD_SCHEMAS[name];
    const run = METHOD_RUNNERS[name] as (input: unknown, options: unknown, raw: unknown) => unknown;
    app.post(
      `/methods/${name}`,
      {
        schema: {
          tags: ['methods'],
          summary: `scf-risk ${name}: ${entry.summary}`,
          body: z.strictObject({
            input: entry.input,
            options: (entry.options as z.ZodObject).prefault({}),
          }),
          response: { 200: z.record(z.string(), z.unknown()).describe(`what scf-risk ${name} --format json prints`), ...problems },
        },
      },
      async (request) => {
        const body = request.body as { input: unknown; options: unknown };
        try {
          return run(body.input, body.options, body.input) as Record<string, unknown>;
        } catch (e) {
          if (e instanceof ValidationError) throw e.at('input');
          throw e;
        }
      },
    );
  }
};

export default plugin;
