/**
 * `scf-risk monitor --date D`: the daily post-loan monitoring run (SPEC §6.3–§6.7) on the server's
 * store — the embedded database in --data-dir, or PostgreSQL when DATABASE_URL is set — in one
 * transaction (a failure leaves the store as it was; running a date again replaces its figures).
 * The server package is loaded only for this command. Prints the run's counts.
 * Exit codes: 0 ok; 2 invalid input (a bad date); 3 internal error.
 */
import { dayNumber } from '@scf-risk/core';
import type { Table } from '@scf-risk/report';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { summaryOf } from './index.ts';

interface MonitorOptions {
  date: string;
  dataDir: string;
  full?: boolean;
  format?: Format;
}

const LABELS: Record<string, string> = {
  loans: 'loans classified',
  nonPerforming: 'non-performing loans',
  collateralValued: 'pledges valued',
  collateralCalled: 'collateral calls / liquidations',
  marginAccounts: 'margin accounts marked',
  marginCallsOpen: 'margin calls open or frozen',
  pools: 'stop-loss pools',
  poolsStopped: 'pools stopped or recovering',
  alertsOpened: 'alerts opened',
  problems: 'problems (see JSON)',
};

export function register(program: Command): void {
  program
    .command('monitor')
    .summary(summaryOf('monitor'))
    .description(
      [
        'Run the daily monitoring for --date on the server’s store: every loan’s days',
        'past due and five-category classification, NPL by product / pool / core',
        'enterprise / industry, collateral LTV and calls, mark-to-market margin calls,',
        'stop-loss pool states and early-warning alerts, in one transaction. Running a',
        'date again replaces its figures. Storage: the embedded database in --data-dir,',
        'PostgreSQL when DATABASE_URL is set.',
        'Exit codes: 0 ok; 2 invalid input (e.g. a bad date); 3 internal error.',
      ].join('\n'),
    )
    .requiredOption('--date <YYYY-MM-DD>', 'the as-of date of the run')
    .option('--data-dir <dir>', 'embedded database directory (ignored when DATABASE_URL is set)', './data')
    .option('--full', 'recompute every loan (by default a date after an earlier run recomputes only the loans that may have moved)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'csv']))
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk monitor --date 2024-06-30\n  DATABASE_URL=postgres://user:pass@localhost/scf scf-risk monitor --date 2024-06-30 --format json\n',
    )
    .action(async (opts: MonitorOptions) => {
      await guard(async () => {
        dayNumber(opts.date, ['--date']);
        const { openStore, runDailyMonitoring, SYSTEM } = await import('@scf-risk/server');
        const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: opts.dataDir });
        try {
          const r = await runDailyMonitoring({ store, actor: { ...SYSTEM, username: 'scf-risk monitor' } }, opts.date, {
            full: opts.full === true,
          });
          const result = {
            asOf: r.run.asOf,
            status: r.run.status,
            runs: r.run.runs,
            mode: r.run.mode,
            recomputedLoans: r.run.recomputedLoans,
            counts: r.run.counts,
            problems: r.problems,
            timings: r.timings,
          };
          emit(result, opts.format ?? defaultFormat(), {
            tables: (x): Table[] => [
              {
                title: `Monitoring run ${x.asOf} (${x.status}, ${x.mode}: ${x.recomputedLoans} loans recomputed; run ${x.runs} time${x.runs === 1 ? '' : 's'})`,
                header: ['figure', 'value'],
                rows: Object.entries(x.counts).map(([k, v]) => [LABELS[k] ?? k, v as number]),
              },
            ],
            notes: (x) => x.problems.slice(0, 20).map((p) => `problem: ${p.subject} on ${p.date}: ${p.message}`),
          });
        } finally {
          await store.close();
        }
      });
    });
}
