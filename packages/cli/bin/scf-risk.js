#!/usr/bin/env node
// Entry point of the `scf-risk` command: loads the TypeScript sources through tsx
// (see docs/decisions.md, "Run TypeScript sources directly").
import { register } from 'tsx/esm/api';

// A closed pipe (`scf-risk … | head`) is not an error: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
