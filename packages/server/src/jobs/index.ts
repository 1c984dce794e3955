/**
 * Long work as jobs: the kinds registry (`registerJobKind`), the queue (pg-boss on PostgreSQL,
 * in-process on PGlite) and the jobs table's service. See registry.ts for how to add a kind.
 */
export { JobCancelled, type JobContext, type JobKind, jobKind, jobKindNames, registerJobKind } from './registry.ts';
