/**
 * The one way the CLI writes a file (reports, tables, workbooks, models, studies, results):
 *
 * - a missing folder on the way is created (as `run` always did, and `npm start` relies on);
 * - a target that is a folder, is read-only, or cannot be created there is a ValidationError
 *   (exit 2) naming it — checked before any work is written;
 * - the content goes to a temporary file in the target's folder (same file system), which is
 *   renamed over the target only once complete: a failure half-way leaves the old file as it was
 *   and no temporary file behind.
 *
 * @example await writeOutput('reports/r.html', html)
 */

import { randomBytes } from 'node:crypto';
import { constants, writeSync } from 'node:fs';
import { access, link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ValidationError } from '@scf-risk/core/errors';

/** What to write: text, bytes, or chunks produced as the file is written (large outputs). */
export type OutputBody = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> | OutputFiller;

/** A body written by a producer that pushes its bytes as it makes them (synchronous writes, no queue). */
export interface OutputFiller {
  fill(write: (chunk: Uint8Array) => void): Promise<void>;
}

/** A filler, not a list or a stream (an array has a `fill` method too). */
function isFiller(body: object): body is OutputFiller {
  return !(Symbol.iterator in body) && !(Symbol.asyncIterator in body) && typeof (body as OutputFiller).fill === 'function';
}

export interface WriteOptions {
  /** When false, an existing target is an error and is never replaced (default true). */
  overwrite?: boolean;
}

/**
 * An output file cannot be written (exit 2). Its message names the output file, so the CLI does
 * not put the input file's name in front of it.
 */
export class OutputFileError extends ValidationError {
  override name = 'OutputFileError';
}

function cannot(file: string, why: string, allowed?: string): OutputFileError {
  return new OutputFileError([{ path: [], message: `cannot write ${file}: ${why}`, ...(allowed ? { allowed } : {}) }]);
}

function exists(file: string): OutputFileError {
  return new OutputFileError([{ path: [], message: `${file} already exists; not overwritten`, allowed: 'a new file name' }]);
}

/** Words for a file-system error code. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return (e as Error).message;
  }
}

function isFsError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).syscall !== undefined;
}

/** Create the folder that will hold `path` (and its parents), or explain why not. */
async function ensureFolder(file: string, folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw cannot(file, `${folder} (or a folder above it) is a file, not a directory`);
    throw cannot(file, `cannot create the folder ${folder}: ${reason(e)}`);
  }
}

/**
 * Check that `file` can be written (not a directory, not read-only, not kept by `overwrite:
 * false`) before long work produces it; `writeOutput` checks again when it writes.
 */
export async function checkOutput(file: string, options: WriteOptions = {}): Promise<void> {
  const path = resolve(file);
  const existing = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
    throw cannot(file, reason(e));
  });
  if (existing?.isDirectory()) throw cannot(file, 'it is a directory', 'a file name, e.g. a name inside that directory');
  if (existing && options.overwrite === false) throw exists(file);
  if (
    existing &&
    ((existing.mode & 0o222) === 0 ||
      !(await access(path, constants.W_OK).then(
        () => true,
        () => false,
      )))
  )
    throw cannot(file, 'the file is read-only', 'a writable file, or a new name');
}

/**
 * Write `body` to `file` atomically (see the module comment); returns the absolute path written.
 * Errors of the file system are ValidationErrors naming `file` as the user gave it; an error
 * thrown by an iterable body is rethrown after the temporary file is removed.
 */
export async function writeOutput(file: string, body: OutputBody, options: WriteOptions = {}): Promise<string> {
  await checkOutput(file, options);
  const path = resolve(file);
  const folder = dirname(path);
  await ensureFolder(file, folder);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(temp, 'wx');
  } catch (e) {
    throw cannot(file, reason(e));
  }
  let done = false;
  try {
    try {
      if (typeof body === 'string' || body instanceof Uint8Array) await handle.writeFile(body);
      else if (isFiller(body)) {
        const fd = handle.fd;
        await body.fill((chunk) => {
          for (let o = 0; o < chunk.length; ) o += writeSync(fd, chunk, o);
        });
      } else
        for await (const chunk of body) {
          if (typeof chunk === 'string') await handle.write(chunk);
          else await handle.write(chunk);
        }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite === false) {
      // link fails when the target appeared meanwhile: never replace a file we were told to keep
      await link(temp, path).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') throw exists(file);
        throw e;
      });
      await unlink(temp);
    } else await rename(temp, path);
    done = true;
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw isFsError(e) ? cannot(file, reason(e)) : e;
  } finally {
    if (!done) await unlink(temp).catch(() => undefined);
  }
  return path;
}
