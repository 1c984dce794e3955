/**
 * The job kinds: what long work the queue can run. A kind is a name, an input schema (POST /jobs
 * checks `input` with it: 400 naming the field) and a handler `run(input, ctx)` whose result is
 * stored as the job's result. Handlers report `ctx.progress(fraction, message)` and call
 * `ctx.checkpoint()` at safe points: it throws `JobCancelled` once the job is cancelled or the
 * queue is stopping, so a job stops between steps, never in the middle of a write.
 *
 * Register a kind once, at module load: `registerJobKind('monitoring-daily-run', { summary, input,
 * run })`. `ctx` is a ServiceContext (store, actor = who submitted, requestId = the job id), so a
 * handler may call the services directly.
 */
import type { MessageText } from '@scf-risk/report';
import type { z } from 'zod';
import type { ServiceContext } from '../services/context.ts';

export interface JobContext extends ServiceContext {
  jobId: string;
  /** Aborted when the job is cancelled or the queue stops. */
  signal: AbortSignal;
  /**
   * Record progress: `fraction` in 0..1 (clamped), with what is being done — a catalogue text
   * (@scf-risk/report messages.ts, shown in the user's language), or plain English.
   */
  progress(fraction: number, message?: MessageText | string): Promise<void>;
  /** A safe point: throws JobCancelled when the job was cancelled or the queue is stopping. */
  checkpoint(): Promise<void>;
}

export interface JobKind<I = unknown, R = unknown> {
  /** One line: what the job does (listed in the OpenAPI description of POST /jobs). */
  summary: string;
  /** The input document's schema (zod); its output is what `run` receives. */
  input: z.ZodType<I>;
  /**
   * Optional checks the schema cannot make (asynchronous ones, e.g. resolving references): run at
   * submission after the schema; throw core's ValidationError with paths inside the input.
   */
  check?(input: I): Promise<void>;
  /** Do the work; the resolved value (JSON) is the job's result. */
  run(input: I, ctx: JobContext): Promise<R>;
}

/** Thrown at a checkpoint of a cancelled job (or when the queue stops): the job ends 'cancelled'. */
export class JobCancelled extends Error {
  constructor(readonly reason: 'cancelled' | 'shutdown') {
    super(reason === 'cancelled' ? 'the job was cancelled' : 'the server stopped before the job finished');
  }
}

const KIND_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const kinds = new Map<string, JobKind>();

/** Add a job kind (see the module comment); a name may be registered once. */
export function registerJobKind<I, R>(kind: string, handler: JobKind<I, R>): void {
  if (!KIND_NAME.test(kind)) throw new Error(`job kind ${JSON.stringify(kind)}: lower-case words joined by '-'`);
  if (kinds.has(kind)) throw new Error(`job kind ${kind} is already registered`);
  kinds.set(kind, handler as unknown as JobKind);
}

/** The handler of `kind`, if registered. */
export function jobKind(kind: string): JobKind | undefined {
  return kinds.get(kind);
}

/** The registered kinds, sorted. */
export function jobKindNames(): string[] {
  return [...kinds.keys()].sort();
}
