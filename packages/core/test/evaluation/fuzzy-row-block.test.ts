import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADES, type Grade } from '../../src/evaluation/fuzzy.ts';
import { fuzzyEvaluateBatch, fuzzyEvaluateRowBlock, planFuzzy } from '../../src/evaluation/fuzzy-batch.ts';
import { createRng } from '../../src/numeric/random.ts';

/** rows × cols scores (column-major) with edge values mixed in: the centres, the ends, just inside and outside them. */
function scores(rows: number, cols: number, centres: number[], seed: number): Float64Array {
  const rng = createRng(seed);
  const lo = Math.min(...centres);
  const hi = Math.max(...centres);
  const special = [...centres, lo - 1, hi + 3, lo + 1e-12, hi - 1e-12, lo * (1 + Number.EPSILON), 0, -5, 1e6];
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) {
    const r = rng.next();
    data[k] = r < 0.15 ? special[Math.floor(rng.next() * special.length)] : lo - 0.5 + (hi - lo + 1) * rng.next();
  }
  return data;
}

function rowMajor(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) out[i * cols + j] = data[j * rows + i];
  return out;
}

function compare(grades: readonly Grade[], rows: number, cols: number, seed: number, zeroWeights: boolean) {
  const rng = createRng(seed + 1);
  const w = Array.from({ length: cols }, (_, j) => (zeroWeights && j % 3 === 1 ? 0 : rng.next()));
  const sum = w.reduce((a, b) => a + b, 0);
  const weights = w.map((v) => v / sum);
  const data = scores(
    rows,
    cols,
    grades.map((g) => g.score),
    seed,
  );
  const x = { rows, cols, data };
  const want = fuzzyEvaluateBatch(x, weights, grades);
  const plan = planFuzzy(x, weights, grades);
  const block = rowMajor(data, rows, cols);
  const score = new Float64Array(rows + 5);
  const grade = new Int32Array(rows + 5);
  // in uneven blocks, at an offset, as a reader hands them over
  let off = 0;
  for (let i0 = 0, step = 1; i0 < rows; i0 += step, step = ((step * 7) % 300) + 1) {
    const len = Math.min(step, rows - i0);
    off += fuzzyEvaluateRowBlock(plan, block.subarray(i0 * cols, (i0 + len) * cols), len, cols, score, grade, 5 + i0);
  }
  const lo = plan.centres[0];
  const hi = plan.centres[plan.g - 1];
  let wantOff = 0;
  for (let k = 0; k < data.length; k++) if (weights[Math.floor(k / rows)] !== 0 && !(data[k] >= lo && data[k] <= hi)) wantOff++;
  expect(off).toBe(wantOff);
  expect(off).toBeGreaterThan(0);
  for (let i = 0; i < rows; i++) {
    expect(Object.is(score[5 + i], want.score[i])).toBe(true);
    expect(grade[5 + i]).toBe(want.grade[i]);
  }
  return plan;
}

describe('fuzzyEvaluateRowBlock', () => {
  it('equals fuzzyEvaluateBatch bit for bit (equally spaced centres, edge values, zero weights)', () => {
    expect(compare(DEFAULT_GRADES, 3000, 17, 3, true).uniform).toBe(true);
    compare(DEFAULT_GRADES, 777, 53, 4, false);
  });

  it('equals fuzzyEvaluateBatch bit for bit (centres at any spacing, grades out of order)', () => {
    const grades: Grade[] = [
      { name: 'c', score: 7 },
      { name: 'a', score: 1 },
      { name: 'd', score: 9.5 },
      { name: 'b', score: 2.2 },
    ];
    expect(compare(grades, 2500, 11, 5, true).uniform).toBe(false);
    compare(grades, 400, 29, 6, false);
  });

  it('counts the cells off the grade axis, non-finite ones too, in columns with a weight', () => {
    const plan = planFuzzy({ rows: 0, cols: 3, data: new Float64Array(0) }, [0.5, 0.5, 0], DEFAULT_GRADES);
    const block = Float64Array.of(5, Number.NaN, 99, 2, 10, 1, Number.POSITIVE_INFINITY, 10.5, 3, 1.9, 2, 0);
    expect(fuzzyEvaluateRowBlock(plan, block, 4, 3, new Float64Array(4), new Int32Array(4), 0)).toBe(4);
  });
});
