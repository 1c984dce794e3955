/**
 * `@scf-risk/core` as a user gets it: packed by npm, installed into an empty folder, imported
 * from plain Node (built JavaScript, no TypeScript loader) and type-checked from a TypeScript
 * file against its declarations. Builds core first (incremental, about a second).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TSC = join(ROOT, 'node_modules/.bin/tsc');
let dir = '';

function run(cmd: string, args: string[], cwd: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { code: err.status ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scf-core-pack-'));
  expect(run(TSC, ['-b', 'packages/core'], ROOT).out).toBe('');
  const packed = run('npm', ['pack', '--silent', '--pack-destination', dir], join(ROOT, 'packages/core'));
  expect(packed.code).toBe(0);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  const installed = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', `./${tarball}`], dir);
  expect(installed.out).toBe('');
  expect(installed.code).toBe(0);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('@scf-risk/core packed and installed', () => {
  it('holds the built JavaScript and declarations only', () => {
    const files = readdirSync(join(dir, 'node_modules/@scf-risk/core/dist'));
    expect(files).toContain('index.js');
    expect(files).toContain('index.d.ts');
    expect(readdirSync(join(dir, 'node_modules/@scf-risk/core'))).not.toContain('src');
  });

  it('imports from plain Node and computes', () => {
    const code =
      "import { ahp } from '@scf-risk/core'; const r = ahp([[1, 3], [1 / 3, 1]]); console.log(JSON.stringify([r.weights, r.cr]));";
    writeFileSync(join(dir, 'use.mjs'), code);
    const r = run(process.execPath, ['use.mjs'], dir);
    expect(r.code).toBe(0);
    const [weights, cr] = JSON.parse(r.out) as [number[], number];
    expect(weights[0]).toBeCloseTo(0.75, 12);
    expect(weights[1]).toBeCloseTo(0.25, 12);
    expect(cr).toBe(0);
  });

  it('type-checks a TypeScript file against the declarations, and catches a wrong use', () => {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: [] } }),
    );
    writeFileSync(
      join(dir, 'good.ts'),
      "import { ahp, type AhpResult } from '@scf-risk/core';\nconst r: AhpResult = ahp([[1, 2], [0.5, 1]]);\nexport const w: number[] = r.weights;\nexport const cr: number = r.cr;\n",
    );
    const good = run(TSC, ['-p', '.'], dir);
    expect(good.out).toBe('');
    expect(good.code).toBe(0);
    writeFileSync(join(dir, 'bad.ts'), "import { ahp } from '@scf-risk/core';\nexport const s: string = ahp([[1]]).cr;\n");
    const bad = run(TSC, ['-p', '.'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/bad\.ts.*TS2322/);
  });
});
