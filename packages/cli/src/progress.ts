/**
 * Progress on long work (SPEC §7): a bar on standard error when it is a terminal, nothing when
 * piped or redirected (so JSON output and logs stay clean). `SCF_PROGRESS=0` turns it off.
 */

import cliProgress from 'cli-progress';
import { terminal } from './terminal.ts';

export interface Progress {
  /** Advance to `done` of the total, naming the current step. */
  update(done: number, step: string): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/** A progress bar over `total` steps, or a silent one off a terminal. */
export function startProgress(total: number, label: string): Progress {
  const stderr = terminal().stderr;
  if (!stderr.isTTY || process.env.SCF_PROGRESS === '0' || total <= 0) return SILENT;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {step}`, stream: stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { step: '' });
  return {
    update(done, step) {
      bar.update(done, { step });
    },
    stop() {
      bar.stop();
    },
  };
}
