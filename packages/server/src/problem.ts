/**
 * Errors on the wire: RFC 9457 `application/problem+json` with one entry per problem (`errors`:
 * path, message, allowed) — the same issues core's ValidationError carries, so a bad cell reads
 * the same from the CLI and the API. Malformed requests are 400, input that core rejects 422,
 * unknown ids 404; nothing a client sends produces a 500. A problem the server words on purpose
 * may carry its detail as a catalogue text too (`text`: code and parameters, @scf-risk/report
 * messages.ts) for the workbench to show in the user's language.
 */
import { formatPath, type Issue, type PathSegment, ValidationError } from '@scf-risk/core';
import type { MessageText } from '@scf-risk/report';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export const PROBLEM_TYPE = 'application/problem+json';

/** One problem entry: `path` rendered as `matrix[0][2]`. */
export interface ProblemIssue {
  path: string;
  message: string;
  allowed?: string;
  /** The message as a catalogue text, when the server words it on purpose. */
  text?: MessageText;
}

/** An issue an HttpProblem carries: core's, with its message as a catalogue text when there is one. */
export type TextedIssue = Issue & { text?: MessageText };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemIssue[];
  /** The detail as a catalogue text. */
  text?: MessageText;
}

/** An error the handlers throw on purpose, with its HTTP status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly issues: TextedIssue[] = [],
    readonly text?: MessageText,
  ) {
    super(message);
  }
}

/** 404: no `entity` with this id (`path` names the field that carried it). */
export function notFound(entity: string, id: string, path: PathSegment[] = ['id']): HttpProblem {
  const text = { code: 'problem.not-found', params: { entity: { code: `entity.${entity.replaceAll(' ', '-')}`, params: {} }, id } };
  return new HttpProblem(404, 'Not Found', `no ${entity} with id ${id}`, [{ path, message: `no ${entity} with id ${id}`, text }], text);
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function toIssue(i: TextedIssue): ProblemIssue {
  return {
    path: formatPath(i.path),
    message: i.message,
    ...(i.allowed === undefined ? {} : { allowed: i.allowed }),
    ...(i.text ? { text: i.text } : {}),
  };
}

/** Send a problem document. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  issues: TextedIssue[] = [],
  title?: string,
  text?: MessageText,
): FastifyReply {
  const body: Problem = {
    type: 'about:blank',
    title: title ?? TITLES[status] ?? 'Error',
    status,
    detail,
    instance: reply.request.url,
    requestId: String(reply.request.id),
    ...(issues.length > 0 ? { errors: issues.map(toIssue) } : {}),
    ...(text ? { text } : {}),
  };
  return reply.code(status).type(PROBLEM_TYPE).serializer(JSON.stringify).send(body);
}

/** PostgreSQL error classes that mean the client's data, not the server, is at fault. */
function databaseProblem(e: unknown): { status: number; detail: string } | undefined {
  let err = e as { code?: unknown; cause?: unknown; detail?: unknown; column?: unknown; constraint?: unknown } | undefined;
  for (let depth = 0; err && depth < 3; depth++) {
    const code = typeof err.code === 'string' ? err.code : '';
    const what = typeof err.detail === 'string' ? err.detail : typeof err.constraint === 'string' ? `constraint ${err.constraint}` : '';
    if (code === '23505') return { status: 409, detail: `already exists: ${what}` };
    if (code === '23503') return { status: 404, detail: `refers to a record that does not exist: ${what}` };
    if (code === '23514' || code === '23502') return { status: 422, detail: `violates ${what || 'a constraint'}` };
    if (code.startsWith('22')) return { status: 422, detail: 'a value is out of range or malformed' };
    err = err.cause as typeof err;
  }
  return undefined;
}

/** The app's error handler (see the module comment). */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) return sendProblem(reply, error.status, error.message, error.issues, error.title, error.text);
  if (error instanceof ValidationError) {
    // From the request schemas (validationContext set by Fastify): 400, the request is malformed;
    // from a core method: 422, well-formed but not computable.
    const where = (error as { validationContext?: string }).validationContext;
    const status = where ? 400 : 422;
    const issues = where === 'body' || !where ? error.issues : error.issues.map((i) => ({ ...i, path: [where, ...i.path] }));
    const text = {
      code: issues.length > 1 ? 'problem.invalid.many' : 'problem.invalid.one',
      params: { where: { code: `problem.where.${where ?? 'input'}`, params: {} }, count: issues.length },
    };
    return sendProblem(
      reply,
      status,
      `invalid ${where ?? 'input'}: ${issues.length} problem${issues.length > 1 ? 's' : ''}`,
      issues,
      undefined,
      text,
    );
  }
  const db = databaseProblem(error);
  if (db) return sendProblem(reply, db.status, db.detail);
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = (error as FastifyError).code;
    const detail =
      code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? `the body is not valid JSON: ${error.message}`
        : error.message;
    return sendProblem(reply, status, detail);
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, 500, 'an internal error occurred (a bug, not your input); the request id identifies it in the logs');
}
