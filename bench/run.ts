/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those whose names contain argv[2]).
 * Each prints its timings as ratios against a reference run in the same process or run.
 */
import { readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
console.log(`SCF Risk benchmarks — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const f of files) {
  console.log(`\n# ${f}`);
  await import(new URL(f, dir).href);
}
if (files.length === 0) console.log('no benchmarks matched');
