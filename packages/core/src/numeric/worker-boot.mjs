// Boot file of the batch worker threads when core runs from its TypeScript sources (tests,
// benches): the worker registers tsx before loading its entry. Built JavaScript starts
// batch-worker.bundle.js directly and never loads this file (numeric/worker-pool.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
