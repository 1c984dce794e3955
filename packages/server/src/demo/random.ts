/**
 * The demo book's seeded randomness (ARCHITECTURE "Determinism"): core's xoshiro128** stream
 * (`createRng`) with the draws the generator needs — integers, choices, normal and log-normal
 * variates (Box–Muller), and version-4-shaped UUIDs made from the stream, so that the same seed
 * gives the same rows, ids included.
 *
 * Example: demoRandom(7).int(1, 6) is the same number on every run.
 */
import { createRng } from '@scf-risk/core';

export interface DemoRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [lo, hi] (both included). */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K;
  /** Standard normal. */
  normal(): number;
  /** exp(N(ln median, sigma²)): a log-normal with this median. */
  logNormal(median: number, sigma: number): number;
  /** A random UUID (version-4 layout) from the stream. */
  uuid(): string;
  /** A new, independent stream derived from this one (so one part's draws do not shift another's). */
  fork(): DemoRandom;
}

/** A seeded stream (see the module comment). */
export function demoRandom(seed: number): DemoRandom {
  const rng = createRng(seed);
  const next = () => rng.next();
  const word = () =>
    Math.floor(next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  const self: DemoRandom = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted(weights) {
      const keys = Object.keys(weights) as (keyof typeof weights)[];
      const total = keys.reduce((s, k) => s + (weights[k] ?? 0), 0);
      let u = next() * total;
      for (const k of keys) {
        u -= weights[k] ?? 0;
        if (u < 0) return k;
      }
      return keys[keys.length - 1] as (typeof keys)[number];
    },
    normal() {
      let u = 0;
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * self.normal()),
    uuid() {
      const [a, b, c, d] = [word(), word(), word(), word()];
      return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[Math.floor(next() * 4)]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
    fork: () => demoRandom(Math.floor(next() * 4294967296)),
  };
  return self;
}
