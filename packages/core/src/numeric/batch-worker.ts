/**
 * The batch worker thread (numeric/worker-pool.ts): runs one kernel per message on shared
 * column-major data and posts the result back; a ValidationError travels as its issues.
 */
import { parentPort } from 'node:worker_threads';
import { ValidationError } from '../errors.ts';
import { fuzzyEvaluateInto } from '../evaluation/fuzzy-batch.ts';
import { graAccumulate } from '../evaluation/grey-batch.ts';
import { topsisDistances } from '../evaluation/topsis.ts';
import { entropyColumnStats } from '../weighting/entropy.ts';
import { columnStats } from './column-major.ts';

const KERNELS: Record<string, (...args: any[]) => unknown> = {
  entropyColumnStats,
  columnStats,
  graAccumulate,
  fuzzyEvaluateInto,
  topsisDistances,
};

parentPort?.on('message', (msg: { id: number; kernel: string; args: unknown[] }) => {
  try {
    const kernel = KERNELS[msg.kernel];
    if (!kernel) throw new Error(`unknown kernel ${msg.kernel}`);
    parentPort?.postMessage({ id: msg.id, result: kernel(...msg.args) });
  } catch (e) {
    if (e instanceof ValidationError) parentPort?.postMessage({ id: msg.id, issues: e.issues });
    else parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
