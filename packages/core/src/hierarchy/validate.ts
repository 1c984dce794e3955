/**
 * Validation of an indicator hierarchy (SPEC §2). Every rule is checked over the whole tree
 * and every violation reported at once, each naming the node's code path (`A > A4 > A41`) and
 * the data path (`children[3].children[0].weight`). Nothing is silently fixed: sibling weights
 * that do not sum to 1 are an error unless normalisation is requested, which adds a warning.
 *
 * Rules: a node is an object with a non-empty string `code` (unique in the tree) and a `name`
 * (string or {zh, en}); `children`, when present, is a non-empty list; the tree has no cycles
 * (a shared node object, or a code repeated on its own path); `weight` is a number in [0, 1];
 * siblings carry weights all or none, summing to 1 within the tolerance (1e-6); a node's
 * children get their weights from one source only (their `weight`s, the node's `matrix`, or its
 * `experts`); a `matrix` (and each expert's) is k × k for k children; leaf fields are valid
 * (`kind` quantitative|qualitative, `direction` benefit|cost, `scorer` expert|officer, `unit`
 * a string) and only leaves have them.
 */
import { type Issue, type PathSegment, ValidationError } from '../errors.ts';
import { codePath, type HierarchyNode } from './tree.ts';

export interface HierarchyValidationOptions {
  /** Tolerance of |Σ sibling weights − 1|. Default 1e-6, or the tree's own `weightTolerance`. */
  tolerance?: number;
  /** Rescale sibling weights that do not sum to 1, with a warning. */
  normalise?: boolean;
}

export interface ValidatedHierarchy {
  root: HierarchyNode;
  warnings: string[];
  /** The tolerance used for sibling sums. */
  tolerance: number;
}

const KINDS = ['quantitative', 'qualitative'];
const DIRECTIONS = ['benefit', 'cost'];
const SCORERS = ['expert', 'officer'];
const LEAF_FIELDS = ['kind', 'direction', 'unit', 'scorer', 'rule'] as const;
const DEFAULT_TOLERANCE = 1e-6;

/**
 * Validate a parsed tree and return a typed copy (weights normalised when requested).
 * The root may carry `weightTolerance`: templates that print weights rounded to 3 decimals
 * state the tolerance their sibling sums need (e.g. 0.002), and it is reported in the result.
 * A root with `partialWeights: true` (a source that publishes only some weights) accepts sibling
 * groups where only some children have a weight; the others' global weights are then unknown.
 */
