/**
 * The PostgreSQL queue: pg-boss (its own schema: `pgboss`, or `<schema>_pgboss` beside a
 * non-public schema) over the store's connection pool. Each job of the jobs table is one pg-boss
 * job with the same id, so handing it over twice is harmless; any server process on the database
 * may fetch it, and the jobs table's claim makes it run once. A job stopped by a shutdown is
 * thrown back to pg-boss, which retries it — in this process after a restart, or in another one.
 * Every process sweeps for running jobs whose heartbeat went stale (their process died) every
 * staleSeconds / 2 and hands them over again.
 */
import PgBoss from 'pg-boss';
import { jobIdsIn, requeueStaleJobs } from './job-records.ts';
import { DEFAULT_STALE_SECONDS, heartbeatMs, type JobQueue, type JobQueueOptions } from './queue.ts';
import { JobCancelled } from './registry.ts';
import { runJob } from './run-job.ts';

/** The pg-boss queue every server process works. */
export const PG_BOSS_QUEUE = 'scf-risk-jobs';

/** pg-boss's schema for a store whose tables live in `schema`. */
export function pgBossSchema(schema: string): string {
  return schema === 'public' ? 'pgboss' : `${schema}_pgboss`;
}

export class PgBossQueue implements JobQueue {
  readonly backend = 'pg-boss';
  private boss: PgBoss | undefined;
  private workerIds: string[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly stopping = new AbortController();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: JobQueueOptions,
    readonly worker: string,
  ) {}

  async start(): Promise<void> {
    const { store, log } = this.options;
    const [row] = await store.raw.query<{ s: string }>('SELECT current_schema() AS s');
    const boss = new PgBoss({
      db: { executeSql: async (text, values) => ({ rows: (await store.raw.query(text, values ?? [])) ?? [] }) },
      schema: pgBossSchema(row?.s ?? 'public'),
      schedule: false,
    });
    boss.on('error', (err) => log?.error({ err }, 'pg-boss'));
    await boss.start();
    // pg-boss's own expiry (default 15 min) would hand a long job to another worker while it runs:
    // the heartbeat sweep below is what notices a dead process, so pg-boss's expiry is only a backstop.
    await boss.createQueue(PG_BOSS_QUEUE, { name: PG_BOSS_QUEUE, retryLimit: 1000, retryDelay: 1, expireInSeconds: 23 * 3600 });
    this.boss = boss;
    for (let k = 0; k < (this.options.concurrency ?? 1); k++) {
      this.workerIds.push(
        await boss.work<{ jobId: string }>(PG_BOSS_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
          if (!job) return;
          const outcome = await runJob(job.data.jobId, {
            store,
            worker: this.worker,
            stopping: this.stopping.signal,
            log,
            running: this.running,
            heartbeatMs: heartbeatMs(this.options),
          });
          // pg-boss retries a job whose handler throws: a job put back by the shutdown runs again.
          if (outcome === 'requeued') throw new JobCancelled('shutdown');
        }),
      );
    }
    for (const id of await jobIdsIn(store, 'queued')) await this.send(id);
    await this.requeueStale();
    const stale = this.options.staleSeconds ?? DEFAULT_STALE_SECONDS;
    this.sweeper = setInterval(
      () => {
        this.requeueStale().catch((err) => log?.error({ err }, 'the job queue could not requeue stale jobs'));
      },
      (stale * 1000) / 2,
    );
    this.sweeper.unref();
  }

  /**
   * Jobs abandoned by a dead process go back to the queue under a new pg-boss id (their old pg-boss
   * job is still 'active' until it expires, and then finds the row taken).
   */
  private async requeueStale(): Promise<void> {
    for (const id of await requeueStaleJobs(this.options.store, this.options.staleSeconds ?? DEFAULT_STALE_SECONDS)) {
      this.options.log?.warn({ jobId: id }, 'job abandoned by a stopped process: queued again');
      await this.boss?.send(PG_BOSS_QUEUE, { jobId: id });
    }
    for (const id of this.workerIds) this.boss?.notifyWorker(id);
  }

  async enqueue(jobId: string): Promise<void> {
    await this.send(jobId);
    for (const id of this.workerIds) this.boss?.notifyWorker(id);
  }

  cancelLocal(jobId: string): void {
    this.running.get(jobId)?.abort(new JobCancelled('cancelled'));
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    this.stopping.abort();
    await this.boss?.stop({ graceful: true, close: false, timeout: 30_000 });
  }

  private async send(jobId: string): Promise<void> {
    if (!this.boss) throw new Error('the job queue is not started');
    await this.boss.send(PG_BOSS_QUEUE, { jobId }, { id: jobId });
  }
}
