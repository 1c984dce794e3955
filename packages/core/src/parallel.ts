// @scf-risk/core/parallel — the batch kernels on worker threads (Node only; the main entry stays
// free of Node built-ins so it runs in a browser).
export * from './numeric/worker-pool.ts';
