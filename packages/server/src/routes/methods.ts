/**
 * `POST /methods/<name>`: a method of the command line as an endpoint. The body is
 * `{input, options?}`: `input` is the document `scf-risk <name>` reads (JSON), `options` its flags;
 * both checked by core's schemas (METHOD_SCHEMAS), so errors name the same fields (`input.matrix[0][2]`).
 * The result is the JSON `scf-risk <name> --format json` prints: every method with a runner in
 * core (METHOD_RUNNERS, all but `study`, whose files a front resolves) is served, and the route
 * calls the same runner as the CLI command.
 */
import {
  isMethodRunnerName,
  METHOD_RUNNERS,
  METHOD_SCHEMA_NAMES,
  METHOD_SCHEMAS,
  type MethodRunnerName,
  ValidationError,
} from '@scf-risk/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../schemas.ts';

/** The methods served: those of METHOD_SCHEMAS with a runner, in its order. */
export const SERVED_METHODS: MethodRunnerName[] = METHOD_SCHEMA_NAMES.filter(isMethodRunnerName);

/**
 * The input document as sent. The body schema has already turned "1/3" into numbers and checked
 * the shape (400); the runner re-reads the document as written, exactly as the CLI reads a file
 * (a computation's ValidationError is a 422).
 */
const sentInput = new WeakMap<FastifyRequest, unknown>();

const plugin: FastifyPluginAsyncZod = async (app) => {
  for (const name of SERVED_METHODS) {
    const entry = METHOD_SCHEMAS[name];
    const run = METHOD_RUNNERS[name];
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
        preValidation: async (request) => {
          sentInput.set(request, (request.body as { input?: unknown } | null | undefined)?.input);
        },
      },
      async (request) => {
        const body = request.body as { input: unknown; options: unknown };
        const input = sentInput.has(request) ? sentInput.get(request) : body.input;
        try {
          return run(input, body.options) as Record<string, unknown>;
        } catch (e) {
          if (e instanceof ValidationError) throw e.at('input');
          throw e;
        }
      },
    );
  }
};

export default plugin;
