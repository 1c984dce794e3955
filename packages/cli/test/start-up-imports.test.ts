/**
 * What `scf-risk evaluate` and `scf-risk ahp` load before they start (issue 12, items 5 and 7):
 * evaluate's static import graph holds core's portfolio entry and io's numeric CSV, never zod (about
 * 0.1 s to load), core's main entry (0.2 s with zod) or exceljs; ahp's holds core's ahp entry and
 * report's tables, not the main entries (0.1 s more). The graph is read by bundling the command's source with
 * esbuild, dynamic imports left out (they load only on the paths that need them).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/** The files `entry` imports statically, directly or not (paths from the repository's root). */
async function staticGraph(entry: string): Promise<string[]> {
  const dynamicOut: Plugin = {
    name: 'dynamic-imports-out',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
    },
  };
  const r = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    conditions: ['source'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [dynamicOut],
  });
  return Object.keys(r.metafile.inputs).map((p) => p.replace(/^.*?(packages\/|node_modules\/)/, '$1'));
}

describe('start-up imports', () => {
  it('evaluate loads core’s portfolio entry and io’s numeric CSV, not zod, core’s main entry or exceljs', async () => {
    const files = await staticGraph('../src/commands/evaluate.ts');
    expect(files).toContain('packages/core/src/portfolio.ts');
    expect(files).toContain('packages/io/src/numeric-csv.ts');
    expect(files).toContain('packages/io/src/document.ts');
    expect(files.filter((f) => /node_modules\/(zod|exceljs)\//.test(f))).toEqual([]);
    expect(files).not.toContain('packages/core/src/index.ts');
    expect(files).not.toContain('packages/io/src/index.ts');
    expect(files).not.toContain('packages/report/src/index.ts');
  });

  it('ahp loads core’s ahp entry and report’s tables, not core’s or report’s main entries', async () => {
    const files = await staticGraph('../src/commands/ahp.ts');
    expect(files).toContain('packages/core/src/ahp.ts');
    expect(files).toContain('packages/report/src/tables-entry.ts');
    expect(files).not.toContain('packages/core/src/index.ts');
    expect(files).not.toContain('packages/core/src/method-runners.ts');
    expect(files).not.toContain('packages/report/src/index.ts');
    expect(files.filter((f) => /node_modules\/(exceljs|echarts)\//.test(f))).toEqual([]);
  });

  it('core’s errors and portfolio entries load no zod; the main entry does (the check sees it)', async () => {
    for (const entry of ['../../core/src/errors.ts', '../../core/src/portfolio.ts'])
      expect((await staticGraph(entry)).filter((f) => f.includes('node_modules/zod/'))).toEqual([]);
    expect((await staticGraph('../../core/src/index.ts')).some((f) => f.includes('node_modules/zod/'))).toBe(true);
  });

  it('a tree whose matrix holds fractions still evaluates: its matrices are read through the main entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-startup-'));
    writeFileSync(
      join(dir, 't.yaml'),
      'code: R\nname: Root\nmatrix:\n  - [1, "1/3"]\n  - [3, 1]\nchildren:\n  - {code: A, name: A}\n  - {code: B, name: B}\n',
    );
    writeFileSync(join(dir, 'd.csv'), 'id,A,B\nx,2,10\ny,10,2\n');
    // weights 1/4 and 3/4: x = 2/4 + 30/4 = 8, y = 10/4 + 6/4 = 4 — in the table path and in the large path
    const table = await runCli(['evaluate', '--hierarchy', 't.yaml', '--data', 'd.csv', '--format', 'csv'], undefined, dir);
    expect(table.stdout).toBe('id,score,grade,rank\nx,8,no risk,1\ny,4,extremely severe risk,2\n');
    const large = await runCli(['evaluate', '--hierarchy', 't.yaml', '--data', 'd.csv', '--out', 'o.csv'], undefined, dir);
    expect(large.code).toBe(0);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toBe(table.stdout);
    // a cell that is no number or fraction is named by line, as before
    writeFileSync(
      join(dir, 't.yaml'),
      'code: R\nname: Root\nmatrix:\n  - [1, "1/x"]\n  - [3, 1]\nchildren:\n  - {code: A, name: A}\n  - {code: B, name: B}\n',
    );
    const refused = await runCli(['evaluate', '--hierarchy', 't.yaml', '--data', 'd.csv', '--out', 'o.csv'], undefined, dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/t\.yaml:4: .*matrix/);
  });
});
