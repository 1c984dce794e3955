/**
 * Large portfolios end to end (issue 12 item 7): `scf-risk evaluate --hierarchy H --data big.csv
 * --out scores.csv` on a 1,000,000 × 53 numeric CSV (about 320 MB), the built command as a child
 * process, against pandas (read_csv, the same 4-level fuzzy evaluation in numpy, to_csv) and polars
 * (read_csv, numpy, write_csv) doing the same job in the same run. Each runs as its own process
 * under /usr/bin/time, so wall time and peak RSS are the whole job's. The CSV is generated once
 * into a temporary folder (`SCF_BENCH_DIR`, default $TMPDIR/scf-risk-bench) and reused.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROWS = Number(process.env.SCF_BENCH_ROWS ?? 1_000_000);
const COLS = 53;
const REPEATS = Number(process.env.SCF_BENCH_REPEATS ?? 3);
const dir = process.env.SCF_BENCH_DIR ?? join(tmpdir(), 'scf-risk-bench');
const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(dir, { recursive: true });

/** A 4-level tree: root → 5 criteria → 16 sub-criteria → 53 leaves, weights from a fixed LCG. */
function tree() {
  let s = 12345;
  const next = () => {
    s = (s * 48271) % 2147483647;
    return 0.2 + s / 2147483647;
  };
  const norm = (k: number) => {
    const w = Array.from({ length: k }, next);
    const t = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / t);
  };
  const subsPer = [3, 3, 4, 3, 3]; // 16 sub-criteria
  const leavesPer = [3, 4, 3, 3, 4, 3, 3, 4, 3, 3, 4, 3, 3, 4, 3, 3]; // 53 leaves
  let sub = 0;
  let leaf = 0;
  const cw = norm(5);
  const children = subsPer.map((k, c) => {
    const sw = norm(k);
    return {
      code: `C${c + 1}`,
      name: `C${c + 1}`,
      weight: cw[c],
      children: sw.map((w, t) => {
        const n = leavesPer[sub++];
        const lw = norm(n);
        return {
          code: `C${c + 1}${t + 1}`,
          name: `C${c + 1}${t + 1}`,
          weight: w,
          children: lw.map((v) => {
            leaf++;
            return { code: `L${leaf}`, name: `L${leaf}`, weight: v, direction: 'benefit' };
          }),
        };
      }),
    };
  });
  if (leaf !== COLS) throw new Error(`tree has ${leaf} leaves`);
  return { code: 'P', name: 'Portfolio', children };
}

