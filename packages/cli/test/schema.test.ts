/**
 * `scf-risk schema` and the one-schema-per-method contract: the CLI parses every method's input with
 * core's schema (METHOD_SCHEMAS), so it rejects exactly what the schema rejects, with the schema's
 * issues, and otherwise does what the core function does with the parsed document.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ahp,
  ahpInputSchema,
  ahpOptionsSchema,
  combineInputSchema,
  combineOptionsSchema,
  combineWeights,
  formatIssue,
  kendallInputSchema,
  kendallOptionsSchema,
  kendallW,
  METHOD_SCHEMA_NAMES,
  parseWith,
  topsis,
  topsisInputSchema,
  topsisOptionsSchema,
  underField,
  ValidationError,
} from '@scf-risk/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('scf-risk schema', () => {
  it('prints the JSON Schema of ahp: matrix and labels, cells as numbers or fraction strings', async () => {
    const r = await runCli(['schema', 'ahp']);
    expect(r.code).toBe(0);
    const schema = r.json();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual(['matrix', 'labels']);
    expect(schema.required).toEqual(['matrix']);
    expect(schema.properties.matrix.description).toMatch(/fraction string such as "1\/3"/);
    const cell = schema.properties.matrix.items.items;
    const variants = JSON.stringify(cell);
    expect(variants).toContain('"type":"null"');
    expect(variants).toContain('"type":"number"');
    const pattern = /"type":"string"[^}]*"pattern":("(?:[^"\\]|\\.)*")/.exec(variants);
    expect(pattern).not.toBeNull();
    const re = new RegExp(JSON.parse(pattern?.[1] ?? '""'));
    expect(['1/3', '0.25', ' 1 / 9 '].every((s) => re.test(s))).toBe(true);
    expect(re.test('one third')).toBe(false);
  });

  it('--options prints the options with the CLI’s allowed values and defaults', async () => {
    const r = await runCli(['schema', 'ahp', '--options']);
    expect(r.code).toBe(0);
    const { properties } = r.json();
    expect(properties.method).toMatchObject({
      default: 'eigenvector',
      enum: ['eigenvector', 'geometric-mean', 'column-mean', 'least-squares'],
    });
    expect(properties.ri.default).toBe('saaty');
    const help = await runCli(['ahp', '--help']);
    for (const m of properties.method.enum) expect(help.stdout).toContain(`"${m}"`);
    expect(help.stdout).toContain('default: "eigenvector"');
  });

  it('without a method lists the names', async () => {
    const r = await runCli(['schema', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().schemas.map((s: { name: string }) => s.name)).toEqual(METHOD_SCHEMA_NAMES);
    expect(METHOD_SCHEMA_NAMES).toEqual(expect.arrayContaining(['ahp', 'hierarchy', 'study', 'gra']));
  });

  it('an unknown method exits 2 and lists the allowed names', async () => {
    const r = await runCli(['schema', 'ahq']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/method: "ahq" has no schema\. Allowed: ahp, ahp-group, hierarchy, .*study\./);
  });
});

describe('the CLI holds no schema of its own', () => {
  it('packages/cli/src imports no zod, and the package does not depend on it', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const importers = files.filter((f) => /from ['"]zod['"]|import\(['"]zod['"]\)/.test(readFileSync(join(src, f), 'utf8')));
    expect(importers).toEqual([]);
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
    expect(pkg.dependencies.zod).toBeUndefined();
  });
});

// ---- the CLI rejects exactly what the schema rejects -------------------------------------------

interface Outcome {
  code: number;
  errors: string[];
}

/** How many generated documents each schema accepted and rejected (both must occur). */
const seen = { accepted: 0, rejected: 0 };

/** What `scf-risk <method>` must do: the schema's issues (exit 2), else the core function's. */
function expected(parse: () => void, run: () => unknown): Outcome {
  try {
    parse();
  } catch (e) {
    seen.rejected++;
    if (e instanceof ValidationError) return { code: 2, errors: e.issues.map(formatIssue) };
    throw e;
  }
  seen.accepted++;
  try {
    run();
    return { code: 0, errors: [] };
  } catch (e) {
    if (e instanceof ValidationError) return { code: 2, errors: e.issues.map(formatIssue) };
    throw e;
  }
}