export function validateHierarchy(input: unknown, options: HierarchyValidationOptions = {}): ValidatedHierarchy {
  const issues: Issue[] = [];
  const warnings: string[] = [];
  const rootTolerance = isObject(input) && typeof input.weightTolerance === 'number' ? input.weightTolerance : undefined;
  const tolerance = options.tolerance ?? rootTolerance ?? DEFAULT_TOLERANCE;
  const partial = isObject(input) && input.partialWeights === true;
  const seenCodes = new Map<string, string>();
  const seenObjects = new Set<object>();

  const visit = (raw: unknown, path: PathSegment[], codes: string[]): HierarchyNode | undefined => {
    const at = (msg: string, sub: PathSegment[] = [], allowed?: string) =>
      issues.push({
        path: [...path, ...sub],
        message: `${codes.length > 0 ? `${codePath(codes)}: ` : ''}${msg}`,
        ...(allowed ? { allowed } : {}),
      });
    if (!isObject(raw)) {
      at(`a node must be an object with code and name, got ${describe(raw)}`);
      return undefined;
    }
    if (seenObjects.has(raw)) {
      at('this node object appears twice in the tree (a cycle or a shared subtree)');
      return undefined;
    }
    seenObjects.add(raw);
    const code = raw.code;
    let here = codes;
    if (typeof code !== 'string' || code.trim() === '') {
      at(`code must be a non-empty string, got ${describe(code)}`, ['code']);
      here = [...codes, '?'];
    } else {
      here = [...codes, code];
      if (codes.includes(code)) {
        issues.push({ path: [...path, 'code'], message: `${codePath(here)}: code ${code} appears as its own ancestor (a cycle)` });
      } else if (seenCodes.has(code)) {
        issues.push({
          path: [...path, 'code'],
          message: `${codePath(here)}: code ${code} is used twice (also at ${seenCodes.get(code)})`,
          allowed: 'unique codes',
        });
      } else seenCodes.set(code, codePath(here));
    }
    const nodeAt = (msg: string, sub: PathSegment[] = [], allowed?: string) =>
      issues.push({ path: [...path, ...sub], message: `${codePath(here)}: ${msg}`, ...(allowed ? { allowed } : {}) });
    const name = raw.name;
    const nameOk =
      typeof name === 'string' ? name.trim() !== '' : isObject(name) && (typeof name.zh === 'string' || typeof name.en === 'string');
    if (!nameOk) nodeAt(`name must be a string or {zh, en}, got ${describe(name)}`, ['name']);
    if (
      raw.weight !== undefined &&
      !(typeof raw.weight === 'number' && Number.isFinite(raw.weight) && raw.weight >= 0 && raw.weight <= 1)
    ) {
      nodeAt(`weight ${describe(raw.weight)} must be a number from 0 to 1`, ['weight']);
    }
    for (const f of ['description', 'source', 'unit'] as const) {
      if (raw[f] !== undefined && typeof raw[f] !== 'string') nodeAt(`${f} must be a string, got ${describe(raw[f])}`, [f]);
    }
    const node: HierarchyNode = { ...(raw as unknown as HierarchyNode) };
    const rawChildren = raw.children;
    if (rawChildren !== undefined) {
      if (!Array.isArray(rawChildren) || rawChildren.length === 0) {
        nodeAt('children must be a non-empty list (a criterion needs at least one child; leave children out for an indicator)', [
          'children',
        ]);
      } else {
        const kids = rawChildren.map((c, k) => visit(c, [...path, 'children', k], here));
        node.children = kids.filter((c): c is HierarchyNode => c !== undefined);
        if (node.children.length === rawChildren.length) checkWeightSources(raw, node, here, path);
      }
    }
    const leaf = node.children === undefined;
    if (leaf) {
      checkEnum(raw.kind, KINDS, 'kind', nodeAt);
      checkEnum(raw.direction, DIRECTIONS, 'direction', nodeAt);
      checkEnum(raw.scorer, SCORERS, 'scorer', nodeAt);
      for (const f of ['matrix', 'experts'] as const)
        if (raw[f] !== undefined) nodeAt(`an indicator has no children, so it cannot have a ${f}`, [f]);
    } else {
      for (const f of LEAF_FIELDS) if (raw[f] !== undefined) nodeAt(`only indicators (leaves) have ${f}`, [f]);
    }
    return node;
  };

  /** Sibling weights: one source, all or none, sum 1 (or normalised); matrix sizes. */
  const checkWeightSources = (raw: Record<string, unknown>, node: HierarchyNode, codes: string[], path: PathSegment[]) => {
    const kids = node.children as HierarchyNode[];
    const k = kids.length;
    const at = (msg: string, sub: PathSegment[] = [], allowed?: string) =>
      issues.push({ path: [...path, ...sub], message: `${codePath(codes)}: ${msg}`, ...(allowed ? { allowed } : {}) });
    const weighted = kids.filter((c) => c.weight !== undefined).length;
    const sources = [
      weighted > 0 && 'the children’s weight',
      raw.matrix !== undefined && 'matrix',
      raw.experts !== undefined && 'experts',
    ].filter(Boolean);
    if (sources.length > 1)
      at(`the children's weights come from ${sources.join(' and ')}; give only one`, [], 'child weights, or a matrix, or experts');
    if (raw.matrix !== undefined) checkMatrixShape(raw.matrix, k, ['matrix'], at);
    if (raw.experts !== undefined) {
      if (!Array.isArray(raw.experts) || raw.experts.length === 0)
        at('experts must be a non-empty list of {id?, weight?, matrix}', ['experts']);
      else
        raw.experts.forEach((e, i) => {
          if (!isObject(e)) at(`expert ${i} must be an object {id?, weight?, matrix}`, ['experts', i]);
          else checkMatrixShape(e.matrix, k, ['experts', i, 'matrix'], at);
        });
    }
    // An invalid weight is reported on its own; summing it would say nothing useful.
    const validWeight = (w: unknown) => typeof w === 'number' && Number.isFinite(w) && w >= 0 && w <= 1;
    if (weighted === 0 || kids.some((c) => c.weight !== undefined && !validWeight(c.weight))) return;
    if (weighted < k) {
      const missing = kids.filter((c) => c.weight === undefined).map((c) => c.code);
      if (partial) {
        const given = kids.reduce((s, c) => s + (c.weight ?? 0), 0);
        if (given > 1 + tolerance) at(`the given children's weights already sum to ${fmt(given)}, more than 1`, ['children']);
        warnings.push(`${codePath(codes)}: no published weight for ${missing.join(', ')}; their global weights are unknown`);
        return;
      }
      at(
        `${weighted} of ${k} children have a weight; ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} none`,
        [],
        'weights on all children or on none',
      );
      return;
    }
    const total = kids.reduce((s, c) => s + (c.weight as number), 0);
    if (!(total > 0)) {
      at('the children’s weights sum to 0');
      return;
    }
    if (Math.abs(total - 1) > tolerance) {
      if (options.normalise) {
        node.children = kids.map((c) => ({ ...c, weight: (c.weight as number) / total }));
        warnings.push(`${codePath(codes)}: children's weights summed to ${fmt(total)}; normalised to 1`);
      } else {
        at(
          `the children's weights sum to ${fmt(total)}, not 1 (tolerance ${tolerance})`,
          ['children'],
          'weights summing to 1, or normalise them on request',
        );
      }
    }
  };

  const root = visit(input, [], []);
  if (issues.length > 0 || root === undefined) throw new ValidationError(issues);
  return { root, warnings, tolerance };
}

function checkMatrixShape(
  m: unknown,
  k: number,
  sub: PathSegment[],
  at: (msg: string, sub?: PathSegment[], allowed?: string) => void,
): void {
  if (!Array.isArray(m) || m.some((r) => !Array.isArray(r))) {
    at(`${sub.join('.')} must be a list of rows`, sub);
    return;
  }
  if (m.length !== k || m.some((r) => (r as unknown[]).length !== k)) {
    const bad = m.findIndex((r) => (r as unknown[]).length !== k);
    at(
      `the matrix is ${m.length}×${bad >= 0 ? (m[bad] as unknown[]).length : k} but the node has ${k} children`,
      bad >= 0 && m.length === k ? [...sub, bad] : sub,
      `${k}×${k}`,
    );
  }
}

function checkEnum(v: unknown, allowed: string[], field: string, at: (msg: string, sub?: PathSegment[], allowed?: string) => void): void {
  if (v !== undefined && (typeof v !== 'string' || !allowed.includes(v)))
    at(`${field} ${describe(v)} is not allowed`, [field], allowed.join(', '));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : String(v);
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(10)));
}
