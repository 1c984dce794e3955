/** GET /book/summary: the book's size (enterprises, loans by status) and the latest run's balance and NPL ratio. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../schemas.ts';
import { bookSummary } from '../services/book-summary.ts';

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/book/summary',
    {
      schema: {
        tags: ['book'],
        summary: 'How many enterprises and loans (by status); the latest monitoring run’s outstanding balance, NPL balance and NPL ratio',
        response: {
          200: z.object({
            enterprises: z.number().int(),
            loans: z.number().int(),
            loansByStatus: z.record(z.string(), z.number().int()),
            latestRun: z
              .object({
                asOf: z.string(),
                balanceMinor: z.string().describe('outstanding balance, minor units'),
                nplBalanceMinor: z.string(),
                nplRatio: z.number().nullable(),
              })
              .nullable(),
          }),
          ...problems,
        },
      },
    },
    () => bookSummary(app),
  );
};
export default plugin;
