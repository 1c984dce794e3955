/** The messages of the ValidationError `f` throws, one per line (any other error is rethrown; none fails). */
import { ValidationError } from '@scf-risk/core/errors';

export function validationMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.message).join('\n');
    throw e;
  }
  throw new Error('expected a ValidationError');
}
