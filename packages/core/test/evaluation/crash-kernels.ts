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
  /** Throws outside any task: an uncaught error in the worker. */
  throwLater(): null {
    setTimeout(() => {
      throw new Error('a worker failed on purpose');
    });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    return null;
  },
};
