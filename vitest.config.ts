import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest files first, so that the workers end together: by each file's duration in the last run
 * (Vitest's results cache) — a failed file is not moved to the front as Vitest's default does,
 * which could start the ~80 s browser file last. Without a cache (a fresh checkout, CI), the
 * browser tests first (the longest by far), then the larger files.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = (spec: TestSpecification): number => {
      const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
      const last = this.ctx.cache.getFileTestResults(key)?.duration;
      if (last !== undefined) return last;
      if (spec.moduleId.endsWith('.browser.test.ts')) return Number.POSITIVE_INFINITY;
      return this.ctx.cache.getFileStats(key)?.size ?? 0; // bytes: a proxy, below any measured file
    };
    const weights = new Map(files.map((f) => [f, weight(f)]));
    return [...files].sort((a, b) => (weights.get(b) as number) - (weights.get(a) as number));
  }
}

// Tests run the TypeScript sources: the workspace packages resolve through their `source` export
// condition (the built `dist/` serves everyone else).
export default defineConfig({
  resolve: { conditions: ['source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. Many files wait
    // on PostgreSQL, child processes or Chromium, so two workers there take ~30 % off the wall time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Files share a worker's module cache (no re-import of Fastify, Drizzle, zod, ECharts per file:
    // the import phase fell from ~110 s to ~16 s of worker time). Tests keep no state in modules
    // between files: stores, servers and temporary directories are opened and closed per file.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    globalSetup: ['packages/server/test/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
