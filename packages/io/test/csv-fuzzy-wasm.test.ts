/**
 * The fused fce path's WebAssembly record (csv-fuzzy-fast.ts, wasm/csv-fuzzy.c) against the
 * TypeScript path on the same bytes: scores and grades bit for bit, the same ids, rows, blank lines,
 * cells off the axis and problems — on records of every kind (fast ones, and those it must hand
 * back: quoted ids, blanks, exponents, 16 digits, a bad cell).
 */
import { planFuzzy } from '@scf-risk/core/parallel';
import { DEFAULT_GRADES } from '@scf-risk/core/portfolio';
import { afterEach, describe, expect, it } from 'vitest';
import { fastFuzzyFor, useFastFuzzy } from '../src/csv-fuzzy-fast.ts';
import { type CsvFuzzyFreeRange, csvParseFuzzyFree, csvRowsBound } from '../src/csv-kernels.ts';

afterEach(() => useFastFuzzy(true));

/** A seeded generator in [0, 1). */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const GRADES7 = [10, 8.5, 7, 5.5, 4, 2.5, 1].map((score, k) => ({ name: `g${k}`, score }));

/** Parse all of `text` (header dropped) as one range, with the WebAssembly path on or off. */
function parse(text: string, wanted: readonly string[], weights: number[], grades = DEFAULT_GRADES, wasm = true) {
  useFastFuzzy(wasm);
  const bytes = new TextEncoder().encode(text);
  const head = bytes.indexOf(10) + 1;
  const hdr = new TextDecoder().decode(bytes.subarray(0, head - 1)).split(',');
  const pick = Int32Array.from(hdr, (h) => wanted.indexOf(h));
  const n = wanted.length;
  const plan = planFuzzy({ rows: 0, cols: n, data: new Float64Array(0) }, weights, grades);
  const scores = grades.map((g) => g.score);
  const cap = csvRowsBound(bytes.length - head + 1, pick.length, n);
  const slots = { score: new Float64Array(cap), grade: new Int32Array(cap), idEnds: new Int32Array(cap) };
  const r: CsvFuzzyFreeRange = csvParseFuzzyFree(
    { bytes },
    head,
    bytes.length,
    bytes.length,
    true,
    pick,
    n,
    plan,
    Math.min(...scores),
    Math.max(...scores),
    slots,
    0,
    cap,
  );
  return {
    ...r,
    ids: new TextDecoder().decode(r.ids),
    score: Array.from(slots.score.subarray(0, r.rows)),
    grade: Array.from(slots.grade.subarray(0, r.rows)),
    idEnds: Array.from(slots.idEnds.subarray(0, r.rows)),
  };
}

function expectSame(text: string, wanted: readonly string[], weights: number[], grades = DEFAULT_GRADES) {
  const wasm = parse(text, wanted, weights, grades, true);
  const ts = parse(text, wanted, weights, grades, false);
  expect(wasm.rows).toBeGreaterThan(0);
  expect(wasm).toEqual(ts); // toEqual on numbers is Object.is: −0 and every bit of the score count
  for (let i = 0; i < wasm.score.length; i++) expect(Object.is(wasm.score[i], ts.score[i]), `row ${i}`).toBe(true);
  return wasm;
}

describe('the WebAssembly record path of the fused fce reader', () => {
  it('gives the TypeScript path’s scores bit for bit on random scores, edges and every number form it reads', () => {
    const next = lcg(11);
    const edge = ['2', '10', '2.000', '10.0', '0', '-0', '-0.0', '1.999999999999999', '10.00000000000001', '6', '123456789012345', '7.25'];
    let text = 'id,A,B,note,C,D,E\n';
    for (let i = 0; i < 3000; i++) {
      const cell = () => (next() < 0.1 ? edge[Math.floor(next() * edge.length)] : (2 + 8 * next()).toFixed(1 + Math.floor(next() * 6)));
      text += `S${i},${cell()},${cell()},n${i},${cell()},${cell()},${cell()}\n`;
    }
    const r = expectSame(text, ['A', 'B', 'C', 'D', 'E'], [0.3, 0.25, 0.2, 0.15, 0.1]);
    expect(r.rows).toBe(3000);
    expect(r.off).toBeGreaterThan(0); // 0, −0, 10.00000000000001 … are off the axis [2, 10]
  });

  it('hands back the records it does not read: blanks, CRLF, exponents, 16 digits, a plus sign, blank lines', () => {
    const text = [
      'id,B,A',
      'r1,3.5,4',
      'r2, 3.5,4',
      'r3,3.5,4\r',
      '',
      'r4,3.5e0,4',
      'r5,3.500000000000001,4',
      'r6,+3.5,4',
      ' r7,3.5,4',
      'r8 ,3.5,4',
      'r9,3.5,4',
      '   ',
      'r10,.5,4.',
      'r11,5,9',
      '',
    ].join('\n');
    const r = expectSame(text, ['A', 'B'], [0.6, 0.4]);
    expect(r.rows).toBe(11);
    expect(r.records).toBe(13); // two blank lines
  });

  it('counts cells of zero-weight columns off the axis, reads seven equally spaced grades and any column order', () => {
    const next = lcg(5);
    let text = 'id,C,A,B\n';
    for (let i = 0; i < 500; i++)
      text += `x${i},${(12 * next()).toFixed(3)},${(1 + 9 * next()).toFixed(2)},${(1 + 9 * next()).toFixed(4)}\n`;
    const r = expectSame(text, ['A', 'B', 'C'], [0.5, 0.5, 0], GRADES7);
    expect(r.off).toBeGreaterThan(0);
  });

  it('stops where the TypeScript path stops, with the same problem', () => {
    const text = 'id,A,B\nr1,3,4\nr2,3,4\nr3,x,4\nr4,3,4\n';
    const r = expectSame(text.replace('r1,3,4\n', 'r1,3,4\nr1b,5,6\n'), ['A', 'B'], [0.5, 0.5]);
    expect(r.problem).toEqual({ row: 3, field: 1, kind: 'not-a-number', text: 'x' });
  });

  it('is used only for equally spaced grades and an id in the first field', () => {
    const plan = (grades = DEFAULT_GRADES) => planFuzzy({ rows: 0, cols: 2, data: new Float64Array(0) }, [0.5, 0.5], grades);
    expect(fastFuzzyFor(plan(), Int32Array.from([-1, 0, 1]))).toBeDefined();
    expect(fastFuzzyFor(plan(), Int32Array.from([0, 1, -1]))).toBeUndefined();
    const uneven = [10, 9, 5, 2].map((score, k) => ({ name: `u${k}`, score }));
    expect(fastFuzzyFor(plan(uneven), Int32Array.from([-1, 0, 1]))).toBeUndefined();
    useFastFuzzy(false);
    expect(fastFuzzyFor(plan(), Int32Array.from([-1, 0, 1]))).toBeUndefined();
  });
});
