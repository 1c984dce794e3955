/**
 * CART on generated loan histories (22 attributes of [002 §3]), 100,000 and 1,000,000 rows,
 * against scikit-learn's DecisionTreeClassifier on the same rows in the same run (max depth 10,
 * min 20 rows per leaf; 80 % train / 20 % test). Categories go to scikit-learn as their codes.
 * Installs scikit-learn from the local wheel cache when missing; skips with a message otherwise.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subsetCreditDataset } from '../packages/core/src/credit/dataset.ts';
import { generateLoanHistory } from '../packages/core/src/credit/generator.ts';
import { predictTreeDataset } from '../packages/core/src/credit/predict.ts';
import { trainTree } from '../packages/core/src/credit/tree.ts';
import { report, runPython } from './python.ts';

if (spawnSync('python3', ['-c', 'import sklearn']).status !== 0) {
  spawnSync('pip', ['install', '--no-index', '--find-links', '/opt/pypi/files', 'scikit-learn'], { stdio: 'ignore' });
}

for (const rows of [100_000, 1_000_000]) {
  const ds = generateLoanHistory({ rows, seed: 42 }).dataset;
  const nTrain = Math.floor(rows * 0.8);
  const train = Array.from({ length: nTrain }, (_, i) => i);
  const test = Array.from({ length: rows - nTrain }, (_, i) => nTrain + i);
  const trainDs = subsetCreditDataset(ds, train);
  const t0 = process.hrtime.bigint();
  const model = trainTree(trainDs, { algorithm: 'cart', maxDepth: 10, minLeaf: 20, recordCandidates: false });
  const ours = Number(process.hrtime.bigint() - t0) / 1e9;
  const pred = predictTreeDataset(model, ds, test);
  let correct = 0;
  test.forEach((r, t) => {
    if (model.classes[pred.predicted[t]] === ds.classes[ds.labels[r]]) correct++;
  });
  const accuracy = correct / test.length;
  // The same rows for scikit-learn: attributes as float64 (codes for categories, NaN → column median), labels.
  const A = ds.attributes.length;
  const x = new Float64Array(rows * A);
  ds.columns.forEach((col, a) => {
    for (let r = 0; r < rows; r++) x[r * A + a] = col[r] < 0 && ds.attributes[a].kind === 'categorical' ? Number.NaN : col[r];
  });
  const file = join(tmpdir(), `scf-cart-bench-${process.pid}-${rows}`);
  writeFileSync(`${file}.x`, Buffer.from(x.buffer));
  writeFileSync(`${file}.y`, Buffer.from(Int32Array.from(ds.labels).buffer));
  const ref = runPython<{ t: number; accuracy: number }>(
    `
import sys, time, json, numpy as np
from sklearn.tree import DecisionTreeClassifier
x = np.fromfile(sys.argv[1] + '.x', dtype=np.float64).reshape(-1, ${A}); y = np.fromfile(sys.argv[1] + '.y', dtype=np.int32)
med = np.nanmedian(x, axis=0); idx = np.where(np.isnan(x)); x[idx] = np.take(med, idx[1])
n = int(len(y) * 0.8)
clf = DecisionTreeClassifier(max_depth=10, min_samples_leaf=20, random_state=0)
t = time.perf_counter(); clf.fit(x[:n], y[:n]); t = time.perf_counter() - t
print(json.dumps({"t": t, "accuracy": float((clf.predict(x[n:]) == y[n:]).mean())}))
`,
    [file],
    'scikit-learn',
  );
  console.log(`  ${rows.toLocaleString()} loans × ${A} attributes, CART max depth 10, min leaf 20`);
  report(
    'CART training',
    ours,
    ref?.t ?? null,
    `test accuracy ours ${(100 * accuracy).toFixed(2)} %${ref ? `, scikit-learn ${(100 * ref.accuracy).toFixed(2)} % (Δ ${(100 * Math.abs(accuracy - ref.accuracy)).toFixed(2)} points)` : ''}`,
  );
}
