/**
 * The in-process queue (PGlite: one process owns the data directory): a FIFO of job ids drained
 * by `concurrency` loops in this process. At start, jobs left 'running' by a process that died
 * go back to 'queued', and every queued job is picked up again, oldest first.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { jobIdsIn, requeueJob } from './job-records.ts';
import { heartbeatMs, type JobQueue, type JobQueueOptions } from './queue.ts';
import { JobCancelled } from './registry.ts';
import { runJob } from './run-job.ts';

export class InProcessQueue implements JobQueue {
  readonly backend = 'in-process';
  private readonly pending: string[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly stopping = new AbortController();
  private readonly loops = new Set<Promise<void>>();

  constructor(
    private readonly options: JobQueueOptions,
    readonly worker: string,
  ) {}

  async start(): Promise<void> {
    const { store } = this.options;
    for (const id of await jobIdsIn(store, 'running')) await requeueJob(store, id);
    this.pending.push(...(await jobIdsIn(store, 'queued')));
    this.kick();
  }

  async enqueue(jobId: string): Promise<void> {
    this.pending.push(jobId);
    this.kick();
  }

  cancelLocal(jobId: string): void {
    this.running.get(jobId)?.abort(new JobCancelled('cancelled'));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
  }

  private kick(): void {
    while (!this.stopping.signal.aborted && this.pending.length > 0 && this.loops.size < (this.options.concurrency ?? 1)) {
      const loop = this.drain().finally(() => {
        this.loops.delete(loop);
        this.kick();
      });
      this.loops.add(loop);
    }
  }

  private async drain(): Promise<void> {
    for (let id = this.pending.shift(); id !== undefined; id = this.pending.shift()) {
      await yieldToEventLoop();
      if (this.stopping.signal.aborted) return;
      try {
        await runJob(id, {
          store: this.options.store,
          worker: this.worker,
          stopping: this.stopping.signal,
          log: this.options.log,
          running: this.running,
          heartbeatMs: heartbeatMs(this.options),
        });
      } catch (e) {
        this.options.log?.error({ err: e, jobId: id }, 'the job queue could not run a job');
      }
    }
  }
}
