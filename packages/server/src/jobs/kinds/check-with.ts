/**
 * A zod refinement from a core check: `checkWith(fn, at)` runs `fn(value)` and turns the
 * ValidationError it throws into zod issues under `at`, with their `allowed` — so POST /jobs
 * names the field (`input.study.weighting.A.matrix[0][2]`) before the job is queued.
 */
import { customIssue, type PathSegment, ValidationError } from '@scf-risk/core';
import type { z } from 'zod';

export function checkWith(ctx: z.RefinementCtx, at: PathSegment[], check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    for (const i of e.issues) ctx.addIssue(customIssue(i.message, [...at, ...i.path], i.allowed));
  }
}
