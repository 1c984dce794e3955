/**
 * AHP eigenvector method on 10,000 random 15×15 reciprocal matrices (Saaty scale), against
 * numpy.linalg.eig on the same matrices in the same run: per matrix in a Python loop (how an
 * analyst's script calls it) and batched over the stacked array (numpy's best case).
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, randomInt } from '../packages/core/src/numeric/random.ts';
import { ahp } from '../packages/core/src/weighting/ahp.ts';
import { principalEigen } from '../packages/core/src/weighting/ahp-priority.ts';
import { report, runPython, timeBest } from './python.ts';

const N = 15;
const COUNT = 10_000;
const SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const rng = createRng(7);
const data = new Float64Array(COUNT * N * N);
for (let k = 0; k < COUNT; k++) {
  const o = k * N * N;
  for (let i = 0; i < N; i++) {
    data[o + i * N + i] = 1;
    for (let j = i + 1; j < N; j++) {
      const v = SCALE[randomInt(rng, SCALE.length)];
      data[o + i * N + j] = v;
      data[o + j * N + i] = 1 / v;
    }
  }
}
const file = join(tmpdir(), `scf-ahp-bench-${process.pid}.f64`);
writeFileSync(file, Buffer.from(data.buffer));

const out = new Float64Array(N);
const scratch = new Float64Array(N);
let sink = 0;
const kernel = timeBest(() => {
  for (let k = 0; k < COUNT; k++) sink += principalEigen(data.subarray(k * N * N, (k + 1) * N * N), N, out, scratch).value;
});
const matrices = Array.from({ length: 200 }, (_, k) =>
  Array.from({ length: N }, (_, i) => Array.from(data.subarray(k * N * N + i * N, k * N * N + (i + 1) * N))),
);
const api =
  timeBest(() => {
    for (const m of matrices) sink += ahp(m, { skipHelp: true }).cr;
  }) / matrices.length;

const ref = runPython<{ loop: number; batched: number }>(
  `
import sys, time, json, numpy as np
a = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, ${N}, ${N})
def best(f, r=3):
    b = 1e9
    for _ in range(r):
        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
    return b
def loop():
    for m in a:
        v, w = np.linalg.eig(m)
        k = np.argmax(v.real); x = np.abs(w[:, k].real); x / x.sum()
def batched():
    v, w = np.linalg.eig(a)
print(json.dumps({"loop": best(loop) / len(a), "batched": best(batched) / len(a)}))
`,
  [file],
  'numpy linalg.eig',
);
console.log(`  ${COUNT} matrices ${N}×${N}, eigenvector method (power iteration to 1e-15)`);
report('per matrix, kernel vs numpy eig in a loop', kernel / COUNT, ref?.loop ?? null);
report('per matrix, kernel vs numpy eig batched', kernel / COUNT, ref?.batched ?? null);
report('per matrix, full ahp() with validation vs numpy eig in a loop', api, ref?.loop ?? null);
unlinkSync(file);
if (sink === 42) console.log('');
