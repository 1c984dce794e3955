#!/usr/bin/env node
// Entry point of the `scf-risk` command: runs the built JavaScript (npm run build).
// `evaluate … --out X.csv`: the large-portfolio path's worker threads boot while the program loads
if (process.argv[2] === 'evaluate') (await import('../dist/large-portfolio.js')).prestartLargePortfolioPool(process.argv.slice(3));
const { main } = await import('../dist/main.js');

// A closed pipe (`scf-risk … | head`) is not an error: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv);
