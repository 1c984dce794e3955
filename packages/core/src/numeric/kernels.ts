/** The numeric folder's batch kernels for worker threads (merged in numeric/kernel-map.ts). */
import { columnStats } from './column-major.ts';

export const numericKernels = { columnStats };
