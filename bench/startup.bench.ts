/**
 * Start-up of the `scf-risk` command (built JavaScript): `--version` and a small AHP, each
 * beside `node -e 0` (the floor no Node program goes below) in the same run. Goals: --version
 * ≤ 0.3 s, `ahp examples/ahp/drinks.yaml` ≤ 0.5 s on a 2-core machine. Median of 15 runs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/cli/bin/scf-risk.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 15;

/** Median wall time of running `node ...args` in the repository folder, in seconds. */
function median(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[RUNS >> 1];
}

const floor = median(['-e', '0']);
console.log(`  node -e 0 (floor): ${floor.toFixed(3)} s`);
for (const [name, args, goal] of [
  ['scf-risk --version', ['--version'], 0.3],
  ['scf-risk ahp examples/ahp/drinks.yaml', ['ahp', 'examples/ahp/drinks.yaml', '--format', 'json'], 0.5],
  ['scf-risk --help', ['--help'], 0.3],
] as const) {
  const t = median([BIN, ...args]);
  console.log(`  ${name}: ${t.toFixed(3)} s (floor + ${(t - floor).toFixed(3)} s; goal ≤ ${goal} s: ${t <= goal ? 'met' : 'NOT met'})`);
}
