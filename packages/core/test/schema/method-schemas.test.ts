/**
 * The method input schemas (core's `METHOD_SCHEMAS`): every one converts to JSON Schema, the JSON
 * Schema of a matrix cell admits exactly the strings the cell schema turns into numbers, options
 * schemas hold the defaults the CLI uses, and refinements report like our own issues.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ahpOptionsSchema,
  CELL_STRING_PATTERN,
  cellSchema,
  combineOptionsSchema,
  fceInputSchema,
  ifahpInputSchema,
  isMethodSchemaName,
  kendallInputSchema,
  METHOD_SCHEMA_NAMES,
  METHOD_SCHEMAS,
  methodJsonSchema,
  optionSpec,
  parseWith,
  ValidationError,
} from '../../src/index.ts';

const issuesOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  return [];
};

describe('METHOD_SCHEMAS', () => {
  it('names every method of SPEC §10 with schemas, the tree format and the study file', () => {
    expect(METHOD_SCHEMA_NAMES).toEqual([
      'ahp',
      'ahp-group',
      'hierarchy',
      'ifahp',
      'entropy',
      'critic',
      'g1',
      'combine',
      'delphi',
      'kendall',
      'fce',
      'topsis',
      'gra',
      'study',
    ]);
    expect(isMethodSchemaName('ahp')).toBe(true);
    expect(isMethodSchemaName('toString')).toBe(false);
  });

  it.each(METHOD_SCHEMA_NAMES)('%s: input and options convert to JSON Schema objects with descriptions', (name) => {
    const input = methodJsonSchema(name, 'input');
    expect(input.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(input.title).toBe(`scf-risk ${name} input`);
    expect(JSON.stringify(input)).toContain('"description"');
    expect(input.type === 'object' || Array.isArray(input.anyOf)).toBe(true);
    const options = methodJsonSchema(name, 'options');
    expect(options.type).toBe('object');
    // every option has a default or is optional: an empty body gives the CLI's defaults
    expect(() => METHOD_SCHEMAS[name].options.parse({})).not.toThrow();
  });

  it('documents fraction strings wherever a matrix takes cells', () => {
    for (const name of ['ahp', 'ahp-group', 'hierarchy', 'entropy', 'critic', 'kendall', 'topsis', 'gra'] as const) {
      const text = JSON.stringify(methodJsonSchema(name));
      expect(text, name).toContain(JSON.stringify(CELL_STRING_PATTERN));
      expect(text, name).toContain('"1/3"');
    }
  });

  it('the options hold the CLI defaults', () => {
    expect(ahpOptionsSchema.parse({})).toEqual({ method: 'eigenvector', ri: 'saaty', lambda: 'auto', incompleteMethod: 'auto' });
    expect(combineOptionsSchema.parse({})).toEqual({ rule: 'linear', alpha: 0.5, normalise: false });
    expect(optionSpec(ahpOptionsSchema, 'ri')).toEqual({
      choices: ['saaty', 'chinese', 'saaty2005', 'donegan-dodd', 'alonso-lamata', 'tummala-ling'],
      default: 'saaty',
      description: 'random index table for CR',
    });
    expect(optionSpec(combineOptionsSchema, 'alpha')).toMatchObject({ default: 0.5 });
    expect(optionSpec(combineOptionsSchema, 'alpha').choices).toBeUndefined();
    expect(() => combineOptionsSchema.parse({ alpha: 1.5 })).toThrow();
  });
});

describe('the cell pattern in the JSON Schema', () => {
  const pattern = new RegExp(CELL_STRING_PATTERN);
  const zeroDenominator = /\/\s*0+(\.0+)?\s*$/;

  it('admits fractions and decimals, not words', () => {
    for (const s of ['1/3', ' 2 / 5 ', '0.25', '-1.5e3', '.5', '7']) expect(pattern.test(s), s).toBe(true);
    for (const s of ['abc', '1/-3', '1//3', '', 'one third', '3,5']) expect(pattern.test(s), s).toBe(false);
  });

  it('matches exactly the strings the cell schema accepts (but for a zero denominator and a decimal too large to be finite)', () => {
    const piece = fc.constantFrom('1', '3', '0', '0.5', '.', '/', ' ', '-', '+', 'e', 'E', '2', 'x', '9', '00');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 7 }), (parts) => {
        const s = parts.join('');
        const accepted = cellSchema.safeParse(s).success;
        const tooLarge = !pattern.test(s) || zeroDenominator.test(s) || s.includes('/') ? false : !Number.isFinite(Number(s));
        expect(accepted).toBe(pattern.test(s) && !zeroDenominator.test(s) && !tooLarge);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('refinements report like our own issues', () => {
  it('ifahp: matrix or upper', () => {
    expect(issuesOf(() => parseWith(ifahpInputSchema, { labels: ['a'] }))).toEqual([
      { path: [], message: 'give matrix or upper', allowed: '{matrix: [[[mu, nu], ...]]} or {upper: {"12": [mu, nu], ...}}' },
    ]);
    expect(issuesOf(() => parseWith(ifahpInputSchema, { upper: { '12': [0.6, 0.3] } }))).toEqual([]);
  });

  it('kendall: ranks or ratings', () => {
    expect(issuesOf(() => parseWith(kendallInputSchema, {}))).toEqual([
      { path: [], message: 'give ranks or ratings', allowed: '{ranks: [[...]]} or {ratings: [[...]]}, rows = objects' },
    ]);
  });

  it('fce: one membership row per weight; a tree or children take no membership (contradiction)', () => {
    expect(issuesOf(() => parseWith(fceInputSchema, { weights: [0.5, 0.5], membership: [[1, 0]] }))).toEqual([
      { path: ['membership'], message: '1 membership rows for 2 weights', allowed: 'one membership row per weighted indicator' },
    ]);
    expect(issuesOf(() => parseWith(fceInputSchema, { tree: { children: [] } }))).toEqual([]);
    expect(issuesOf(() => parseWith(fceInputSchema, { weights: [1], tree: { children: [] } }))).toEqual([
      {
        path: ['weights'],
        message: 'weights beside tree: the evaluation is either the tree or the document itself',
        allowed: 'tree: {…}, or the root node’s fields at the top level, not both',
      },
    ]);
    expect(issuesOf(() => parseWith(fceInputSchema, { weights: [1], children: [{ membership: [1, 0] }] }))).toEqual([]);
  });
});
