/**
 * Running a Python reference (numpy, scikit-learn) in the same bench run, for ratios.
 * The reference script prints one JSON object on its last stdout line; missing python3 or a
 * missing module gives `null` and a printed reason, never a failure.
 */
import { spawnSync } from 'node:child_process';

/** Run `code` with python3; returns the parsed last JSON line, or null (with a message) when unavailable. */
export function runPython<T = Record<string, number>>(code: string, args: string[] = [], what = 'python reference'): T | null {
  const r = spawnSync('python3', ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || '').trim().split('\n').pop();
    console.log(`  (skipping ${what}: ${why})`);
    return null;
  }
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** Best of `repeats` wall-clock timings of `fn`, in seconds. */
export function timeBest(fn: () => void, repeats = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

/** One line of a bench report: ours vs reference and the ratio (reference time / our time). */
/** Best wall time of an async `fn` over `repeats` runs (the first run also warms the worker pool). */
export async function timeBestAsync(fn: () => Promise<unknown>, repeats = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

export function report(name: string, ours: number, reference: number | null, extra = ''): void {
  const ratio =
    reference === null ? 'reference skipped' : `${(reference / ours).toFixed(2)}× faster than reference (${reference.toExponential(3)} s)`;
  console.log(`  ${name}: ours ${ours.toExponential(3)} s; ${ratio}${extra ? `; ${extra}` : ''}`);
}
