/**
 * The shipped templates (SPEC §9): the indicator systems of the source papers, as data. The YAML
 * in `templates/` is what users read; `template-catalogue.ts` is generated from it, so core can
 * hand out a template without a file path (in a browser, a server, an installed package).
 *
 * @example template('jd-scf').children?.length // 5
 */
import { ValidationError } from '../errors.ts';
import { TEMPLATE_CATALOGUE, type TemplateName } from './template-catalogue.ts';
import type { HierarchyNode } from './tree.ts';

export type { TemplateName } from './template-catalogue.ts';

/** A template's root: a hierarchy in the tree format, plus the root-only settings it may state. */
export interface TemplateRoot extends HierarchyNode {
  /** Tolerance of |Σ sibling weights − 1| for weights printed rounded. */
  weightTolerance?: number;
  /** The source publishes only some weights; unknown global weights are null. */
  partialWeights?: boolean;
}

/** Names of the shipped templates, sorted. */
export function templateNames(): TemplateName[] {
  return (Object.keys(TEMPLATE_CATALOGUE) as TemplateName[]).sort();
}

/** True when `name` is a shipped template. */
export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATE_CATALOGUE, name);
}

/** A fresh copy of template `name`'s hierarchy; an unknown name is a ValidationError listing the names. */
export function template(name: string): TemplateRoot {
  if (!isTemplateName(name)) {
    throw new ValidationError([{ path: [], message: `there is no template "${name}"`, allowed: templateNames().join(', ') }]);
  }
  return structuredClone(TEMPLATE_CATALOGUE[name]);
}
