/**
 * The HTTP API client: JSON in and out, the session cookie sent by the browser, and every error
 * answer (application/problem+json) turned into an ApiError carrying the problem's issues (path,
 * message, allowed), so a page can show each one where it belongs.
 */
import type { MessageText } from '@scf-risk/report';

/** One issue of a problem+json answer. */
export interface ProblemIssue {
  path: string;
  message: string;
  allowed?: string;
  /** The message as a catalogue text, when the server sent one. */
  text?: MessageText;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ProblemIssue[] = [],
    /** The detail as a catalogue text, when the server sent one (shown in the user's language). */
    readonly text?: MessageText,
  ) {
    super(message);
  }
}

/** Call the API at `path`; resolves to the parsed JSON body (undefined for 204). */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const p = (typeof body === 'object' && body !== null ? body : {}) as { detail?: string; errors?: ProblemIssue[]; text?: MessageText };
    throw new ApiError(res.status, p.detail ?? `${res.status} ${res.statusText}`, p.errors ?? [], p.text);
  }
  return body as T;
}

/** POST `body` as JSON. */
export function post<T>(path: string, body: unknown): Promise<T> {
  return api<T>(path, { method: 'POST', body });
}

/** `path?k=v&…`, leaving out undefined and empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}
