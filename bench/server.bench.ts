/**
 * The HTTP server under load on loopback (autocannon), PGlite and PostgreSQL (when DATABASE_URL is
 * set) side by side: a single-application evaluation (`POST /methods/topsis`, five platforms on
 * five criteria) and a read-heavy route (`GET /loans?limit=50` of the demo book), each beside
 * `GET /health` on the same server as the reference. req/s (mean) and p99 latency; goal for the
 * evaluation on PostgreSQL: ≥ 2,000 req/s with p99 ≤ 50 ms on 2 cores. The server runs in its own
 * process (bench/server-child.ts); 10 connections, 2 s warm-up then 8 s per route. The server's CPU
 * time per request is printed too: unlike req/s it hardly depends on what else the machine runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const CHILD = fileURLToPath(new URL('server-child.ts', import.meta.url));
const CONNECTIONS = 10;
const SECONDS = 8;

const TOPSIS = JSON.stringify({
  input: {
    alternatives: ['Alibaba', 'Molbase', 'Zhaogang', 'Tianwu Dazong', 'China Supplier'],
    weights: [0.12, 0.22, 0.3, 0.24, 0.12],
    matrix: [
      [8.2, 8.6, 9.1, 8.4, 8.8],
      [7.4, 7.0, 6.8, 6.9, 7.2],
      [7.8, 7.9, 8.0, 7.6, 8.1],
      [7.6, 7.7, 7.5, 7.3, 7.9],
      [7.0, 6.8, 6.2, 6.6, 6.9],
    ],
  },
});

interface Running {
  child: ChildProcess;
  url: string;
  cookie: string;
}

function start(databaseUrl: string | undefined): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ...(JSON.parse(line) as { url: string; cookie: string }) });
    });
    child.on('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
  });
}

/** CPU seconds (user + system) the process has used so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function load(r: Running, method: 'GET' | 'POST', path: string, body: string | undefined, seconds: number) {
  const cpu0 = cpuSeconds(r.child.pid);
  const result = await autocannon({
    url: `${r.url}${path}`,
    method,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { cookie: r.cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body } : {}),
  });
  const cpu = cpuSeconds(r.child.pid) - cpu0;
  const total = result.requests.average * seconds;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
    /** Server CPU per request (ms): what the server itself spends, whatever else runs on the machine. */
    cpuMs: total > 0 ? (cpu * 1000) / total : 0,
  };
}

// BENCH_BACKENDS=pglite or =postgres runs one of them only.
const only = process.env.BENCH_BACKENDS;
const backends: [string, string | undefined][] = only === 'postgres' ? [] : [['PGlite', undefined]];
if (process.env.DATABASE_URL && only !== 'pglite') backends.push(['PostgreSQL', process.env.DATABASE_URL]);
else if (!process.env.DATABASE_URL) console.log('  PostgreSQL: skipped (DATABASE_URL not set)');

const routes: [string, 'GET' | 'POST', string, string | undefined][] = [
  ['GET /health (reference)', 'GET', '/health', undefined],
  ['POST /methods/topsis', 'POST', '/methods/topsis', TOPSIS],
  ['GET /loans?limit=50', 'GET', '/loans?limit=50', undefined],
];

for (const [name, databaseUrl] of backends) {
  const t0 = Date.now();
  const server = await start(databaseUrl);
  console.log(`  ${name} (server ready with the demo book in ${((Date.now() - t0) / 1000).toFixed(1)} s):`);
  let reference = 0;
  for (const [label, method, path, body] of routes) {
    await load(server, method, path, body, 2);
    const m = await load(server, method, path, body, SECONDS);
    if (path === '/health') reference = m.rps;
    const goal =
      path === '/methods/topsis' && name === 'PostgreSQL'
        ? `; goal ≥ 2,000 req/s, p99 ≤ 50 ms: ${m.rps >= 2000 && m.p99 <= 50 ? 'met' : 'NOT met'}`
        : '';
    console.log(
      `    ${label.padEnd(24)} ${m.rps.toFixed(0).padStart(6)} req/s  p99 ${String(m.p99).padStart(3)} ms  ${(m.rps / reference).toFixed(2)}× /health  server CPU ${m.cpuMs.toFixed(3)} ms/request${m.bad ? `  (${m.bad} non-2xx or errors!)` : ''}${goal}`,
    );
  }
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
}
