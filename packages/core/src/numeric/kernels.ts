/** The numeric folder's batch kernels for worker threads (merged in numeric/kernel-map.ts). */
import { columnStats } from './column-major.ts';
import { rankCount, rankMinMax, rankScatter, rankSortBuckets } from './ranks.ts';

export const numericKernels = { columnStats, rankMinMax, rankCount, rankScatter, rankSortBuckets };
