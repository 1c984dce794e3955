// Prints the plain closing line of a test run ("Tests: N passed, N failed, N skipped") from
// Vitest's JSON report, so CI logs end with a summary any reader (or log scraper) understands.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(file)) {
  console.log('Tests: no report written (the run stopped before the tests ran)');
  process.exit(0);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
