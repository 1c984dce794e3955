/**
 * Every batch kernel a worker thread of `createKernelPool` runs: the method folders' maps merged.
 * Tasks are dispatched by these keys, their arguments checked against the kernels' parameters.
 */
import { evaluationKernels } from '../evaluation/kernels.ts';
import { weightingKernels } from '../weighting/kernels.ts';
import { numericKernels } from './kernels.ts';

export const coreKernels = { ...numericKernels, ...weightingKernels, ...evaluationKernels };

/** The kernel map of core: name → function. */
export type CoreKernels = typeof coreKernels;

/** A map of kernels: plain functions of structured-cloneable arguments (shared arrays are not copied). */
export type KernelMap = { readonly [name: string]: (...args: never[]) => unknown };
