// After `tsc -b`: each worker-thread entry of the built packages bundled into one file beside it
// (`X.js` → `X.bundle.js`, its imports inlined). A worker thread loads one module instead of
// about twenty-five: a pool of two is ready 45 ms sooner on an idle 2-core machine (1,300 fewer
// page faults), and in the large-portfolio run, where the main thread parses meanwhile, the workers
// start their first range 60–100 ms sooner (docs/decisions.md, "Large CSV portfolios in
// WebAssembly; worker bundles"). The pool starts the bundles when it runs from the build; from the
// TypeScript sources (tests) it loads the modules.
//
// Usage: node scripts/bundle-workers.mjs [core|io …]   (no names: every package's)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Per package: its built worker entries (relative to the package's dist). */
const ENTRIES = {
  core: ['numeric/batch-worker.js'],
  io: ['csv-kernels.js'],
};

const names = process.argv.slice(2);
for (const name of names.length > 0 ? names : Object.keys(ENTRIES)) {
  const entries = ENTRIES[name];
  if (!entries) throw new Error(`bundle-workers: no package ${name} (known: ${Object.keys(ENTRIES).join(', ')})`);
  for (const entry of entries) {
    const from = `${root}packages/${name}/dist/${entry}`;
    if (!existsSync(from)) throw new Error(`bundle-workers: ${from} is missing; run tsc -b first`);
    await build({
      entryPoints: [from],
      outfile: from.replace(/\.js$/, '.bundle.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
  }
}
