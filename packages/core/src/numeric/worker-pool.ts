/**
 * A pool of worker threads for the batch kernels (SPEC §4.6), created by the caller with its size:
 * whole portfolios in column-major data on a SharedArrayBuffer are split into column or row
 * ranges; every worker runs the same kernel code as the single-thread path, so the numbers are
 * identical. Tasks name a kernel of the map (core's, plus an optional module of the caller's) and
 * their arguments are type-checked against it. A queue hands each task to the next idle worker.
 *
 * Lifetime: workers hold the process open only while tasks are pending (ref while busy, unref
 * when idle). `cancel()` or the `signal` rejects every pending task and terminates the workers;
 * when one worker fails (an uncaught error, an exit), every worker is terminated and every
 * pending task rejected with that error. `close()` ends the pool; `ended` resolves once every
 * worker thread has exited.
 *
 * Example: const pool = createKernelPool({ size: 2 });
 *          const r = await fuzzyEvaluateParallel(pool, sharedColumnMajor(m, n), w);
 *          await pool.close();
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Issue, ValidationError } from '../errors.ts';
import type { ColumnMajor } from './column-major.ts';
import { splitRange } from './column-major.ts';
import type { CoreKernels, KernelMap } from './kernel-map.ts';

export type { CoreKernels, KernelMap } from './kernel-map.ts';

/** The arguments of a kernel. */
export type KernelArgs<F> = F extends (...args: infer A) => unknown ? A : never;
/** What a kernel returns (after the trip through structured clone). */
export type KernelResult<F> = F extends (...args: never[]) => infer R ? R : never;

/**
 * A module of the caller's kernels that every worker loads beside core's: its URL (file:) and, for
 * the type only, the map it exports as `kernels`.
 * Example: const csv: KernelModule<typeof kernels> = { url: new URL('./csv-kernels.js', import.meta.url).href };
 */
export interface KernelModule<X extends KernelMap> {
  readonly url: string;
  /** Never set: carries the type of the module's `kernels` export. */
  readonly kernels?: X;
}

export interface KernelPoolOptions<X extends KernelMap> {
  /** Number of worker threads (at least 1); `defaultPoolSize()` is one per core. */
  size: number;
  /** Aborting it cancels the pool: pending tasks reject, workers are terminated. */
  signal?: AbortSignal;
  /** More kernels for the workers (another package's), merged over core's. */
  extra?: KernelModule<X>;
}

export type KernelPoolState = 'running' | 'cancelled' | 'failed' | 'closed';

export interface KernelPool<K extends KernelMap = CoreKernels> {
  readonly size: number;
  readonly state: KernelPoolState;
  /** Run `kernel(...args)` on the next idle worker. */
  run<N extends keyof K & string>(kernel: N, ...args: KernelArgs<K[N]>): Promise<KernelResult<K[N]>>;
  /** Reject every pending task with `reason` and terminate the workers. */
  cancel(reason?: unknown): void;
  /** Terminate the workers (pending tasks reject); resolves when they have exited. */
  close(): Promise<void>;
  /** Resolves when every worker thread has exited (after cancel, a failure or close). */
  readonly ended: Promise<void>;
}

/** One worker per core (at least 1). */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Built JavaScript runs the worker file bundled with its imports (`batch-worker.bundle.js`, made by
 * scripts/bundle-workers.mjs: one module to load, not twenty); the TypeScript sources (tests) boot
 * it through tsx.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const BOOT = new URL(FROM_SOURCE ? './worker-boot.mjs' : './batch-worker.bundle.js', import.meta.url);
const ENTRY = new URL('./batch-worker.ts', import.meta.url).href;

