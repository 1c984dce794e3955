/**
 * Portfolio evaluation, 1,000,000 alternatives × 53 indicators (column-major, 424 MB), against
 * vectorised numpy implementations of the same formulas on the same data in the same run:
 * 4-level fuzzy evaluation (5 grades, weighted average), TOPSIS, grey relational grades; and
 * Monte-Carlo rank probabilities (10,000 draws × 1,000 alternatives × 53 indicators).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzyEvaluateBatch } from '../packages/core/src/evaluation/fuzzy-batch.ts';
import { graGradesBatch } from '../packages/core/src/evaluation/grey-batch.ts';
import { monteCarloRanks } from '../packages/core/src/evaluation/monte-carlo.ts';
import { topsisBatch } from '../packages/core/src/evaluation/topsis.ts';
import type { Direction } from '../packages/core/src/hierarchy/tree.ts';
import { createRng, randomDirichlet } from '../packages/core/src/numeric/random.ts';
import {
  createKernelPool,
  defaultPoolSize,
  fuzzyEvaluateParallel,
  graGradesParallel,
  sharedColumnMajor,
  topsisParallel,
} from '../packages/core/src/parallel.ts';
import { report, runPython, timeBest, timeBestAsync } from './python.ts';

const pool = createKernelPool({ size: defaultPoolSize() });
const poolSize = () => pool.size;
const ROWS = 1_000_000;
const COLS = 53;
const rng = createRng(11);
const x = sharedColumnMajor(ROWS, COLS);
const { data } = x;
for (let i = 0; i < data.length; i++) data[i] = 2 + 8 * rng.next();
// Leaf global weights of a 4-level tree (5 criteria, 16 sub-criteria, 53 leaves) = a Dirichlet draw.
const weights = Array.from(randomDirichlet(rng, new Float64Array(COLS).fill(2)));
const directions: Direction[] = Array.from({ length: COLS }, (_, j) => (j % 4 === 3 ? 'cost' : 'benefit'));
const file = join(tmpdir(), `scf-eval-bench-${process.pid}.f64`);
writeFileSync(file, Buffer.from(data.buffer));
writeFileSync(`${file}.w`, JSON.stringify({ weights, cost: directions.map((d) => d === 'cost') }));
const cells = ROWS * COLS;
const rate = (t: number) => `${(cells / t / 1e6).toFixed(0)} M cells/s`;

const rss0 = process.memoryUsage().rss;
const tFce = timeBest(() => fuzzyEvaluateBatch(x, weights), 3);
const peak = process.resourceUsage().maxRSS * 1024;
const tTopsis = timeBest(() => topsisBatch(x, weights, { directions }), 3);
const tGra = timeBest(() => graGradesBatch(x, weights, directions), 3);
const tGraPar = await timeBestAsync(() => graGradesParallel(pool, x, weights, directions), 4);
const tFcePar = await timeBestAsync(() => fuzzyEvaluateParallel(pool, x, weights), 4);
const tTopsisPar = await timeBestAsync(() => topsisParallel(pool, x, weights, { directions }), 4);

const ref = runPython<{ fce: number; topsis: number; gra: number }>(
  `
import sys, time, json, numpy as np
x = np.fromfile(sys.argv[1], dtype=np.float64).reshape(${COLS}, ${ROWS}).T
meta = json.load(open(sys.argv[1] + '.w')); w = np.array(meta['weights']); cost = np.array(meta['cost'])
centres = np.array([2., 4., 6., 8., 10.])
def best(f, r=2):
    b = 1e9
    for _ in range(r):
        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
    return b
def fce():
    out = []
    for s in range(0, x.shape[0], 100000):
        c = x[s:s+100000]
        r = np.clip(1 - np.abs(c[:, :, None] - centres[None, None, :]) / 2.0, 0, 1)  # triangular, gap 2
        b = np.einsum('j,ijk->ik', w, r)
        out.append(b @ centres)
    return np.concatenate(out)
def topsis():
    v = x / np.sqrt((x ** 2).sum(0)) * w
    bst = np.where(cost, v.min(0), v.max(0)); wst = np.where(cost, v.max(0), v.min(0))
    dp = np.sqrt(((v - bst) ** 2).sum(1)); dm = np.sqrt(((v - wst) ** 2).sum(1))
    c = dm / (dp + dm)
    rank = np.empty(c.size, dtype=np.int64); rank[np.argsort(-c, kind='stable')] = np.arange(1, c.size + 1)  # as ours, which ranks too
    return c, rank
def gra():
    lo, hi = x.min(0), x.max(0)
    z = np.where(cost, (hi - x) / (hi - lo), (x - lo) / (hi - lo))
    d = np.abs(1 - z); dmin, dmax = d.min(), d.max()
    return ((dmin + 0.5 * dmax) / (d + 0.5 * dmax)) @ w
print(json.dumps({"fce": best(fce, 1), "topsis": best(topsis), "gra": best(gra)}))
`,
  [file],
  'numpy evaluation',
);
console.log(
  `  ${ROWS.toLocaleString()} alternatives × ${COLS} indicators (column-major Float64Array, ${((cells * 8) / 1e6).toFixed(0)} MB)`,
);
report(
  '4-level fuzzy evaluation (5 grades)',
  tFce,
  ref?.fce ?? null,
  `${rate(tFce)}; peak RSS ${(peak / 1e6).toFixed(0)} MB vs input ${((cells * 8) / 1e6).toFixed(0)} MB (process before: ${(rss0 / 1e6).toFixed(0)} MB)`,
);
report('4-level fuzzy evaluation, parallel', tFcePar, ref?.fce ?? null, `${poolSize()} worker threads, ${rate(tFcePar)}`);
report('TOPSIS (vector normalisation), one thread', tTopsis, ref?.topsis ?? null, rate(tTopsis));
report('TOPSIS, parallel', tTopsisPar, ref?.topsis ?? null, `${poolSize()} worker threads, ${rate(tTopsisPar)}`);
report('grey relational grades (min-max, ρ = 0.5), one thread', tGra, ref?.gra ?? null, rate(tGra));
report('grey relational grades, parallel', tGraPar, ref?.gra ?? null, `${poolSize()} worker threads, ${rate(tGraPar)}`);

// Monte Carlo: 10,000 Dirichlet draws × 1,000 alternatives × 53 indicators
const ALT = 1000;
const values = Array.from({ length: ALT }, (_, i) => Array.from({ length: COLS }, (_, j) => data[j * ROWS + i] / 10));
const tMc = timeBest(() => monteCarloRanks(weights, values, { draws: 10_000, seed: 1 }), 1);
const mcRef = runPython<{ t: number }>(
  `
import sys, time, json, numpy as np
x = np.fromfile(sys.argv[1], dtype=np.float64).reshape(${COLS}, ${ROWS}).T[:${ALT}] / 10
w = np.array(json.load(open(sys.argv[1] + '.w'))['weights'])
rng = np.random.default_rng(1)
t = time.perf_counter()
counts = np.zeros((${ALT}, ${ALT}))
for s in range(0, 10000, 1000):
    W = rng.dirichlet(w * 100, size=1000)
    order = np.argsort(-(W @ x.T), axis=1)
    for r in range(${ALT}):
        np.add.at(counts[:, r], order[:, r], 1)
print(json.dumps({"t": time.perf_counter() - t}))
`,
  [file],
  'numpy Monte Carlo',
);
report('Monte-Carlo rank probabilities (10,000 draws × 1,000 × 53)', tMc, mcRef?.t ?? null);
