/**
 * The result lines' scores (wasm/csv-format.c, through `fastFormat().numberText`) are String(v)'s bytes: compared with String on a million seeded doubles of
 * the kinds the CSV writer meets (fce scores on [2, 10], closeness on [0, 1], raw bit patterns, few
 * digits, every decade of the decimal range, both signs) and at the edges of its fast path.
 */
import { describe, expect, it } from 'vitest';
import { fastFormat } from '../src/csv-format-fast.ts';
import { csvFormatResults } from '../src/csv-kernels.ts';

const decoder = new TextDecoder();
const text = (v: number) => decoder.decode(fastFormat().numberText(v));

/** Park–Miller, seeded: the same doubles in every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

/** The values where `text` differs from String (at most 5 of them). */
function mismatches(values: Iterable<number>): string[] {
  const bad: string[] = [];
  for (const v of values) if (text(v) !== String(v) && bad.length < 5) bad.push(`${String(v)} → ${text(v)}`);
  return bad;
}

function* draws(count: number, make: (r: () => number) => number, seed: number): Generator<number> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) yield make(r);
}

describe('the score text of the result lines: String(v) as bytes', () => {
  it('fce scores on [2, 10] and closeness on [0, 1], 300,000 each', () => {
    expect(mismatches(draws(300_000, (r) => 2 + 8 * r(), 1))).toEqual([]);
    expect(mismatches(draws(300_000, (r) => r(), 2))).toEqual([]);
    // sums of weighted scores as the kernels make them (the last bits are arbitrary)
    expect(mismatches(draws(100_000, (r) => 0.3 * (2 + 8 * r()) + 0.7 * (2 + 8 * r()), 3))).toEqual([]);
  });

  it('any decade of the decimal range, both signs, and raw bit patterns', () => {
    expect(mismatches(draws(200_000, (r) => (r() - 0.5) * 10 ** Math.floor(r() * 26 - 8), 4))).toEqual([]);
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    const raw = (r: () => number) => {
      words[0] = (r() * 2 ** 32) >>> 0;
      words[1] = (r() * 2 ** 32) >>> 0;
      return bits[0];
    };
    expect(mismatches(draws(100_000, raw, 5))).toEqual([]);
  });

  it('few digits, halves and powers of two (the cases the fast path leaves to String)', () => {
    expect(mismatches(draws(100_000, (r) => Math.round(r() * 1e6) / 1000, 6))).toEqual([]);
    expect(mismatches(draws(50_000, (r) => Math.round(r() * 2 ** 40) / 2 ** Math.floor(r() * 30), 7))).toEqual([]);
    expect(mismatches(Array.from({ length: 60 }, (_, k) => 2 ** (k - 30)))).toEqual([]);
  });

  it('the edges: powers of ten and their neighbours, zero, the range ends, non-finite values', () => {
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    const edges: number[] = [];
    for (let p = -24; p <= 24; p++)
      for (const d of [-2, -1, 0, 1, 2]) {
        bits[0] = 10 ** p;
        words[0] = (words[0] + d) >>> 0;
        edges.push(bits[0], -bits[0]);
      }
    edges.push(0, -0, 1e-7, 1e-6, 1e16, 9999999999999998, 1e21, 5e-324, Number.MAX_VALUE);
    edges.push(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1 + 0.2, 1 / 3, 2 / 3, 4.35, 1.005);
    expect(mismatches(edges)).toEqual([]);
    expect([text(8), text(0.5), text(-2.25), text(123456789012345.6), text(0.000001234)]).toEqual([
      '8',
      '0.5',
      '-2.25',
      '123456789012345.6',
      '0.000001234',
    ]);
  });

  it('result lines: at the offset given, quoted ids, empty ids as row numbers, grade names, no grades', () => {
    const enc = new TextEncoder();
    const ids = enc.encode('a1b,"cq"x');
    const idEnds = Int32Array.from([2, 2, 6, 9]); // "a1", "", "b,\"c", "q\"x"
    const r = {
      score: Float64Array.from([9, 1 / 3, 2.5, 7.840000000000001, 5, 6]),
      rank: Int32Array.from([9, 9, 1, 4, 3, 2]),
      grade: Int32Array.from([0, 0, 1, 0, 2, 1]),
      names: ['no risk', 'slight, risk', 'x'].map((g) => enc.encode(g.includes(',') ? `"${g}"` : g)),
    };
    const out = new Uint8Array(400).fill(35);
    const end = csvFormatResults(ids, idEnds, 2, r, out, 5);
    const text = decoder.decode(out.subarray(0, end + 1));
    expect(text).toBe('#####a1,2.5,"slight, risk",1\n4,7.840000000000001,no risk,4\n"b,""c",5,x,3\n"q""x",6,"slight, risk",2\n#');
    const plain = csvFormatResults(enc.encode('z'), Int32Array.from([1]), 0, { ...r, grade: null }, out, 0);
    expect(decoder.decode(out.subarray(0, plain))).toBe('z,9,,9\n');
  });
});
