/** The evaluation folder's batch kernels for worker threads (merged in numeric/kernel-map.ts). */
import { fuzzyEvaluateInto } from './fuzzy-batch.ts';
import { graAccumulate } from './grey-batch.ts';
import { topsisDistances } from './topsis.ts';

export const evaluationKernels = { fuzzyEvaluateInto, graAccumulate, topsisDistances };
