/**
 * Two real server processes on one PostgreSQL schema share the jobs (pg-boss): 24 jobs submitted
 * to both, each job's handler appends a row per run, and every job ran exactly once — with both
 * processes doing some of the work. Then both stop on SIGTERM and exit cleanly. Before that, a
 * process killed (SIGKILL) in the middle of a job: the other takes the job over once its heartbeat
 * is stale (SCF_JOB_STALE_SECONDS=3 here) and runs it to the end, once. PostgreSQL only: skipped
 * loudly without DATABASE_URL, failing under CI=true (as backends.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgBossSchema } from '../src/jobs/pg-boss-queue.ts';

const url = process.env.DATABASE_URL;
const FIXTURE = fileURLToPath(new URL('fixtures/job-server.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const JOBS = 24;

interface Server {
  child: ChildProcess;
  base: string;
  pid: number;
  output: string[];
}

/** Start the built `main` in a process of its own (needs `npm run build`) and wait for its address. */
function startServer(databaseUrl: string): Promise<Server> {
  const child = spawn(process.execPath, [FIXTURE], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SCF_ADMIN_USER: 'admin',
      SCF_ADMIN_PASSWORD: 'two processes',
      SCF_DEMO: '0',
      SCF_JOB_STALE_SECONDS: '3',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output.join('')}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: m[1], pid: child.pid as number, output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${output.join('')}`));
    });
  });
}

async function signIn(s: Server): Promise<string> {
  const res = await fetch(`${s.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'two processes' }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie;
}

if (!url) {
  console.warn('\n*** two-process job test SKIPPED: DATABASE_URL is not set (required when CI=true). ***\n');
  if (process.env.CI === 'true')
    describe('jobs across two server processes [postgres]', () => {
      it('needs DATABASE_URL under CI', () => {
        throw new Error('CI=true but DATABASE_URL is not set: the two-process job test cannot run');
      });
    });
  else describe.skip('jobs across two server processes [postgres] — SKIPPED: DATABASE_URL not set', () => it('runs', () => {}));
} else {
  describe('jobs across two server processes [postgres]', () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    const servers: Server[] = [];
    let schemaUrl = '';

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.query(
        `CREATE TABLE ${schema}.job_test_runs (job_id uuid NOT NULL, pid integer NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
      );
      const sep = url.includes('?') ? '&' : '?';
      schemaUrl = `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      // One after the other: the first creates the tables and the administrator.
      servers.push(await startServer(schemaUrl));
      servers.push(await startServer(schemaUrl));
    }, 200_000);

    afterAll(async () => {
      for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`DROP SCHEMA IF EXISTS ${pgBossSchema(schema)} CASCADE`);
      await admin.end();
    }, 60_000);

    it('a job whose process is killed is taken over by the other process and runs to the end once', async () => {
      const [a] = servers as [Server, Server];
      const res = await fetch(`${a.base}/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: await signIn(a) },
        body: JSON.stringify({ kind: 'test-append', input: { sleepMs: 3000 } }),
      });
      const { id } = (await res.json()) as { id: string };
      const worker = async () => {
        const { rows } = await admin.query<{ status: string; worker: string | null }>(
          `SELECT status, worker FROM ${schema}.jobs WHERE id = $1`,
          [id],
        );
        return rows[0];
      };
      let first = await worker();
      for (let tries = 600; first?.status !== 'running' && tries > 0; tries--, first = await worker())
        await new Promise((r) => setTimeout(r, 50));
      const victim = servers.find((s) => first?.worker?.split(':')[1] === String(s.pid));
      if (!victim) throw new Error(`job ${id} is not running on a test server: ${JSON.stringify(first)}`);
      const survivor = servers.find((s) => s !== victim) as Server;
      const died = new Promise((r) => victim.child.once('exit', r));
      victim.child.kill('SIGKILL');
      await died;

      let last = await worker();
      for (let tries = 600; last?.status !== 'succeeded' && tries > 0; tries--, last = await worker())
        await new Promise((r) => setTimeout(r, 100));
      expect(last?.status).toBe('succeeded');
      expect(last?.worker?.split(':')[1]).toBe(String(survivor.pid));
      const { rows: runs } = await admin.query<{ pid: number }>(`SELECT pid FROM ${schema}.job_test_runs WHERE job_id = $1`, [id]);
      expect(runs).toEqual([{ pid: survivor.pid }]);

      // two processes again for the next test
      servers.splice(servers.indexOf(victim), 1, await startServer(schemaUrl));
    }, 200_000);

    it(`runs each of ${JOBS} jobs exactly once, on both processes, and both stop cleanly`, async () => {
      const cookies = await Promise.all(servers.map(signIn));
      const ids: string[] = [];
      for (let k = 0; k < JOBS; k++) {
        const s = k % 2;
        const res = await fetch(`${servers[s]?.base}/jobs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookies[s] as string },
          body: JSON.stringify({ kind: 'test-append', input: { sleepMs: 150 } }),
        });
        expect(res.status).toBe(202);
        ids.push(((await res.json()) as { id: string }).id);
      }
      let statuses: string[] = [];
      for (let tries = 450; tries > 0; tries--) {
        const { rows } = await admin.query<{ status: string }>(`SELECT status FROM ${schema}.jobs WHERE id = ANY($1::uuid[])`, [ids]);
        statuses = rows.map((r) => r.status);
        if (statuses.length === JOBS && statuses.every((s) => s === 'succeeded')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(statuses.filter((s) => s === 'succeeded').length).toBe(JOBS);

      const { rows: runs } = await admin.query<{ job_id: string; n: number; pids: number[] }>(
        `SELECT job_id, count(*)::int AS n, array_agg(pid) AS pids FROM ${schema}.job_test_runs WHERE job_id = ANY($1::uuid[]) GROUP BY job_id`,
        [ids],
      );
      expect(runs.length).toBe(JOBS);
      expect(runs.every((r) => r.n === 1)).toBe(true);
      expect(new Set(runs.map((r) => r.job_id))).toEqual(new Set(ids));
      const byPid = new Map<number, number>();
      for (const r of runs) for (const p of r.pids) byPid.set(p, (byPid.get(p) ?? 0) + 1);
      expect([...byPid.keys()].sort()).toEqual(servers.map((s) => s.pid).sort());
      console.log(`two-process jobs: ${[...byPid.entries()].map(([p, n]) => `process ${p} ran ${n}`).join(', ')}`);
      // The jobs table agrees: the worker recorded on each job is the process that appended its row.
      const { rows: workers } = await admin.query<{ id: string; worker: string }>(
        `SELECT id, worker FROM ${schema}.jobs WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const pidOf = new Map(runs.map((r) => [r.job_id, r.pids[0]]));
      for (const w of workers) expect(w.worker.split(':')[1]).toBe(String(pidOf.get(w.id)));

      const exits = servers.map((s) => new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code))));
      for (const s of servers) s.child.kill('SIGTERM');
      expect(await Promise.all(exits)).toEqual([0, 0]);
    }, 200_000);
  });
}
