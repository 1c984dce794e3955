/**
 * The job queue: one interface, two back ends chosen by the store — pg-boss on PostgreSQL (several
 * server processes share the work; pg-boss delivers, the jobs table's claim makes each job run
 * once) and in-process on PGlite (one process owns the data directory). `stop()` lets running
 * jobs reach their next checkpoint, where they go back to 'queued' for the next start. A process
 * that dies leaves its running jobs behind: on PostgreSQL the other processes queue them again
 * once their heartbeat is `staleSeconds` old; on PGlite the next start does.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../db/store.ts';
import { InProcessQueue } from './in-process-queue.ts';
import { PgBossQueue } from './pg-boss-queue.ts';

export interface JobQueue {
  readonly backend: 'pg-boss' | 'in-process';
  /** This process's worker name (recorded on the jobs it runs). */
  readonly worker: string;
  /** Start working: pick up the jobs left queued, then new ones. */
  start(): Promise<void>;
  /** Hand a queued job (already in the jobs table) to the queue. */
  enqueue(jobId: string): Promise<void>;
  /** Abort a job running in this process now (others see the cancel at their next checkpoint). */
  cancelLocal(jobId: string): void;
  /** Stop taking jobs; running ones stop at their next checkpoint (back to 'queued'). */
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  store: Store;
  log?: FastifyBaseLogger | undefined;
  /** Jobs run at once by this process (default 1). */
  concurrency?: number | undefined;
  /**
   * PostgreSQL: a running job whose heartbeat (every staleSeconds / 4) is older than this is
   * taken as abandoned by a dead process and queued again (default 600 s; longer than any
   * synchronous step of a job, which holds the heartbeat back).
   */
  staleSeconds?: number | undefined;
}

export const DEFAULT_STALE_SECONDS = 600;

/** The heartbeat period of running jobs (ms). */
export function heartbeatMs(options: JobQueueOptions): number {
  return ((options.staleSeconds ?? DEFAULT_STALE_SECONDS) * 1000) / 4;
}

/** The queue for `store`: pg-boss on PostgreSQL, in-process on PGlite (not started). */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const worker = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  return options.store.kind === 'postgres' ? new PgBossQueue(options, worker) : new InProcessQueue(options, worker);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The job queue (started when the app is ready, stopped when it closes). */
    jobs: JobQueue;
  }
}
