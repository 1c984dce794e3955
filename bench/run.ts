/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those whose names contain argv[2]), each in
 * its own process so its peak memory is its own. Each prints its timings as ratios against a
 * reference run in the same run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const filter = process.argv[2] ?? '';
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
console.log(`SCF Risk benchmarks — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const f of files) {
  console.log(`\n# ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(f, dir))], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
if (files.length === 0) console.log('no benchmarks matched');
