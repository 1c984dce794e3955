/**
 * Jenks natural breaks, solved exactly by dynamic programming (Fisher 1958; Jenks 1967):
 * split sorted values into k contiguous classes minimising the total within-class sum of
 * squared deviations. O(k·n²), fine for the tens of indicators it groups.
 */

/** Class index (0 = lowest values) for each value, and each class's lowest value. */
export function naturalBreaks(values: readonly number[], k: number): { classOf: number[]; floors: number[] } {
  const n = values.length;
  if (n === 0) return { classOf: [], floors: [] };
  const kk = Math.max(1, Math.min(k, n));
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const x = order.map((i) => values[i]);
  const prefix = [0];
  const prefix2 = [0];
  for (const v of x) {
    prefix.push(prefix[prefix.length - 1] + v);
    prefix2.push(prefix2[prefix2.length - 1] + v * v);
  }
  const ssd = (a: number, b: number) => {
    // values x[a..b] inclusive
    const cnt = b - a + 1;
    const s = prefix[b + 1] - prefix[a];
    return prefix2[b + 1] - prefix2[a] - (s * s) / cnt;
  };
  // cost[c][j]: best cost of x[0..j] in c + 1 classes; cut[c][j]: start of the last class
  const cost: number[][] = Array.from({ length: kk }, () => new Array<number>(n).fill(Number.POSITIVE_INFINITY));
  const cut: number[][] = Array.from({ length: kk }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) cost[0][j] = ssd(0, j);
  for (let c = 1; c < kk; c++) {
    for (let j = c; j < n; j++) {
      for (let s = c; s <= j; s++) {
        const v = cost[c - 1][s - 1] + ssd(s, j);
        if (v < cost[c][j]) {
          cost[c][j] = v;
          cut[c][j] = s;
        }
      }
    }
  }
  const starts = new Array<number>(kk).fill(0);
  let end = n - 1;
  for (let c = kk - 1; c >= 1; c--) {
    starts[c] = cut[c][end];
    end = starts[c] - 1;
  }
  const classOfSorted = new Array<number>(n);
  for (let c = 0; c < kk; c++) {
    const from = starts[c];
    const to = c + 1 < kk ? starts[c + 1] - 1 : n - 1;
    for (let j = from; j <= to; j++) classOfSorted[j] = c;
  }
  const classOf = new Array<number>(n);
  order.forEach((orig, j) => {
    classOf[orig] = classOfSorted[j];
  });
  return { classOf, floors: starts.map((s) => x[s]) };
}
