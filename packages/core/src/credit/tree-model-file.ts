/**
 * The saved credit-tree model (SPEC §5.2): what `scf-risk tree train --out` writes and
 * `tree predict --model` reads — the trained {@link DecisionTree} plus how its labels were made,
 * tagged `format: "scf-risk-tree"` and `version: 1`. {@link parseTreeModel} checks a file fully
 * before anything predicts with it: the schema (types, enums, finite numbers) and the tree's
 * consistency — classes non-empty and distinct, every node's counts and probabilities one per
 * class, finite and non-negative (counts whole numbers unless the learner spreads rows with
 * missing values fractionally: ID3/C4.5), n = Σ counts, the node's class one of the classes,
 * inner nodes testing a known attribute with children whose conditions fit that attribute's kind
 * (numeric: `<=` / `>` at the node's threshold; categorical: `=` / `in` known categories).
 * Every problem is reported with its path (`root.children[0].node.counts[2]`).
 */
import { z } from 'zod';
import { type Issue, type PathSegment, ValidationError } from '../errors.ts';
import { parseWith } from '../input-schema.ts';
import type { DaysOverdueCutoffs } from './labelling.ts';
import { TREE_MISSING_CATEGORY } from './predict.ts';
import type { DecisionTree } from './tree.ts';

export const TREE_MODEL_FORMAT = 'scf-risk-tree';
export const TREE_MODEL_VERSION = 1;

/** How the training labels were made: class names in a column, or days overdue cut into classes. */
export interface TreeLabelling {
  target: string;
  kind: 'days' | 'class';
  cutoffs?: DaysOverdueCutoffs;
}

/** A saved model: the trained tree plus how the labels were made. */
export interface TreeModelFile extends DecisionTree {
  format: typeof TREE_MODEL_FORMAT;
  version: typeof TREE_MODEL_VERSION;
  labelling: TreeLabelling;
}

const finite = z.number().finite();
const nonNegativeInt = z.number().int().min(0);
const conditionSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('='), value: z.string() }),
  z.object({ op: z.literal('in'), values: z.array(z.string()).min(1) }),
  z.object({ op: z.literal('<='), threshold: finite }),
  z.object({ op: z.literal('>'), threshold: finite }),
]);

interface NodeShape {
  id: number;
  depth: number;
  attribute?: string;
  threshold?: number;
  values?: string[];
  counts: number[];
  n: number;
  entropy: number;
  gini: number;
  gain: number;
  gainRatio: number;
  class: string;
  probabilities: number[];
  children?: { condition: z.infer<typeof conditionSchema>; node: NodeShape }[];
}

const nodeSchema: z.ZodType<NodeShape> = z.lazy(() =>
  z.looseObject({
    id: nonNegativeInt,
    depth: nonNegativeInt,
    attribute: z.string().optional(),
    threshold: finite.optional(),
    values: z.array(z.string()).optional(),
    counts: z.array(finite.min(0)),
    n: finite.min(0),
    entropy: finite,
    gini: finite,
    gain: finite,
    gainRatio: finite,
    class: z.string(),
    probabilities: z.array(finite.min(0).max(1)),
    children: z
      .array(z.object({ condition: conditionSchema, node: nodeSchema }))
      .min(1)
      .optional(),
  }),
);

/** The model file's schema (shape and types; {@link parseTreeModel} adds the tree's consistency). */
export const treeModelFileSchema = z.looseObject({
  format: z.literal(TREE_MODEL_FORMAT),
  version: z.literal(TREE_MODEL_VERSION),
  algorithm: z.enum(['id3', 'c45', 'cart']),
  attributes: z.array(z.object({ name: z.string().min(1), kind: z.enum(['categorical', 'numeric']), values: z.array(z.string()) })).min(1),
  classes: z.array(z.string()).min(1, 'a model needs at least one class'),
  root: nodeSchema,
  rootGains: z.array(z.object({ attribute: z.string(), gain: finite, gainRatio: finite })),
  imputed: z.record(z.string(), finite).optional(),
  options: z.looseObject({
    algorithm: z.enum(['id3', 'c45', 'cart']),
    minLeaf: finite,
    minGain: finite,
    prune: z.boolean(),
    ccpAlpha: finite,
    maxDepth: nonNegativeInt.nullable(),
  }),
  diagnostics: z.looseObject({
    rows: finite.min(0),
    nodes: nonNegativeInt,
    leaves: nonNegativeInt,
    depth: nonNegativeInt,
    prunedNodes: nonNegativeInt,
    missing: z.string(),
  }),
  labelling: z.object({
    target: z.string(),
    kind: z.enum(['days', 'class']),
    cutoffs: z.object({ high: finite, medium: finite, lower: finite }).optional(),
  }),
});

/** The file form of a trained model (what {@link serialiseTreeModel} writes). */
export function treeModelFile(model: DecisionTree, labelling: TreeLabelling): TreeModelFile {
  return { format: TREE_MODEL_FORMAT, version: TREE_MODEL_VERSION, labelling, ...model };
}

/** The model as JSON text, one line and a newline, for `tree train --out`. */
export function serialiseTreeModel(model: DecisionTree, labelling: TreeLabelling): string {
  return `${JSON.stringify(treeModelFile(model, labelling))}\n`;
}

/** Relative tolerance of n = Σ counts and Σ probabilities = 1 (sums of JSON-printed doubles). */
const TOLERANCE = 1e-9;

