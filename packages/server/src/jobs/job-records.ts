/**
 * The jobs table (migration 0002): submit (a 'queued' row and its 'create' audit entry), read,
 * cancel (a queued job at once; a running one at its next checkpoint), and what a worker writes:
 * claim ('queued' → 'running' in one UPDATE, so a job runs at most once whichever process or
 * queue delivers it), progress, and the outcome.
 */
import { formatPath, ValidationError } from '@scf-risk/core';
import type { MessageText } from '@scf-risk/report';
import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { type JobStatus, jobs, users } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { type Actor, audit, plain, recordCreated, type ServiceContext, SYSTEM } from '../services/context.ts';

type Row = typeof jobs.$inferSelect;

/** A job as the API shows it (`full`: with its input and result). */
export function jobView(r: Row, full = true) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    progress: { fraction: r.progress, message: r.progressMessage, ...(r.progressText ? { text: r.progressText } : {}) },
    cancelRequested: r.cancelRequested,
    submittedBy: { id: r.submittedBy, username: r.submittedByName },
    worker: r.worker,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    problem: r.problem ?? null,
    ...(full ? { input: r.input, result: r.result ?? null } : {}),
  };
}
export type JobView = ReturnType<typeof jobView>;

/** Insert a queued job; `input` is stored as sent. */
export async function insertJob(ctx: ServiceContext, kind: string, input: unknown): Promise<JobView> {
  return ctx.store.db.transaction(async (tx) => {
    const rows = await tx
      .insert(jobs)
      .values({ kind, input: plain(input), submittedBy: ctx.actor.id, submittedByName: ctx.actor.username })
      .returning();
    return recordCreated(tx, ctx, 'job', rows, (r) => jobView(r, false));
  });
}

export async function getJob(store: Store, id: string): Promise<JobView> {
  const [row] = await store.db.select().from(jobs).where(eq(jobs.id, id));
  if (!row) throw notFound('job', id);
  return jobView(row);
}

export async function listJobs(
  store: Store,
  q: { status?: JobStatus | undefined; kind?: string | undefined; limit: number; offset: number },
): Promise<JobView[]> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(jobs.status, q.status));
  if (q.kind) where.push(eq(jobs.kind, q.kind));
  const rows = await store.db
    .select()
    .from(jobs)
    .where(and(...where))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(q.limit)
    .offset(q.offset);
  return rows.map((r) => jobView(r, false));
}

/**
 * Cancel: a queued job ends 'cancelled' now; a running one is flagged and stops at its next
 * checkpoint; a finished one is a 409.
 */
export async function cancelJob(ctx: ServiceContext, id: string): Promise<JobView> {
  return ctx.store.db.transaction(async (tx) => {
    const [before] = await tx.select().from(jobs).where(eq(jobs.id, id)).for('update');
    if (!before) throw notFound('job', id);
    if (before.status !== 'queued' && before.status !== 'running')
      throw new HttpProblem(409, 'Conflict', `job ${id} has already ended (${before.status})`, [
        { path: ['id'], message: `the job is ${before.status}`, allowed: 'a queued or running job' },
      ]);
    const [after] = await tx
      .update(jobs)
      .set(
        before.status === 'queued'
          ? { status: 'cancelled', cancelRequested: true, finishedAt: sql`now()`, updatedAt: sql`now()` }
          : { cancelRequested: true, updatedAt: sql`now()` },
      )
      .where(eq(jobs.id, id))
      .returning();
    const view = jobView(after as Row, false);
    await audit(tx, ctx, { entity: 'job', entityId: id, action: 'cancel', before: jobView(before, false), after: view });
    return view;
  });
}

/** A claimed job: what the worker needs to run it. */
export interface ClaimedJob {
  id: string;
  kind: string;
  input: unknown;
  actor: Actor;
}

