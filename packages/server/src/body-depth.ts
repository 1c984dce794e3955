/**
 * A request body nested deeper than any real input (an indicator tree of 50 levels is 100 JSON
 * levels) is refused before validation: recursive schemas (indicator trees, studies) walk it
 * recursively and would exhaust the stack — a 500 for bad input. `MAX_BODY_DEPTH` JSON levels are
 * allowed; the check is iterative, so it cannot overflow itself.
 */
import { type PathSegment, ValidationError } from '@scf-risk/core';

export const MAX_BODY_DEPTH = 200;

/** The path of the first object or array nested deeper than `max` levels in `body`, or undefined. */
export function pathTooDeep(body: unknown, max = MAX_BODY_DEPTH): PathSegment[] | undefined {
  const stack: { value: object; path: PathSegment[] }[] = [];
  if (body !== null && typeof body === 'object') stack.push({ value: body, path: [] });
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.path.length >= max) return item.path;
    const entries: [PathSegment, unknown][] = Array.isArray(item.value) ? item.value.map((v, i) => [i, v]) : Object.entries(item.value);
    for (const [key, v] of entries) if (v !== null && typeof v === 'object') stack.push({ value: v, path: [...item.path, key] });
  }
  return undefined;
}

/** Throw a ValidationError (a 400 naming the place) when `body` is nested too deeply. */
export function checkBodyDepth(body: unknown): void {
  const path = pathTooDeep(body);
  if (path)
    throw Object.assign(
      new ValidationError([
        { path, message: `nested deeper than ${MAX_BODY_DEPTH} levels`, allowed: `at most ${MAX_BODY_DEPTH} levels of objects and arrays` },
      ]),
      { validationContext: 'body' },
    );
}
