import { availableParallelism } from 'node:os';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

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
    globalSetup: ['packages/server/test/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
