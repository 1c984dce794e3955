/** Kernels for the pool's failure and cancel tests (loaded by the workers as an `extra` module). */
export const kernels = {
  /** Blocks its worker thread for `ms` milliseconds, then returns `ms`. */
  sleep(ms: number): number {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return ms;
  },
  /** Ends its worker thread without replying (code 3): a worker failure, not a task error. */
  exit(): null {
    process.exit(3);
  },
  /**
   * Replies, then throws outside any task (an uncaught error in the worker) before the worker can
   * take another message: a microtask runs before the next message event, so the test's queued
   * tasks meet a failed worker whatever the machine's load.
   */
  throwLater(): null {
    queueMicrotask(() => {
      throw new Error('a worker failed on purpose');
    });
    return null;
  },
};
