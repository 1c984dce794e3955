// Boot file of the batch worker threads (numeric/worker-pool.ts): the sources are TypeScript run
// without a build step (docs/decisions.md), so a worker registers tsx before loading its module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
