/**
 * io's embedded WebAssembly modules (src/NAME-wasm.ts) are the builds of their C sources
 * (wasm/NAME.c): compiled again here with scripts/build-wasm.mjs and compared byte for byte.
 * Needs clang and wasm-ld (Debian's clang and lld; .ci/run installs them).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileWasm, MODULES } from '../../../scripts/build-wasm.mjs';
import { CSV_FORMAT_WASM } from '../src/csv-format-wasm.ts';
import { CSV_FUZZY_WASM } from '../src/csv-fuzzy-wasm.ts';

const EMBEDDED: Record<string, string> = { CSV_FUZZY_WASM, CSV_FORMAT_WASM };

function hasCompiler(): boolean {
  try {
    execFileSync('clang', ['--version'], { stdio: 'ignore' });
    execFileSync('wasm-ld', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the embedded WebAssembly', () => {
  it('is the build of each C source (node scripts/build-wasm.mjs after editing one)', () => {
    expect(MODULES.map((m) => m.constant).sort()).toEqual(Object.keys(EMBEDDED).sort());
    if (!hasCompiler()) {
      if (process.env.CI) throw new Error('clang and wasm-ld are needed under CI (apt-get install clang lld)');
      console.warn('SKIPPED: no clang/wasm-ld here, so the embedded WebAssembly is not compared with its C sources');
      return;
    }
    for (const m of MODULES) expect(compileWasm(m.name), `${m.name}: run node scripts/build-wasm.mjs`).toBe(EMBEDDED[m.constant]);
  });
});