const treeFile = join(dir, 'tree.json');
const csvFile = join(dir, `portfolio-${ROWS}x${COLS}.csv`);
writeFileSync(treeFile, JSON.stringify(tree()));
if (!existsSync(csvFile)) {
  const t0 = Date.now();
  const fd = openSync(`${csvFile}.part`, 'w');
  let chunk = `id,${Array.from({ length: COLS }, (_, j) => `L${j + 1}`).join(',')}\n`;
  let s = 7;
  for (let i = 0; i < ROWS; i++) {
    let line = `A${i + 1}`;
    for (let j = 0; j < COLS; j++) {
      s = (s * 48271) % 2147483647;
      line += `,${(2 + (8 * s) / 2147483647).toFixed(3)}`;
    }
    chunk += `${line}\n`;
    if (chunk.length > 1 << 22) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  spawnSync('mv', [`${csvFile}.part`, csvFile]);
  console.log(`  generated ${csvFile} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const mb = statSync(csvFile).size / 1e6;
const numericMb = (ROWS * COLS * 8) / 1e6;

/** Wall time (s) and peak RSS (MB) of a command, through /usr/bin/time. */
function timed(cmd: string[], env: NodeJS.ProcessEnv = {}): { t: number; rss: number; out: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '@@ %e %M', ...cmd], {
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  const m = /@@ ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return { t: Number(m[1]), rss: Number(m[2]) / 1024, out: r.stdout };
}

/** The best (least) time of runs, their times, the largest peak RSS, the first run's output. */
function best(runs: { t: number; rss: number; out: string }[]) {
  return { t: Math.min(...runs.map((r) => r.t)), all: runs.map((r) => r.t), rss: Math.max(...runs.map((r) => r.rss)), out: runs[0].out };
}

// The same job in Python: read, the 4-level fuzzy evaluation in numpy (leaf global weights,
// triangular memberships between the grade centres 2..10, weighted average, chunked as a careful
// numpy user writes it), grade by maximum membership, rank, write id,score,grade,rank.
const PY = `
import sys, time, json, numpy as np
lib, data, tree, out = sys.argv[1:5]
t0 = time.perf_counter()
def leaves(n, w=1.0):
    if 'children' not in n: return [(n['code'], w)]
    return [l for c in n['children'] for l in leaves(c, w * c['weight'])]
ls = leaves(json.load(open(tree)))
codes = [c for c, _ in ls]; w = np.array([v for _, v in ls])
centres = np.array([2., 4., 6., 8., 10.]); names = np.array(['extremely severe risk', 'severe risk', 'moderate risk', 'slight risk', 'no risk'])
if lib == 'pandas':
    import pandas as pd
    df = pd.read_csv(data, dtype={'id': str}); ids = df['id'].to_numpy(); x = df[codes].to_numpy(dtype=np.float64)
else:
    import polars as pl
    df = pl.read_csv(data, schema_overrides={'id': pl.Utf8}); ids = df['id'].to_numpy(); x = df.select(codes).to_numpy()
t1 = time.perf_counter()
score = np.empty(x.shape[0]); grade = np.empty(x.shape[0], dtype=np.int64)
for s in range(0, x.shape[0], 100000):
    c = x[s:s+100000]
    r = np.clip(1 - np.abs(c[:, :, None] - centres[None, None, :]) / 2.0, 0, 1)
    b = np.einsum('j,ijk->ik', w, r)
    score[s:s+100000] = b @ centres; grade[s:s+100000] = b[:, ::-1].argmax(1)
rank = np.empty(score.size, dtype=np.int64); rank[np.argsort(-score, kind='stable')] = np.arange(1, score.size + 1)
t2 = time.perf_counter()
g = names[::-1][grade]
if lib == 'pandas':
    pd.DataFrame({'id': ids, 'score': score, 'grade': g, 'rank': rank}).to_csv(out, index=False)
else:
    pl.DataFrame({'id': ids, 'score': score, 'grade': g, 'rank': rank}).write_csv(out)
t3 = time.perf_counter()
print(json.dumps({'read': t1 - t0, 'evaluate': t2 - t1, 'write': t3 - t2}))
`;

const out = (name: string) => join(dir, `scores-${name}.csv`);
const cli = ['node', join(root, 'packages/cli/bin/scf-risk.js'), 'evaluate', '--hierarchy', treeFile, '--data', csvFile, '--out'];
const libs = ['pandas', 'polars'].filter((lib) => {
  const ok = spawnSync('python3', ['-c', `import ${lib}, numpy`]).status === 0;
  if (!ok) console.log(`  (skipping ${lib}: python3 -c "import ${lib}" failed; pip install ${lib})`);
  return ok;
});
// Rounds of ours, then each library: this machine's speed drifts from minute to minute, so each
// round's runs meet the same conditions; the best of each, and each round's own ratios, are printed.
const runs: Record<string, { t: number; rss: number; out: string }[]> = { ours: [] };
for (let round = 0; round < REPEATS; round++) {
  runs.ours.push(timed([...cli, out('ours')]));
  for (const lib of libs) (runs[lib] ??= []).push(timed(['python3', '-c', PY, lib, csvFile, treeFile, out(lib)]));
}
const ours = best(runs.ours);
console.log(
  `  ${ROWS.toLocaleString()} × ${COLS} CSV, ${mb.toFixed(0)} MB (${numericMb.toFixed(0)} MB as numbers); best of ${REPEATS} rounds (ours, then ${libs.join(', ')})`,
);
const line = (name: string, r: { t: number; all: number[]; rss: number }, extra = '') =>
  console.log(
    `  ${name}: ${r.t.toFixed(2)} s (runs ${r.all.map((t) => t.toFixed(2)).join(', ')}), peak RSS ${r.rss.toFixed(0)} MB (${(r.rss / numericMb).toFixed(2)}× the numeric data)${extra}`,
  );
line('scf-risk evaluate (built, child process)', ours);
for (const lib of libs) {
  const r = best(runs[lib]);
  const phases = JSON.parse(r.out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  const ph = Object.entries(phases)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
  const rounds = runs[lib].map((x, k) => (x.t / runs.ours[k].t).toFixed(1)).join(', ');
  line(lib, r, `; ${ph}; ours is ${(r.t / ours.t).toFixed(1)}× faster (best against best; round by round ${rounds})`);
}
// The scores agree with the references (ids, grades and ranks exactly; scores to 1e-9).
const a = readFileSync(out('ours'), 'utf8').split('\n', 6);
if (existsSync(out('pandas'))) {
  const b = readFileSync(out('pandas'), 'utf8').split('\n', 6);
  const same = a.every((l, i) => {
    const [x, y] = [l.split(','), b[i].split(',')];
    return x[0] === y[0] && x[2] === y[2] && x[3] === y[3] && (i === 0 || Math.abs(Number(x[1]) - Number(y[1])) < 1e-9);
  });
  console.log(`  first rows agree with pandas: ${same}`);
}
