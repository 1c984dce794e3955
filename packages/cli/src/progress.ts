/**
 * Progress on long work (SPEC §7): a bar on standard error when it is a terminal, nothing when
 * piped or redirected (so JSON output and logs stay clean). `SCF_PROGRESS=0` turns it off.
 * The count never passes the total: a step past it raises the total (a caller that learns the
 * number of steps late passes it with `update`), and the shown count is clamped to [0, total].
 */

import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';
import { terminal } from './terminal.ts';

/** cli-progress, loaded only when a bar is drawn (20 ms a start saved off a terminal). */
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;

export interface Progress {
  /** Advance to `done` of the total (or of `total`, when given: the number of steps became known), naming the current step. */
  update(done: number, step: string, total?: number): void;
  stop(): void;
}

/** What draws a bar (cli-progress's SingleBar; a recorder in tests). */
export interface ProgressSink {
  start(total: number, value: number, payload: { step: string }): void;
  update(value: number, payload: { step: string }): void;
  setTotal(total: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/** A progress bar over `total` steps, or a silent one off a terminal. */
export function startProgress(total: number, label: string): Progress {
  const stderr = terminal().stderr;
  if (!stderr.isTTY || process.env.SCF_PROGRESS === '0' || total <= 0) return SILENT;
  const cliProgress = loadCliProgress();
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {step}`, stream: stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  return progressOn(bar, total);
}

/** The counting of {@link startProgress} over any sink: totals and counts kept consistent. */
export function progressOn(sink: ProgressSink, total: number): Progress {
  let max = Math.max(1, total);
  sink.start(max, 0, { step: '' });
  return {
    update(done, step, newTotal) {
      const want = Math.max(max, newTotal ?? 0, Math.ceil(done));
      if (newTotal !== undefined && newTotal > 0 && newTotal !== max && newTotal >= done) {
        max = newTotal;
        sink.setTotal(max);
      } else if (want > max) {
        max = want;
        sink.setTotal(max);
      }
      sink.update(Math.min(max, Math.max(0, done)), { step });
    },
    stop() {
      sink.stop();
    },
  };
}
