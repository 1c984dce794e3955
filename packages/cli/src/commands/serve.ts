/**
 * `scf-risk serve`: start the lending system's server (`@scf-risk/server`, loaded only for this
 * command so the others start at once) on the embedded database in --data-dir (PostgreSQL when
 * DATABASE_URL is set), with the demo book loaded into an empty embedded book, and print where
 * the workbench, the API and its documentation are. Runs until Ctrl+C (SIGINT) or SIGTERM, which
 * finish in-flight requests and stop jobs at a safe point.
 */
import { existsSync } from 'node:fs';
import { ValidationError } from '@scf-risk/core';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import { terminal } from '../terminal.ts';
import { summaryOf } from './index.ts';

interface ServeOptions {
  port: string;
  host: string;
  dataDir: string;
  demo?: boolean;
  logLevel: string;
  monitoringSchedule?: string;
}

function portOf(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535)
    throw new ValidationError([
      { path: [], message: `--port must be a whole number 0–65535, got "${v}"`, allowed: '0 (any free port) to 65535' },
    ]);
  return n;
}

export function register(program: Command): void {
  program
    .command('serve')
    .summary(summaryOf('serve'))
    .description(
      [
        'Start the SCF Risk server: the workbench at /, the HTTP API, its OpenAPI documentation at /docs.',
        '',
        'Storage: the embedded database (PGlite) in --data-dir, created on first start; PostgreSQL when the',
        'environment variable DATABASE_URL is set. On first start the demo book (4 core enterprises, 500 SMEs,',
        '5,000 loans, two years of prices and trade events) is loaded into an empty embedded book (--no-demo: not),',
        'and a first administrator is created: SCF_ADMIN_USER and SCF_ADMIN_PASSWORD, or "admin" with a',
        'generated password printed once.',
      ].join('\n'),
    )
    .option('--port <n>', 'TCP port (0: any free port)', '3000')
    .option('--host <address>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('--data-dir <dir>', 'embedded database directory ("memory": in memory, gone on exit)', './data')
    .option('--demo', 'load the demo book into an empty book, also on PostgreSQL')
    .option('--no-demo', 'never load the demo book')
    .option(
      '--monitoring-schedule <cron>',
      'the daily monitoring run: a cron in SCF_MONITORING_TIME_ZONE (default Asia/Shanghai), or "off" (default "30 1 * * *": 01:30, the previous day)',
    )
    .addOption(
      new Option('--log-level <level>', 'server log level (JSON lines)')
        .choices(['fatal', 'error', 'warn', 'info', 'debug'])
        .default('error'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk serve\n  scf-risk serve --port 8080 --data-dir /var/lib/scf-risk\n  DATABASE_URL=postgres://user:pass@localhost/scf scf-risk serve --no-demo\n',
    )
    .action(async (opts: ServeOptions) => {
      await guard(async () => {
        const port = portOf(opts.port);
        const firstStart = !process.env.DATABASE_URL && opts.dataDir !== 'memory' && !existsSync(opts.dataDir);
        terminal().stdout.write(
          firstStart
            ? `Starting SCF Risk: first start, creating ${opts.dataDir}${opts.demo === false ? '' : ' and loading the demo book (about half a minute)'}…\n`
            : 'Starting SCF Risk…\n',
        );
        const { main } = await import('@scf-risk/server');
        const started = await main({
          ...process.env,
          PORT: String(port),
          HOST: opts.host,
          SCF_DATA_DIR: opts.dataDir,
          LOG_LEVEL: opts.logLevel,
          ...(opts.demo === undefined ? {} : { SCF_DEMO: opts.demo ? '1' : '0' }),
          ...(opts.monitoringSchedule === undefined ? {} : { SCF_MONITORING_SCHEDULE: opts.monitoringSchedule }),
        });
        const base = started.address;
        const workbench = await fetch(`${base}/`).then(
          (r) => r.ok && (r.headers.get('content-type') ?? '').startsWith('text/html'),
          () => false,
        );
        const where = started.database === 'pglite' ? `embedded database in ${opts.dataDir}` : 'PostgreSQL (DATABASE_URL)';
        const lines = [
          `SCF Risk is running — ${where}${started.demo ? `, demo book loaded (${(started.demo.loans ?? 0).toLocaleString('en-US')} loans)` : ''}`,
          ...(workbench ? [`  Workbench  ${base}/`] : []),
          `  API        ${base}`,
          `  API docs   ${base}/docs`,
          ...(started.admin?.password
            ? [`  Sign in    user ${started.admin.username}, password ${started.admin.password} (shown once; change it)`]
            : started.admin
              ? [`  Sign in    user ${started.admin.username}`]
              : []),
          'Stop with Ctrl+C.',
        ];
        terminal().stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
