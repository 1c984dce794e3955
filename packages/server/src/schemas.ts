/** Zod pieces shared by the routes: ids, money, dates, paging, problems. */
import { z } from 'zod';
import { messageTextSchema } from './services/texts.ts';

export const idSchema = z.uuid().describe('an id (UUID)');
export const idParams = z.strictObject({ id: idSchema });

/** Money on the wire: integer minor units as a string (exact beyond 2^53) and an ISO 4217 code. */
export const minorSchema = z
  .union([
    z.string().regex(/^-?\d{1,18}$/, 'an integer number of minor units, as a string'),
    z
      .number()
      .int()
      .min(-(2 ** 53) + 1)
      .max(2 ** 53 - 1),
  ])
  .describe('amount in integer minor units (fen for CNY), e.g. "150000000" = 1,500,000.00')
  .transform((v) => BigInt(v));
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as CNY')
  .describe('ISO 4217 currency code, e.g. CNY');
export const moneyOut = z.object({ minor: z.string().describe('integer minor units'), currency: z.string() });

export const dateSchema = z.iso.date().describe('a date, YYYY-MM-DD');

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('at most this many rows (1–500)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('skip this many rows'),
};

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), allowed: z.string().optional(), text: messageTextSchema.optional() }))
      .optional(),
    text: messageTextSchema
      .optional()
      .describe('the detail as a catalogue text (code and parameters), when the server words it on purpose'),
  })
  .describe('application/problem+json (RFC 9457) with one entry per problem');

/** The error responses every route documents. */
export const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };

export const money = (minor: bigint, currency: string) => ({ minor: minor.toString(), currency });
