/**
 * The batch worker thread (numeric/worker-pool.ts): core's kernel map merged with the caller's
 * `extra` module's `kernels`; runs one kernel per message on shared data and posts the result
 * back. A ValidationError travels as its issues, any other error as its message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from '../errors.ts';
import { coreKernels, type KernelMap } from './kernel-map.ts';

const { extra } = workerData as { extra?: string };
const more: KernelMap = extra ? ((await import(extra)) as { kernels: KernelMap }).kernels : {};
const kernels: KernelMap = { ...coreKernels, ...more };

/** The one untyped step: a message's arguments, checked by the pool's typed `run` when sent. */
type AnyArgs = (...args: readonly unknown[]) => unknown;

parentPort?.on('message', (msg: { id: number; kernel: string; args: unknown[] }) => {
  try {
    const kernel = Object.hasOwn(kernels, msg.kernel) ? (kernels[msg.kernel] as unknown as AnyArgs) : undefined;
    if (!kernel) throw new Error(`unknown kernel ${msg.kernel}`);
    parentPort?.postMessage({ id: msg.id, result: kernel(...msg.args) });
  } catch (e) {
    if (e instanceof ValidationError) parentPort?.postMessage({ id: msg.id, issues: e.issues });
    else parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
