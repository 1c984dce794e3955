/**
 * Vite build of the workbench: dist/ is served by @scf-risk/server at /. Workspace packages resolve
 * through their `source` export condition (report's chart builders as TypeScript); ECharts is loaded
 * on demand in its own chunk (src/components/echarts-setup.ts), so the first page stays small.
 * core and report are pure (no work at import time beyond building schemas and tables), so their
 * modules are marked free of side effects: only what the workbench uses is bundled.
 */
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/](core|report)[\\/]src[\\/]/.test(id) },
      // React Query's "use client" directives mean nothing outside server components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