async function actual(method: string, doc: unknown): Promise<Outcome> {
  const r = await runCli([method, '-', '--format', 'json'], JSON.stringify(doc));
  const errors = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('error: '))
    .map((l) => l.replace(/^error: <stdin>(:\d+)?: /, ''));
  return { code: r.code, errors };
}

/** JSON values that are wrong in many ways, and some right ones. */
const junk = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 2 },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -3, max: 9 }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.constantFrom('1/3', '2', '0.5', 'abc', '1/0', '', ' 3 / 4 ', 'cost', 'benefit'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('zh', 'en', 'x'), tie('value'), { maxKeys: 2 }),
  ),
})).value;

/** A document built from `fields`: each a valid value, junk, or absent. */
function documents(fields: Record<string, fc.Arbitrary<unknown>>) {
  return fc.record(Object.fromEntries(Object.entries(fields).map(([k, valid]) => [k, fc.oneof(valid, valid, junk)])), { requiredKeys: [] });
}

const cell = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom('1/3', '1/5', 1, 3));
const square = (n: number) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: n, maxLength: n });
const vector = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('1/3', '1/2')), {
  minLength: 1,
  maxLength: 3,
});
const labels = fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.record({ zh: fc.constant('甲'), en: fc.constant('a') })), {
  maxLength: 3,
});
const directions = fc.array(fc.constantFrom('benefit', 'cost'), { minLength: 1, maxLength: 3 });

describe('the CLI rejects exactly what the method’s schema rejects', () => {
  it('ahp', async () => {
    const opts = ahpOptionsSchema.parse({});
    await fc.assert(
      fc.asyncProperty(documents({ matrix: fc.oneof(square(2), square(3)), labels }), async (doc) => {
        const d = () => parseWith(ahpInputSchema, doc);
        const want = expected(d, () =>
          underField('matrix', () => ahp(d().matrix, { ...opts, ...(d().labels ? { labels: d().labels } : {}) })),
        );
        expect(await actual('ahp', doc)).toEqual(want);
      }),
      { numRuns: 120 },
    );
  });

  it('combine', async () => {
    const opts = combineOptionsSchema.parse({});
    await fc.assert(
      fc.asyncProperty(documents({ subjective: vector, objective: vector, labels }), async (doc) => {
        const d = () => parseWith(combineInputSchema, doc);
        const want = expected(d, () =>
          combineWeights(d().subjective, d().objective, { ...opts, ...(d().labels ? { labels: d().labels } : {}) }),
        );
        expect(await actual('combine', doc)).toEqual(want);
      }),
      { numRuns: 120 },
    );
  });

  it('topsis', async () => {
    const opts = topsisOptionsSchema.parse({});
    const matrix = fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant('1/2')), { minLength: 2, maxLength: 2 }), {
      minLength: 1,
      maxLength: 3,
    });
    await fc.assert(
      fc.asyncProperty(documents({ matrix, weights: vector, directions, labels, alternatives: labels }), async (doc) => {
        const d = () => parseWith(topsisInputSchema, doc);
        const want = expected(d, () => {
          const { matrix, weights, directions, labels } = d();
          return underField('matrix', () =>
            topsis(matrix, weights, { ...opts, ...(directions ? { directions } : {}), ...(labels ? { labels } : {}) }),
          );
        });
        expect(await actual('topsis', doc)).toEqual(want);
      }),
      { numRuns: 120 },
    );
  });

  it('kendall (a document needs ranks or ratings)', async () => {
    const opts = kendallOptionsSchema.parse({});
    const table = fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(documents({ ranks: table, ratings: table }), async (doc) => {
        const d = () => parseWith(kendallInputSchema, doc);
        const want = expected(d, () => {
          const { ranks, ratings } = d();
          return underField(ranks ? 'ranks' : 'ratings', () => kendallW(ranks ?? ratings ?? [], opts));
        });
        expect(await actual('kendall', doc)).toEqual(want);
      }),
      { numRuns: 80 },
    );
  });

  it('the documents above were both accepted and rejected by the schemas', () => {
    expect(seen.accepted).toBeGreaterThan(20);
    expect(seen.rejected).toBeGreaterThan(20);
  });
});