/** The consistency rules of a tree whose shape the schema accepted. */
function checkTree(m: z.infer<typeof treeModelFileSchema>): Issue[] {
  const issues: Issue[] = [];
  const add = (path: PathSegment[], message: string, allowed?: string) =>
    issues.push(allowed === undefined ? { path, message } : { path, message, allowed });
  const C = m.classes.length;
  m.classes.forEach((c, k) => {
    if (m.classes.indexOf(c) !== k) add(['classes', k], `the class "${c}" is listed twice`);
  });
  const attrs = new Map<string, (typeof m.attributes)[number]>();
  m.attributes.forEach((a, k) => {
    if (attrs.has(a.name)) add(['attributes', k, 'name'], `the attribute "${a.name}" is listed twice`);
    attrs.set(a.name, a);
  });
  const whole = m.algorithm === 'cart';
  const ids = new Set<number>();
  const visit = (node: NodeShape, path: PathSegment[]) => {
    if (ids.has(node.id)) add([...path, 'id'], `node id ${node.id} is used twice`);
    ids.add(node.id);
    if (node.counts.length !== C) add([...path, 'counts'], `${node.counts.length} counts for ${C} classes`);
    if (whole)
      node.counts.forEach((x, k) => {
        if (!Number.isInteger(x)) add([...path, 'counts', k], `${x} is not a whole number of rows (a CART tree counts whole rows)`);
      });
    const sum = node.counts.reduce((s, x) => s + x, 0);
    if (Math.abs(sum - node.n) > TOLERANCE * Math.max(1, node.n)) add([...path, 'n'], `n = ${node.n} but the counts sum to ${sum}`);
    if (node.probabilities.length !== C) add([...path, 'probabilities'], `${node.probabilities.length} probabilities for ${C} classes`);
    else {
      const p = node.probabilities.reduce((s, x) => s + x, 0);
      if (Math.abs(p - 1) > 1e-6) add([...path, 'probabilities'], `the probabilities sum to ${p}, not 1`);
    }
    if (!m.classes.includes(node.class)) add([...path, 'class'], `"${node.class}" is not one of the classes`, m.classes.join(', '));
    const kids = node.children;
    if (!kids) {
      if (node.attribute !== undefined) add([...path, 'children'], `the node tests "${node.attribute}" but has no children`);
      return;
    }
    if (node.attribute === undefined) {
      add([...path, 'attribute'], 'a node with children must name the attribute it tests');
      return;
    }
    const a = attrs.get(node.attribute);
    if (!a) {
      add([...path, 'attribute'], `"${node.attribute}" is not one of the model's attributes`, [...attrs.keys()].join(', '));
      return;
    }
    const known = new Set(m.algorithm === 'cart' ? [...a.values, TREE_MISSING_CATEGORY] : a.values);
    kids.forEach((b, k) => {
      const at = [...path, 'children', k, 'condition'];
      const c = b.condition;
      if (a.kind === 'numeric') {
        if (c.op !== '<=' && c.op !== '>') add([...at, 'op'], `"${c.op}" does not test the numeric attribute "${a.name}"`, '<=, >');
        else if (node.threshold !== undefined && c.threshold !== node.threshold)
          add([...at, 'threshold'], `threshold ${c.threshold} differs from the node's threshold ${node.threshold}`);
      } else if (c.op === '=') {
        if (!known.has(c.value)) add([...at, 'value'], `"${c.value}" is not a category of "${a.name}"`, a.values.join(', '));
      } else if (c.op === 'in') {
        c.values.forEach((v, j) => {
          if (!known.has(v)) add([...at, 'values', j], `"${v}" is not a category of "${a.name}"`, a.values.join(', '));
        });
      } else add([...at, 'op'], `"${c.op}" does not test the categorical attribute "${a.name}"`, '=, in');
      if (b.node.depth !== node.depth + 1)
        add([...path, 'children', k, 'node', 'depth'], `depth ${b.node.depth} under a node of depth ${node.depth}`);
      visit(b.node, [...path, 'children', k, 'node']);
    });
    if (a.kind === 'numeric' && kids.length !== 2) add([...path, 'children'], `a numeric split has 2 children, not ${kids.length}`);
  };
  visit(m.root, ['root']);
  return issues;
}

/**
 * Check a parsed model file (JSON/YAML data) and return it typed. Throws a ValidationError with
 * one issue per problem, each with its path. A file without `version` is refused (see
 * docs/decisions.md: every file `tree train` ever wrote has `version: 1`), naming the field.
 *
 * @example parseTreeModel(JSON.parse(text)).classes
 */
export function parseTreeModel(data: unknown): TreeModelFile {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== TREE_MODEL_FORMAT)
    throw new ValidationError([
      {
        path: ['format'],
        message: 'this is not a tree model written by `scf-risk tree train --out`',
        allowed: `"format": "${TREE_MODEL_FORMAT}"`,
      },
    ]);
  const version = (data as { version?: unknown }).version;
  if (version !== TREE_MODEL_VERSION)
    throw new ValidationError([
      {
        path: ['version'],
        message:
          version === undefined
            ? 'the model has no format version; files written by `scf-risk tree train --out` carry "version": 1 — train it again, or add the field if the file is otherwise unchanged'
            : `model format version ${JSON.stringify(version)} is not one this scf-risk reads`,
        allowed: String(TREE_MODEL_VERSION),
      },
    ]);
  const m = parseWith(treeModelFileSchema, data);
  const issues = checkTree(m);
  if (issues.length > 0) throw new ValidationError(issues);
  return m as unknown as TreeModelFile;
}

/** {@link parseTreeModel} of JSON text; text that is not JSON is an issue at path []. */
export function parseTreeModelJson(text: string): TreeModelFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ValidationError([{ path: [], message: `not valid JSON: ${(e as Error).message}` }]);
  }
  return parseTreeModel(data);
}
