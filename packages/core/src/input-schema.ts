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

/** What a numeric cell accepts, in words (the `allowed` of its issues). */
const CELL_ALLOWED = 'a number such as 3 or 0.25, or a fraction such as "1/3"';

/**
 * A zod error map whose message carries what is allowed: `parseWith` splits it back into the
 * issue's `message` and `allowed` (zod's messages are strings; this keeps both in one).
 */
export function errorWithAllowed(message: (input: unknown) => string, allowed: string) {
  return (iss: { input?: unknown; errors?: unknown }) =>
    // an option that matched the type but refused the value (`"1/0"`) says it better itself
    hasCustomIssue(iss.errors) ? undefined : `${message(iss.input)}${ALLOWED_SEPARATOR}${allowed}`;
}

function hasCustomIssue(errors: unknown): boolean {
  return Array.isArray(errors) && errors.flat(Number.POSITIVE_INFINITY).some((e) => (e as { code?: string })?.code === 'custom');
}

const ALLOWED_SEPARATOR = '\u0000Allowed:';

/** A number, or a string such as "1/3" or "0.25"; finite. */
export const cellSchema = z
  .union([z.number(), cellString], { error: errorWithAllowed((v) => `${describe(v)} is not a number`, CELL_ALLOWED) })
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        ctx.addIssue(customIssue(`${describe(v)} is not a finite number`, [], CELL_ALLOWED));
        return z.NEVER;
      }
      return v;
    }
    const f = FRACTION.exec(v);
    if (f) {
      const den = Number(f[2]);
      if (den === 0) {
        ctx.addIssue(customIssue(`"${v}" divides by zero`, [], CELL_ALLOWED));
        return z.NEVER;
      }
      return Number(f[1]) / den;
    }
    if (DECIMAL.test(v)) {
      const x = Number(v);
      if (Number.isFinite(x)) return x;
      ctx.addIssue(customIssue(`"${v}" is too large to be a number`, [], CELL_ALLOWED));
      return z.NEVER;
    }
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a number; write a number such as 3 or 0.25, or a fraction such as "1/3"` });
    return z.NEVER;
  })
  .describe('a number, or a fraction string such as "1/3" (also a decimal string such as "0.25")');

/** A cell that may be `null` (missing judgment). */
export const optionalCellSchema = z
  .union([z.null(), cellSchema], {
    error: errorWithAllowed(
      (v) => `${describe(v)} is not a judgment`,
      'a positive number or a fraction such as "1/3", or null for a missing judgment',
    ),
  })
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
  /** Numeric options: check a value as typed (`"abc"`), giving the problem in words or undefined. */
  check?: (raw: string) => string | undefined;
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
  if (s instanceof z.ZodNumber) spec.check = numberTextCheck(s);
  return spec;
}

/** The bounds of a numeric option that has no options schema (a CLI's `--folds`, `--seed`). */
export interface NumberRule {
  int?: boolean;
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Exclusive bounds. */
  gt?: number;
  lt?: number;
}

/** A check of a number as typed, from `rule` (e.g. `{int: true, min: 2}` for a count of folds). */
export function numberRuleCheck(rule: NumberRule): (raw: string) => string | undefined {
  let s = z.number();
  if (rule.int) s = s.int();
  if (rule.min !== undefined) s = s.min(rule.min);
  if (rule.gt !== undefined) s = s.gt(rule.gt);
  if (rule.max !== undefined) s = s.max(rule.max);
  if (rule.lt !== undefined) s = s.lt(rule.lt);
  return numberTextCheck(s);
}

/** `Number` that refuses what is not written as a number (`''`, `0x1f`, `Infinity`, `1e999`). */
function numberFromText(raw: string): number {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw) ? Number(raw) : Number.NaN;
}

/** Check a value typed for a number schema: `"abc" is not a number in [0, 1]`, or undefined when fine. */
function numberTextCheck(schema: z.ZodNumber): (raw: string) => string | undefined {
  const range = numberRange(schema);
  return (raw) => (schema.safeParse(numberFromText(raw)).success ? undefined : `"${raw}" is not ${range}`);
}

/** What a number schema allows, in words: `a number in [0, 1]`, `a number > 0`, `a whole number ≥ 2`. */
export function numberRange(schema: z.ZodNumber): string {
  let int = false;
  let min: { value: number; open: boolean } | undefined;
  let max: { value: number; open: boolean } | undefined;
  for (const c of schema.def.checks ?? []) {
    const d = (c as unknown as { _zod: { def: { check: string; value?: unknown; inclusive?: boolean; format?: string } } })._zod.def;
    if (d.check === 'number_format' && (d.format === 'safeint' || d.format === 'int32')) int = true;
    else if (d.check === 'greater_than' && typeof d.value === 'number') min = { value: d.value, open: !d.inclusive };
    else if (d.check === 'less_than' && typeof d.value === 'number') max = { value: d.value, open: !d.inclusive };
  }
  const kind = int ? 'a whole number' : 'a number';
  if (min && max) return `${kind} in ${min.open ? '(' : '['}${min.value}, ${max.value}${max.open ? ')' : ']'}`;
  if (min) return `${kind} ${min.open ? '>' : '≥'} ${min.value}`;
  if (max) return `${kind} ${max.open ? '<' : '≤'} ${max.value}`;
  return kind;
}

/** Validate `data` against `schema`; on failure throw a ValidationError with one issue per zod issue. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, prefix: PathSegment[] = []): z.output<S> {
  const r = schema.safeParse(data, { reportInput: true });
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
      if (typeof allowed === 'string') return { path, message: iss.message, allowed };
      return { path, ...describeZodIssue(iss) };
    }),
  );
}

/** A message made by {@link errorWithAllowed}, split back into message and allowed. */
function splitAllowed(message: string): { message: string; allowed?: string } | undefined {
  const k = message.indexOf(ALLOWED_SEPARATOR);
  return k < 0 ? undefined : { message: message.slice(0, k), allowed: message.slice(k + ALLOWED_SEPARATOR.length) };
}

function describeZodIssue(iss: z.core.$ZodIssue): { message: string; allowed?: string } {
  const own = splitAllowed(iss.message);
  if (own) return own;
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined
        ? { message: `is required (${expected(iss.expected)})` }
        : { message: `${describe(iss.input)} is not ${expected(iss.expected)}` };
    case 'invalid_value':
      return { message: `${describe(iss.input)} is not allowed`, allowed: iss.values.map((v) => String(v)).join(', ') };
    case 'unrecognized_keys':
      return { message: `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}` };
    case 'invalid_union': {
      const inner = iss.errors.flat().find((e) => e.code === 'custom');
      const innerAllowed = (inner as { params?: { allowed?: unknown } } | undefined)?.params?.allowed;
      if (inner && typeof innerAllowed === 'string') return { message: inner.message, allowed: innerAllowed };
      if (inner) return splitAllowed(inner.message) ?? { message: inner.message };
      return { message: `${describe(iss.input)} has the wrong form` };
    }
    case 'too_small':
      if (iss.origin === 'number' && typeof iss.input === 'number')
        return { message: `${describe(iss.input)} is too small: it must be ${iss.inclusive ? '≥' : '>'} ${String(iss.minimum)}` };
      return { message: iss.message };
    case 'too_big':
      if (iss.origin === 'number' && typeof iss.input === 'number')
        return { message: `${describe(iss.input)} is too large: it must be ${iss.inclusive ? '≤' : '<'} ${String(iss.maximum)}` };
      return { message: iss.message };
    default:
      return { message: iss.message };
  }
}

/** zod's expected type in words: `a number`, `a list`, `an object`, `text`. */
function expected(type: string): string {
  const words: Record<string, string> = {
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
    record: 'an object',
    int: 'a whole number',
    null: 'null',
  };
  return words[type] ?? `a ${type}`;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<PathSegment, unknown>)[seg] : undefined;
  return v;
}

/** The value a user typed, as it reads in messages: `true`, `"abc"`, `[1, 2]`, `{"a": 1}`, `null`. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN (not a number)';
    if (!Number.isFinite(v)) return `an infinite number (${v < 0 ? '-' : ''}1e999 or beyond)`;
    return String(v);
  }
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') {
    let text: string;
    try {
      text = JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? String(v);
    } catch {
      text = Array.isArray(v) ? '[…]' : '{…}';
    }
    if (text.length > 40) text = `${text.slice(0, 40)}…`;
    return Array.isArray(v) ? `the list ${text}` : `the object ${text}`;
  }
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
