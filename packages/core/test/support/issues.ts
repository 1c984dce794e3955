/** Test helper: the issues of the ValidationError `f` throws (fails the test when it throws none). */
import { type Issue, ValidationError } from '../../src/errors.ts';

export function issues(f: () => unknown): Issue[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}
