/**
 * The `ahp` method's runner (SPEC §10; `METHOD_RUNNERS.ahp`): the document and the options checked
 * against their schemas, then the weights and the analyses asked for (`scales`, `uncertainty`). In
 * its own module so `@scf-risk/core/ahp` can load it without every other method.
 */
import { parseWith, underField } from '../input-schema.ts';
import { type AhpResult, ahp } from './ahp.ts';
import { ahpInputSchema, ahpOptionsOf, ahpRunOptionsSchema, perturbationOf } from './ahp-input.ts';
import { type AhpScalesResult, ahpScales } from './ahp-scales.ts';
import { type AhpUncertaintyResult, ahpUncertainty } from './ahp-uncertainty.ts';

/** `ahp`: the AHP result with the analyses asked for (`scales`, `uncertainty`). */
export type AhpRunResult = AhpResult & { scales?: AhpScalesResult; uncertainty?: AhpUncertaintyResult };

export function runAhp(input: unknown, options: unknown = {}): AhpRunResult {
  const d = parseWith(ahpInputSchema, input);
  const o = parseWith(ahpRunOptionsSchema, options ?? {});
  const base = { ...ahpOptionsOf(o), ...(d.labels ? { labels: d.labels } : {}) };
  const result: AhpRunResult = underField('matrix', () => ahp(d.matrix, base));
  const scales = o.scales;
  if (scales) result.scales = underField('matrix', () => ahpScales(d.matrix, { ...base, scales }));
  if (o.uncertainty > 0) result.uncertainty = underField('matrix', () => ahpUncertainty(d.matrix, { ...base, ...perturbationOf(o) }));
  return result;
}
