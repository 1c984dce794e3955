#!/usr/bin/env node
// Entry point of the `scf-risk` command: runs the built JavaScript (npm run build).
import { main } from '../dist/main.js';

// A closed pipe (`scf-risk … | head`) is not an error: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv);
