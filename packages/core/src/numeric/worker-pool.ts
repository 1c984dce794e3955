/**
 * A small pool of worker threads for the batch kernels (SPEC §4.6): whole portfolios in
 * column-major data on a SharedArrayBuffer are split into column or row ranges, one per core;
 * every worker runs the same kernel code as the single-thread path, so the numbers are identical.
 * Workers start on first use and are reused; they keep the process alive only while tasks are
 * pending (ref while busy, unref when idle), so a program ends when its work does.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Issue, ValidationError } from '../errors.ts';
import type { ColumnMajor } from './column-major.ts';

/** A task for the batch worker: the kernel's name and its arguments (structured-cloneable). */
export interface BatchTask {
  kernel: string;
  args: unknown[];
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Built JavaScript runs the worker file itself; the TypeScript sources (tests) boot it through tsx. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const BOOT = new URL(FROM_SOURCE ? './worker-boot.mjs' : './batch-worker.js', import.meta.url);
const MODULE = new URL('./batch-worker.ts', import.meta.url).href;
let pool: Worker[] = [];
const pending = new Map<number, Pending>();
let nextId = 0;

/** How many workers the pool uses: the machine's cores (at least 1). */
export function poolSize(): number {
  return Math.max(1, availableParallelism());
}

function workers(): Worker[] {
  if (pool.length > 0) return pool;
  pool = Array.from({ length: poolSize() }, () => {
    const w = new Worker(BOOT, { workerData: { module: MODULE } });
    w.on('message', (msg: { id: number; result?: unknown; issues?: Issue[]; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (pending.size === 0) setBusy(false);
      if (msg.issues) p.reject(new ValidationError(msg.issues));
      else if (msg.error !== undefined) p.reject(new Error(`batch worker: ${msg.error}`));
      else p.resolve(msg.result);
    });
    w.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
      setBusy(false);
      pool = [];
    });
    w.unref(); // after the listeners: adding a 'message' listener refs the worker's port again
    return w;
  });
  return pool;
}

/** Hold the process open while tasks are pending, and only then. */
function setBusy(busy: boolean): void {
  for (const w of pool)
    if (busy) w.ref();
    else w.unref();
}

/** Run `tasks` on the pool (task k on worker k mod size); results in task order. */
export function runBatchTasks<T>(tasks: readonly BatchTask[]): Promise<T[]> {
  const ws = workers();
  if (tasks.length > 0) setBusy(true);
  return Promise.all(
    tasks.map(
      (task, k) =>
        new Promise<T>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          ws[k % ws.length].postMessage({ id, ...task });
        }),
    ),
  );
}

/**
 * Run a per-column kernel `kernel(x, from, to, ...args)` — which returns `perColumn` numbers for
 * each column of [from, to) — on column ranges, one per worker, and join the parts in column order.
 */
export async function runColumnKernel(kernel: string, x: ColumnMajor, perColumn: number, ...args: unknown[]): Promise<Float64Array> {
  const parts = await runBatchTasks<Float64Array>(
    splitRange(x.cols, poolSize()).map(([from, to]) => ({ kernel, args: [x, from, to, ...args] })),
  );
  const out = new Float64Array(x.cols * perColumn);
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

/** True when `x` lives in shared memory, so workers can read it without a copy. */
export function isShared(x: ColumnMajor): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && x.data.buffer instanceof SharedArrayBuffer;
}

/** Column-major storage in shared memory, for the parallel batch kernels. */
export function sharedColumnMajor(rows: number, cols: number): ColumnMajor {
  return { rows, cols, data: new Float64Array(new SharedArrayBuffer(rows * cols * 8)) };
}

/** [from, to) ranges splitting `count` items into `parts` nearly equal pieces. */
export function splitRange(count: number, parts: number): [number, number][] {
  const k = Math.max(1, Math.min(parts, count));
  return Array.from({ length: k }, (_, p) => [Math.floor((p * count) / k), Math.floor(((p + 1) * count) / k)]);
}
