// How a bridge or `pnpm lab serve` process ends: SIGINT, SIGTERM or SIGHUP, or its parent going away.

/** The whole shutdown, clean-up included, stays within this (SPEC: exit within 2 s). */
export const STOP_DEADLINE_MS = 1500;
/** How often the parent is looked for. */
const PARENT_POLL_MS = 200;

/**
 * Runs `stop` once on the first stop signal, then exits. pnpm does not pass SIGTERM on to the
 * script it runs, so a TA's `kill <pnpm's pid>` would leave this process listening as an orphan:
 * it also stops when its parent is gone (its parent pid changes). A second signal, or a `stop`
 * that outlasts the deadline, exits at once.
 */
export function onStopSignal(stop: () => Promise<unknown> | unknown, exit: (code: number) => void = (c) => process.exit(c)): void {
  let stopping = false;
  const run = () => {
    if (stopping) return exit(0);
    stopping = true;
    setTimeout(() => exit(0), STOP_DEADLINE_MS).unref();
    Promise.resolve()
      .then(stop)
      .then(
        () => exit(0),
        (err: unknown) => {
          process.stderr.write(`while stopping: ${(err as Error)?.message ?? String(err)}\n`);
          exit(1);
        },
      );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, run);
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      run();
    }
  }, PARENT_POLL_MS);
  timer.unref();
}
