/**
 * Typed errors shared by every method (ARCHITECTURE "Errors").
 *
 * A `ValidationError` carries one `Issue` per problem: where (a data path such as
 * `["matrix", 0, 2]`, rendered `matrix[0][2]`), what is wrong, and what is allowed.
 * The CLI maps it to exit code 2 and prefixes file and line; the API to HTTP 400.
 */

/** One path segment: an object key or an array index. */
export type PathSegment = string | number;

/** One problem found in the input. */
export interface Issue {
  /** Where, as data path segments relative to the value the function received. */
  path: PathSegment[];
  /** What is wrong and why, in words a risk officer understands. */
  message: string;
  /** What would be accepted instead (optional). */
  allowed?: string;
}

/** Base class of all errors this library throws on purpose. */
export class ScfRiskError extends Error {
  override name = 'ScfRiskError';
}

/** The input is invalid; `issues` lists every problem found (at least one). */
export class ValidationError extends ScfRiskError {
  override name = 'ValidationError';
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
  /** The same issues with `prefix` put in front of every path (e.g. the input field name). */
  at(...prefix: PathSegment[]): ValidationError {
    return new ValidationError(this.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] })));
  }
}

/** A computation finished but a check the user asked for failed (CLI exit code 1). */
export class CheckFailedError extends ScfRiskError {
  override name = 'CheckFailedError';
}

/** Render a path: `["matrix", 0, 2]` → `matrix[0][2]`; `[]` → `(root)`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || '(root)';
}

/**
 * `matrix[0][2]: message. Allowed: ….`; an issue of the whole document (empty path) is its message
 * alone, which names its place itself (a file, a row, a column).
 */
export function formatIssue(issue: Issue): string {
  const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  if (!issue.allowed) return `${where}${issue.message}`;
  const stop = /[.!?]$/.test(issue.message) ? '' : '.';
  return `${where}${issue.message}${stop} Allowed: ${issue.allowed}.`;
}

/** Collects issues and throws them all at once, so the user sees every problem in one run. */
export class IssueList {
  readonly issues: Issue[] = [];
  add(path: PathSegment[], message: string, allowed?: string): void {
    this.issues.push(allowed === undefined ? { path, message } : { path, message, allowed });
  }
  get empty(): boolean {
    return this.issues.length === 0;
  }
  /** Throw a ValidationError if any issue was added. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new ValidationError(this.issues);
  }
}

/** Throw a ValidationError with a single issue. */
export function invalid(path: PathSegment[], message: string, allowed?: string): never {
  const list = new IssueList();
  list.add(path, message, allowed);
  list.throwIfAny();
  throw new Error('unreachable');
}
