/**
 * Running one job, the same for both queues: claim it (at most once), give its handler a context
 * (progress, checkpoint, the abort signal), and record the outcome. A checkpoint throws
 * JobCancelled when the job was cancelled (read from the table at most every CANCEL_POLL_MS, so
 * a cancel reaches a job in another process) or the queue is stopping; a job stopped by the
 * queue goes back to 'queued' and starts again later, from the beginning. While it runs, a
 * heartbeat keeps its `updated_at` fresh (see queue.ts on stale jobs); a worker whose job was
 * taken from it as stale writes nothing more to it.
 */

import { parseWith } from '@scf-risk/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../db/store.ts';
import { englishOf } from '../services/texts.ts';
import { claimJob, finishJob, isCancelRequested, jobProblem, requeueJob, setJobProgress, touchJob } from './job-records.ts';
import { JobCancelled, type JobContext, jobKind } from './registry.ts';

const CANCEL_POLL_MS = 200;

export type RunOutcome = 'not-claimed' | 'succeeded' | 'failed' | 'cancelled' | 'requeued';

export interface RunJobOptions {
  store: Store;
  worker: string;
  /** Aborted when the queue stops. */
  stopping: AbortSignal;
  log: FastifyBaseLogger | undefined;
  /** Running jobs' controllers by id (a cancel in this process aborts at once). */
  running: Map<string, AbortController>;
  /** How often the running job's heartbeat is written (ms; see queue.ts `staleSeconds`). */
  heartbeatMs: number;
}

export async function runJob(id: string, o: RunJobOptions): Promise<RunOutcome> {
  if (o.stopping.aborted) return 'not-claimed';
  const job = await claimJob(o.store, id, o.worker);
  if (!job) return 'not-claimed';
  const controller = new AbortController();
  o.running.set(id, controller);
  const onStop = () => controller.abort(new JobCancelled('shutdown'));
  o.stopping.addEventListener('abort', onStop);
  const heartbeat = setInterval(() => {
    touchJob(o.store, id, o.worker).catch((e) => o.log?.warn({ err: e, jobId: id }, 'job heartbeat failed'));
  }, o.heartbeatMs);
  heartbeat.unref();
  let lastPoll = 0;
  const ctx: JobContext = {
    store: o.store,
    actor: job.actor,
    requestId: `job:${id}`,
    jobId: id,
    signal: controller.signal,
    progress: async (fraction, message) => {
      const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
      if (typeof message === 'object') await setJobProgress(o.store, id, o.worker, f, englishOf(message), message);
      else await setJobProgress(o.store, id, o.worker, f, message ?? null);
    },
    checkpoint: async () => {
      if (!controller.signal.aborted && Date.now() - lastPoll >= CANCEL_POLL_MS) {
        lastPoll = Date.now();
        if (await isCancelRequested(o.store, id)) controller.abort(new JobCancelled('cancelled'));
      }
      if (controller.signal.aborted)
        throw controller.signal.reason instanceof JobCancelled ? controller.signal.reason : new JobCancelled('cancelled');
    },
  };
  try {
    const kind = jobKind(job.kind);
    if (!kind) throw new Error(`this server has no handler for job kind ${job.kind}`);
    const input = parseWith(kind.input, job.input);
    const result = await kind.run(input, ctx);
    await finishJob(o.store, id, o.worker, { status: 'succeeded', result: result ?? null });
    return 'succeeded';
  } catch (e) {
    if (e instanceof JobCancelled && e.reason === 'shutdown') {
      await requeueJob(o.store, id, o.worker);
      return 'requeued';
    }
    if (e instanceof JobCancelled) {
      await finishJob(o.store, id, o.worker, { status: 'cancelled' });
      return 'cancelled';
    }
    o.log?.error({ err: e, jobId: id, kind: job.kind }, 'job failed');
    await finishJob(o.store, id, o.worker, { status: 'failed', problem: jobProblem(e) });
    return 'failed';
  } finally {
    clearInterval(heartbeat);
    o.stopping.removeEventListener('abort', onStop);
    o.running.delete(id);
  }
}
