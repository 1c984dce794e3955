/** The weighting folder's batch kernels for worker threads (merged in numeric/kernel-map.ts). */
import { entropyColumnStats } from './entropy.ts';

export const weightingKernels = { entropyColumnStats };
