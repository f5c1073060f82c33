// Quitting the desktop app without losing what the core still holds in memory. Kept free of
// electron imports so the unit and integration tests can drive it with a stand-in `app`.

/** The part of Electron's `app` that quitting needs. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (e: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Holds the quit until `close` (the core's) has finished, then quits for real. Electron does not
 * wait for a promise returned from 'will-quit': without this, the log writer's last batches, an
 * alarm import's commit and the final WAL checkpoint would be cut off when the window closes.
 * SIGTERM and SIGINT (a session logging out, Ctrl+C in a terminal) quit the same way.
 */
export function flushBeforeQuit(
  app: QuittingApp,
  close: () => Promise<void> | undefined,
  opts: { signals?: Pick<NodeJS.EventEmitter, 'on'>; log?: (message: string) => void; timeoutMs?: number } = {},
): void {
  const log = opts.log ?? ((m: string) => console.error(m));
  // A wedged close (a serial port stuck in the kernel) must not keep the app from quitting.
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (e) => {
    if (state === 'closed') return;
    e.preventDefault();
    // A second quit (another signal, the dock menu) while closing waits for the same close.
    if (state === 'closing') return;
    state = 'closing';
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`FieldKit: the core did not close within ${timeoutMs / 1000} s; quitting anyway`);
        resolve();
      }, timeoutMs);
    });
    Promise.race([Promise.resolve().then(close), overdue])
      .catch((err: unknown) => log(`FieldKit: closing the core failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        app.quit();
      });
  });
  const signals = opts.signals ?? process;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) signals.on(signal, () => app.quit());
}