interface Task {
  id: number;
  kernel: string;
  args: readonly unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Reply {
  id: number;
  result?: unknown;
  issues?: Issue[];
  error?: string;
}

function abortError(reason: unknown): unknown {
  if (reason !== undefined) return reason;
  const e = new Error('the kernel pool was cancelled');
  e.name = 'AbortError';
  return e;
}

/** A pool of `size` worker threads running core's kernels (and `extra`'s). */
export function createKernelPool<X extends KernelMap>(
  options: KernelPoolOptions<X> & { extra: KernelModule<X> },
): KernelPool<CoreKernels & X>;
export function createKernelPool(options: KernelPoolOptions<Record<never, never>> & { extra?: undefined }): KernelPool<CoreKernels>;
export function createKernelPool<X extends KernelMap>(options: KernelPoolOptions<X>): KernelPool<CoreKernels & X> {
  const size = Math.floor(options.size);
  if (!(size >= 1)) throw new ValidationError([{ path: ['size'], message: `pool size ${options.size} must be an integer ≥ 1` }]);
  let state: KernelPoolState = 'running';
  let failure: unknown;
  const queue: Task[] = [];
  const busy = new Map<Worker, Task>();
  const idle: Worker[] = [];
  let nextId = 0;
  let exited = 0;
  let markEnded: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    markEnded = resolve;
  });

  const workerData = { module: ENTRY, extra: options.extra?.url };
  const workers = Array.from({ length: size }, () => {
    const w = new Worker(BOOT, { workerData });
    w.on('message', (msg: Reply) => {
      const task = busy.get(w);
      if (!task || task.id !== msg.id) return;
      busy.delete(w);
      if (msg.issues) task.reject(new ValidationError(msg.issues));
      else if (msg.error !== undefined) task.reject(new Error(`batch worker: ${msg.error}`));
      else task.resolve(msg.result);
      if (state !== 'running') return;
      idle.push(w);
      pump();
    });
    w.on('error', (e) => end('failed', e));
    w.on('messageerror', (e) => end('failed', e));
    w.on('exit', (code) => {
      exited++;
      if (state === 'running') end('failed', new Error(`a batch worker exited (code ${code})`));
      if (exited === size) markEnded();
    });
    w.unref(); // after the listeners: adding a 'message' listener refs the worker's port again
    return w;
  });
  idle.push(...workers);

  /** Hold the process open while tasks are pending, and only then. */
  let held = false;
  function hold(on: boolean): void {
    if (on === held) return;
    held = on;
    for (const w of workers)
      if (on) w.ref();
      else w.unref();
  }

  function pump(): void {
    while (state === 'running' && queue.length > 0 && idle.length > 0) {
      const w = idle.pop() as Worker;
      const task = queue.shift() as Task;
      busy.set(w, task);
      w.postMessage({ id: task.id, kernel: task.kernel, args: task.args });
    }
    hold(state === 'running' && (queue.length > 0 || busy.size > 0));
  }

  function end(to: KernelPoolState, reason: unknown): void {
    if (state !== 'running') return;
    state = to;
    failure = reason;
    const pending = [...busy.values(), ...queue];
    busy.clear();
    queue.length = 0;
    idle.length = 0;
    hold(false);
    for (const w of workers) void w.terminate();
    for (const t of pending) t.reject(reason);
  }

  const onAbort = () => end('cancelled', abortError(options.signal?.reason));
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  void ended.then(() => options.signal?.removeEventListener('abort', onAbort));

  const pool: KernelPool<CoreKernels & X> = {
    size,
    get state() {
      return state;
    },
    ended,
    run(kernel, ...args) {
      if (state !== 'running') return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, kernel, args, resolve: resolve as (v: unknown) => void, reject });
        pump();
      });
    },
    cancel(reason) {
      end('cancelled', abortError(reason));
    },
    async close() {
      end('closed', new Error('the kernel pool was closed'));
      await ended;
    },
  };
  return pool;
}

/**
 * Run a per-column kernel — `task(from, to)` returns `perColumn` numbers for each column of
 * [from, to) — on column ranges, one per worker, and join the parts in column order.
 */
export async function runColumnRanges(
  x: ColumnMajor,
  parts: number,
  perColumn: number,
  task: (from: number, to: number) => Promise<Float64Array>,
): Promise<Float64Array> {
  const results = await Promise.all(splitRange(x.cols, parts).map(([from, to]) => task(from, to)));
  const out = new Float64Array(x.cols * perColumn);
  let k = 0;
  for (const p of results) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}