/** Move a queued job to 'running' for `worker`; undefined when it is not queued (taken, cancelled, gone). */
export async function claimJob(store: Store, id: string, worker: string): Promise<ClaimedJob | undefined> {
  const [row] = await store.db
    .update(jobs)
    .set({ status: 'running', worker, startedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'queued')))
    .returning();
  if (!row) return undefined;
  let actor: Actor = SYSTEM;
  if (row.submittedBy) {
    const [u] = await store.db.select({ role: users.role }).from(users).where(eq(users.id, row.submittedBy));
    actor = { id: row.submittedBy, username: row.submittedByName, role: u?.role ?? 'auditor' };
  }
  return { id: row.id, kind: row.kind, input: row.input, actor };
}

/** The row of a job `worker` is running (a worker that lost it, declared stale, writes nothing). */
const runningBy = (id: string, worker: string) => and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.worker, worker));

export async function setJobProgress(
  store: Store,
  id: string,
  worker: string,
  fraction: number,
  message: string | null,
  text: MessageText | null = null,
): Promise<void> {
  await store.db
    .update(jobs)
    .set({ progress: fraction, progressMessage: message, progressText: text, updatedAt: sql`now()` })
    .where(runningBy(id, worker));
}

/** The heartbeat of a running job: `updated_at` says its worker is alive. */
export async function touchJob(store: Store, id: string, worker: string): Promise<void> {
  await store.db.update(jobs).set({ updatedAt: sql`now()` }).where(runningBy(id, worker));
}

/**
 * Put back in the queue the running jobs whose worker has given no sign of life for
 * `staleSeconds` (its process died): they start again from the beginning. Returns their ids.
 */
export async function requeueStaleJobs(store: Store, staleSeconds: number): Promise<string[]> {
  const rows = await store.db
    .update(jobs)
    .set({ status: 'queued', worker: null, startedAt: null, progress: 0, progressMessage: null, progressText: null, updatedAt: sql`now()` })
    .where(and(eq(jobs.status, 'running'), lt(jobs.updatedAt, sql`now() - make_interval(secs => ${staleSeconds})`)))
    .returning({ id: jobs.id });
  return rows.map((r) => r.id);
}

export async function isCancelRequested(store: Store, id: string): Promise<boolean> {
  const [row] = await store.db.select({ c: jobs.cancelRequested }).from(jobs).where(eq(jobs.id, id));
  return row?.c ?? true;
}

/** The problem document stored with a failed job (issues as the API's problem+json shows them). */
export function jobProblem(e: unknown): { title: string; detail: string; errors?: { path: string; message: string; allowed?: string }[] } {
  if (e instanceof ValidationError)
    return {
      title: 'Unprocessable Content',
      detail: e.message,
      errors: e.issues.map((i) => ({ path: formatPath(i.path), message: i.message, ...(i.allowed ? { allowed: i.allowed } : {}) })),
    };
  return { title: 'Internal Server Error', detail: e instanceof Error ? e.message : String(e) };
}

/** Record how a running job ended: succeeded (with its result), failed (with its problem) or cancelled. */
export async function finishJob(
  store: Store,
  id: string,
  worker: string,
  outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; problem: unknown } | { status: 'cancelled' },
): Promise<void> {
  await store.db
    .update(jobs)
    .set({
      status: outcome.status,
      ...(outcome.status === 'succeeded' ? { result: plain(outcome.result), progress: 1 } : {}),
      ...(outcome.status === 'failed' ? { problem: plain(outcome.problem) } : {}),
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(runningBy(id, worker));
}

/** Put a running job back in the queue (the server is stopping): it starts again from the beginning. */
export async function requeueJob(store: Store, id: string, worker?: string): Promise<void> {
  await store.db
    .update(jobs)
    .set({ status: 'queued', worker: null, startedAt: null, progress: 0, progressMessage: null, progressText: null, updatedAt: sql`now()` })
    .where(worker ? runningBy(id, worker) : and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

/** Jobs in `status`, oldest first (a queue's start: what to pick up again). */
export async function jobIdsIn(store: Store, status: JobStatus): Promise<string[]> {
  const rows = await store.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.status, status)).orderBy(jobs.createdAt);
  return rows.map((r) => r.id);
}
