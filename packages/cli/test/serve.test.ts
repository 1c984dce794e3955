/**
 * `scf-risk serve` in a process of its own (the built command: needs `npm run build`): it prints the
 * API, docs and sign-in lines, answers on the printed address, and exits 0 on SIGTERM; a bad --port
 * exits 2 naming the option.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/scf-risk.js', import.meta.url));

function serve(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, DATABASE_URL: '', SCF_ADMIN_USER: '', SCF_ADMIN_PASSWORD: '', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, out: () => stdout, err: () => stderr };
}

it('serve prints where the API and its docs are, answers there, and stops on SIGTERM', async () => {
  const s = serve(['--port', '0', '--data-dir', 'memory', '--no-demo']);
  // Started when the last line is printed; exiting first is a failure (the test's timeout bounds the wait).
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (s.out().includes('Stop with Ctrl+C.')) resolve();
    };
    s.child.stdout.on('data', check);
    s.child.once('exit', () => reject(new Error(`serve did not start:\n${s.out()}\n${s.err()}`)));
    check();
  });
  const out = s.out();
  expect(out).toMatch(/^Starting SCF Risk…\nSCF Risk is running — embedded database in memory\n/);
  const api = /\n {2}API {8}(http:\/\/127\.0\.0\.1:\d+)\n/.exec(out)?.[1];
  expect(api).toBeDefined();
  expect(out).toContain(`  API docs   ${api}/docs\n`);
  expect(out).toMatch(/ {2}Sign in {4}user admin, password \S{12,} \(shown once; change it\)\n/);
  expect((await fetch(`${api}/health`)).status).toBe(200);
  expect((await fetch(`${api}/docs/json`)).status).toBe(200);
  s.child.kill('SIGTERM');
  expect(await s.exit).toBe(0);
}, 120_000);

it('serve refuses a port out of range with exit code 2, naming --port', async () => {
  const s = serve(['--port', '70000', '--data-dir', 'memory']);
  expect(await s.exit).toBe(2);
  expect(s.err()).toContain('--port must be a whole number 0–65535, got "70000"');
}, 60_000);
