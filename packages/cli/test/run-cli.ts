/**
 * Test helpers: run `scf-risk` in this process (`runCli`, what almost every test uses), or the
 * built command in a child process (`runCliProcess`, for the few tests about the process itself).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../src/main.ts';

const BIN = fileURLToPath(new URL('../bin/scf-risk.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = any>(): T;
}

/** Run `scf-risk ...args` in-process, optionally feeding `stdin`, in folder `cwd`. */
export async function runCli(args: string[], stdin?: string, cwd?: string): Promise<CliRun> {
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const r = await runCommand(args, stdin ?? '');
    return { ...r, json: () => JSON.parse(r.stdout) };
  } finally {
    if (cwd) process.chdir(before);
  }
}

/** Run the built `scf-risk ...args` in a child process (needs `npm run build`). */
export function runCliProcess(args: string[], stdin?: string, cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    child.stdout.setEncoding('utf8'); // decode across chunk boundaries (multi-byte characters)
    child.stderr.setEncoding('utf8');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
    child.stdin.end(stdin ?? '');
  });
}
