/**
 * Entropy weights over a whole portfolio: 1,000,000 alternatives × 53 indicators, column-major,
 * against a vectorised numpy implementation of the same formulas on the same data in the same run.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../packages/core/src/numeric/random.ts';
import { createKernelPool, defaultPoolSize, entropyWeightsParallel, sharedColumnMajor } from '../packages/core/src/parallel.ts';
import { entropyWeightsBatch } from '../packages/core/src/weighting/entropy.ts';
import { report, runPython, timeBest, timeBestAsync } from './python.ts';

const pool = createKernelPool({ size: defaultPoolSize() });
const poolSize = () => pool.size;
const ROWS = 1_000_000;
const COLS = 53;
const rng = createRng(3);
const x = sharedColumnMajor(ROWS, COLS);
const { data } = x;
for (let i = 0; i < data.length; i++) data[i] = rng.next() * 100;
const file = join(tmpdir(), `scf-entropy-bench-${process.pid}.f64`);
writeFileSync(file, Buffer.from(data.buffer));
let weights: number[] = [];
const ours = timeBest(() => {
  weights = entropyWeightsBatch(x).weights;
}, 3);
const oursPar = await timeBestAsync(() => entropyWeightsParallel(pool, x), 4);
const ref = runPython<{ t: number; w0: number }>(
  `
import sys, time, json, numpy as np
x = np.fromfile(sys.argv[1], dtype=np.float64).reshape(${COLS}, ${ROWS}).T  # column-major on disk
def run():
    lo = x.min(0); hi = x.max(0)
    z = (x - lo) / (hi - lo)
    p = z / z.sum(0)
    with np.errstate(divide='ignore', invalid='ignore'):
        e = -np.where(p > 0, p * np.log(p), 0.0).sum(0) / np.log(x.shape[0])
    d = 1 - e
    return d / d.sum()
best = 1e9
for _ in range(3):
    t = time.perf_counter(); w = run(); best = min(best, time.perf_counter() - t)
print(json.dumps({"t": best, "w0": float(w[0])}))
`,
  [file],
  'numpy entropy',
);
console.log(`  ${ROWS.toLocaleString()} × ${COLS} (column-major), min-max entropy weights`);
report(
  'entropy weights',
  ours,
  ref?.t ?? null,
  `one thread, ${((ROWS * COLS) / ours / 1e6).toFixed(0)} M cells/s${ref ? `; |w0 − numpy| = ${Math.abs(weights[0] - ref.w0).toExponential(1)}` : ''}`,
);
report(
  'entropy weights, parallel',
  oursPar,
  ref?.t ?? null,
  `${poolSize()} worker threads, ${((ROWS * COLS) / oursPar / 1e6).toFixed(0)} M cells/s`,
);
