/**
 * The shared zod pieces of method inputs (SPEC §10): numbers or fraction strings in matrices,
 * `null` for a missing pairwise judgment, bilingual labels; the conversion of zod's issues into
 * our ValidationError (one place where input shape is checked); and `optionSpec`, which lets a
 * front (the CLI's flags) read an options schema's allowed values and default.
 */

import { z } from 'zod';
import { type PathSegment, ValidationError } from './errors.ts';

const FRACTION = /^\s*([+-]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/;
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i;

/** The strings a cell accepts, as a JSON Schema pattern (a fraction "1/3" or a decimal "0.25"). */
export const CELL_STRING_PATTERN = '^\\s*([+-]?\\d+(\\.\\d+)?\\s*/\\s*\\d+(\\.\\d+)?|[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?)\\s*$';

const cellString = z.string().meta({
  description: 'a fraction such as "1/3" or a decimal such as "0.25", written as a string',
  pattern: CELL_STRING_PATTERN,
  examples: ['1/3', '0.25'],
});

/** A number, or a string such as "1/3" or "0.25"; finite. */
export const cellSchema = z
  .union([z.number(), cellString])
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        ctx.addIssue({ code: 'custom', message: `${v} is not a finite number` });
        return z.NEVER;
      }
      return v;
    }
    const f = FRACTION.exec(v);
    if (f) {
      const den = Number(f[2]);
      if (den === 0) {
        ctx.addIssue({ code: 'custom', message: `"${v}" divides by zero` });
        return z.NEVER;
      }
      return Number(f[1]) / den;
    }
    if (DECIMAL.test(v)) return Number(v);
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a number; write a number such as 3 or 0.25, or a fraction such as "1/3"` });
    return z.NEVER;
  })
  .describe('a number, or a fraction string such as "1/3" (also a decimal string such as "0.25")');

/** A cell that may be `null` (missing judgment). */
export const optionalCellSchema = z
  .union([z.null(), cellSchema])
  .describe('a number, a fraction string such as "1/3", or null for a missing judgment');

/** A row-major matrix of cells. */
export const matrixSchema = z.array(z.array(cellSchema)).min(1, 'the matrix is empty');

/** A row-major matrix whose cells may be `null`. */
export const incompleteMatrixSchema = z.array(z.array(optionalCellSchema)).min(1, 'the matrix is empty');

/** A list of numbers (weights, a series). */
export const vectorSchema = z.array(cellSchema).min(1, 'the list is empty');

/** A bilingual name: a string or `{zh, en}` with at least one of the two (an empty object names nothing). */
export const labelSchema = z
  .union([z.string(), z.object({ zh: z.string().optional(), en: z.string().optional() })])
  .superRefine((v, ctx) => {
    if (typeof v === 'object' && !v.zh && !v.en)
      ctx.addIssue(
        customIssue('a name {zh, en} with neither filled in names nothing', [], 'a string, or {zh: "…", en: "…"} with zh or en not empty'),
      );
  })
  .describe('a name: a string, or {zh, en}');

/** Optional labels of rows/columns/elements. */
export const labelsSchema = z.array(labelSchema).optional();

/** Indicator direction. */
export const directionSchema = z.enum(['benefit', 'cost']).describe('benefit: higher is better; cost: lower is better');

/** Indicator directions, one per column. */
export const directionsSchema = z
  .array(directionSchema)
  .optional()
  .describe('one direction per column (indicator), benefit or cost; default all benefit');

/**
 * A custom issue for a `superRefine` that renders like our own issues: `allowed` (what would be
 * accepted) travels in the zod issue's params and `parseWith` puts it back.
 */
export function customIssue(message: string, path: PathSegment[] = [], allowed?: string): z.core.$ZodRawIssue {
  return { code: 'custom', message, path, input: undefined, ...(allowed ? { params: { allowed } } : {}) };
}

/** A zod enum over a constant list of names (e.g. `PRIORITY_METHODS`). */
export function enumOf<T extends string>(values: readonly T[]) {
  return z.enum(values as unknown as [T, ...T[]]);
}

/** What a front needs of one option: its allowed values (enums), its default, its description. */
export interface OptionSpec {
  choices?: string[];
  default?: unknown;
  description?: string;
}

/**
 * The allowed values and default of option `key` of a method's options schema, so that the
 * CLI's flags and the server's request body share them (`optionSpec(ahpOptionsSchema, 'ri')`).
 */
export function optionSpec<S extends z.ZodObject>(schema: S, key: keyof S['shape'] & string): OptionSpec {
  let s = schema.shape[key] as z.ZodType | undefined;
  if (!s) throw new Error(`no option ${key} in this schema`);
  const spec: OptionSpec = {};
  if (s.description) spec.description = s.description;
  for (;;) {
    if (s instanceof z.ZodDefault) {
      spec.default = s.def.defaultValue;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    else break;
  }
  if (s instanceof z.ZodEnum) spec.choices = s.options.map(String);
  return spec;
}

/** Validate `data` against `schema`; on failure throw a ValidationError with one issue per zod issue. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, prefix: PathSegment[] = []): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((iss) => {
      const path = [...prefix, ...(iss.path as PathSegment[])];
      const options = (iss as { options?: unknown[] }).options;
      if (iss.code === 'invalid_union' && Array.isArray(options)) {
        // a discriminated union (e.g. `method`) whose tag is missing or unknown
        const value = valueAt(data, iss.path as PathSegment[]);
        return {
          path,
          message: value === undefined ? 'is required' : `${describe(value)} is not allowed`,
          allowed: options.map((o) => String(o)).join(', '),
        };
      }
      const allowed = iss.code === 'custom' ? (iss.params as { allowed?: unknown } | undefined)?.allowed : undefined;
      return typeof allowed === 'string' ? { path, message: iss.message, allowed } : { path, message: describeZodIssue(iss) };
    }),
  );
}

function describeZodIssue(iss: z.core.$ZodIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? `is required (expected ${iss.expected})` : `expected ${iss.expected}, got ${describe(iss.input)}`;
    case 'invalid_value':
      return `${describe(iss.input)} is not allowed; expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union': {
      const inner = iss.errors.flat().find((e) => e.code === 'custom');
      return inner ? inner.message : `${describe(iss.input)} has the wrong form`;
    }
    default:
      return iss.message;
  }
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<PathSegment, unknown>)[seg] : undefined;
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return String(v);
}

/**
 * Run `f`, whose ValidationErrors carry paths relative to the value of input field `field`
 * (starting with an index, or empty); re-throw them under `field` so messages say `matrix[2][0]`.
 * Paths that start with a name (an option such as `method`) are left as they are.
 */
export function underField<T>(field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ValidationError) {
      throw new ValidationError(
        e.issues.map((i) => (typeof i.path[0] === 'number' || i.path.length === 0 ? { ...i, path: [field, ...i.path] } : i)),
      );
    }
    throw e;
  }
}
