/**
 * The input schemas of every method, by the name of its command (SPEC §10): the input document
 * (what a user writes in JSON/YAML or sends as an HTTP body) and the options (the CLI's flags,
 * the server's `options`), and their JSON Schema. The CLI's `scf-risk schema <name>` prints it;
 * the server registers the same zod schemas (fastify-type-provider-zod) for validation and OpenAPI.
 */
import { z } from 'zod';
import { fceInputSchema, fceOptionsSchema } from './evaluation/fuzzy-input.ts';
import { graInputSchema, graOptionsSchema } from './evaluation/grey-input.ts';
import { topsisInputSchema, topsisOptionsSchema } from './evaluation/topsis-input.ts';
import { hierarchyInputSchema, hierarchyOptionsSchema } from './hierarchy/hierarchy-input.ts';
import { studySchema } from './study/schema.ts';
import { ahpAnalysisShape, ahpInputSchema, ahpRunOptionsSchema } from './weighting/ahp-input.ts';
import { combineInputSchema, combineOptionsSchema } from './weighting/combine-input.ts';
import { criticInputSchema, criticOptionsSchema } from './weighting/critic-input.ts';
import { delphiInputSchema, delphiOptionsSchema } from './weighting/delphi-input.ts';
import { entropyInputSchema, entropyOptionsSchema } from './weighting/entropy-input.ts';
import { g1InputSchema, g1OptionsSchema } from './weighting/g1-input.ts';
import { ahpGroupInputSchema, ahpGroupOptionsSchema } from './weighting/group-ahp-input.ts';
import { ifahpInputSchema, ifahpOptionsSchema } from './weighting/ifahp-input.ts';
import { kendallInputSchema, kendallOptionsSchema } from './weighting/kendall-input.ts';

/** A method's two schemas: the input document and the options. */
export interface MethodSchemas {
  /** What the document means, in one line. */
  summary: string;
  input: z.ZodType;
  options: z.ZodObject;
}

const noOptions = z.object({}).describe('no options');

/** The options of `scf-risk ahp-group`: the group AHP options and the analyses (consensus included). */
export const ahpGroupRunOptionsSchema = ahpGroupOptionsSchema
  .extend(ahpAnalysisShape)
  .describe('group AHP options and analyses (the flags of scf-risk ahp-group)');

/** The options of `scf-risk hierarchy`: the tree options and the analyses (consensus included). */
export const hierarchyRunOptionsSchema = hierarchyOptionsSchema
  .extend(ahpAnalysisShape)
  .describe('hierarchy options and analyses (the flags of scf-risk hierarchy)');

/** Every method's input and options schema, by command name. */
export const METHOD_SCHEMAS = {
  ahp: { summary: 'one pairwise comparison matrix', input: ahpInputSchema, options: ahpRunOptionsSchema },
  'ahp-group': { summary: 'a panel’s pairwise matrices (group AHP)', input: ahpGroupInputSchema, options: ahpGroupRunOptionsSchema },
  hierarchy: { summary: 'an indicator tree (the tree format)', input: hierarchyInputSchema, options: hierarchyRunOptionsSchema },
  ifahp: { summary: 'an intuitionistic preference relation', input: ifahpInputSchema, options: ifahpOptionsSchema },
  entropy: { summary: 'a data matrix (or an AHP matrix) for entropy weights', input: entropyInputSchema, options: entropyOptionsSchema },
  critic: { summary: 'a data matrix for CRITIC weights', input: criticInputSchema, options: criticOptionsSchema },
  g1: { summary: 'an importance order and ratios, one expert or a group', input: g1InputSchema, options: g1OptionsSchema },
  combine: { summary: 'subjective and objective weight vectors', input: combineInputSchema, options: combineOptionsSchema },
  delphi: { summary: 'one Delphi round’s scores', input: delphiInputSchema, options: delphiOptionsSchema },
  kendall: { summary: 'ranks or ratings of several raters', input: kendallInputSchema, options: kendallOptionsSchema },
  fce: { summary: 'grades, weights and memberships, or a tree of them', input: fceInputSchema, options: fceOptionsSchema },
  topsis: { summary: 'a decision matrix with weights', input: topsisInputSchema, options: topsisOptionsSchema },
  gra: { summary: 'a decision matrix, or factors against a reference series', input: graInputSchema, options: graOptionsSchema },
  study: { summary: 'a study file: a whole analysis', input: studySchema, options: noOptions },
} as const satisfies Record<string, MethodSchemas>;

/** A name of `METHOD_SCHEMAS`. */
export type MethodSchemaName = keyof typeof METHOD_SCHEMAS;

/** The names of `METHOD_SCHEMAS`, in its order. */
export const METHOD_SCHEMA_NAMES = Object.keys(METHOD_SCHEMAS) as MethodSchemaName[];

/** Is `name` a method with schemas? */
export function isMethodSchemaName(name: string): name is MethodSchemaName {
  return Object.hasOwn(METHOD_SCHEMAS, name);
}

/**
 * The JSON Schema (draft 2020-12) of method `name`'s input document (`part` 'input') or options.
 * It describes what a user may write — the input side of transforms: a matrix cell is a number
 * or a fraction string such as "1/3" — with every field's description.
 */
export function methodJsonSchema(name: MethodSchemaName, part: 'input' | 'options' = 'input'): Record<string, unknown> {
  const entry: MethodSchemas = METHOD_SCHEMAS[name];
  const json = z.toJSONSchema(part === 'input' ? entry.input : entry.options, { io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return { $schema, title: `scf-risk ${name} ${part === 'input' ? 'input' : 'options'}`, ...rest };
}
