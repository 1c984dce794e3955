/**
 * Core's main entry runs in a browser: bundled for the browser platform, it imports no Node
 * built-in. The parallel entry (worker threads) is the one place that may, and does.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const NODE_BUILTIN = /^(node:.*|fs|fs\/promises|os|path|url|worker_threads|child_process|stream|crypto|module|util|async_hooks)$/;

/** Bundle `entry` for the browser; return the bundle's size and the Node built-ins it reached. */
async function bundleForBrowser(entry: string): Promise<{ bytes: number; nodeImports: string[] }> {
  const nodeImports: string[] = [];
  const catchNode: Plugin = {
    name: 'catch-node-builtins',
    setup(b) {
      b.onResolve({ filter: NODE_BUILTIN }, (args) => {
        nodeImports.push(`${args.path} (imported by ${args.importer.replace(/.*packages\//, 'packages/')})`);
        return { path: args.path, external: true };
      });
    },
  };
  const r = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [catchNode],
  });
  return { bytes: r.outputFiles[0].contents.length, nodeImports };
}

describe('@scf-risk/core in a browser', () => {
  it('the main entry bundles for the browser platform without any Node built-in', async () => {
    const r = await bundleForBrowser('../../src/index.ts');
    expect(r.nodeImports).toEqual([]);
    expect(r.bytes).toBeGreaterThan(100_000); // the methods are in it, not tree-shaken away
  });

  it('the parallel entry is the Node-only one (the check sees worker threads)', async () => {
    const r = await bundleForBrowser('../../src/parallel.ts');
    expect(r.nodeImports.join('\n')).toMatch(/worker_threads/);
  });
});
