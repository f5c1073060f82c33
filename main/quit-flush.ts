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
  opts: { signals?: Pick<NodeJS.EventEmitter, 'on'>; log?: (message: string) => void } = {},
): void {
  const log = opts.log ?? ((m: string) => console.error(m));
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (e) => {
    if (state === 'closed') return;
    e.preventDefault();
    // A second quit (another signal, the dock menu) while closing waits for the same close.
    if (state === 'closing') return;
    state = 'closing';
    Promise.resolve()
      .then(close)
      .catch((err: unknown) => log(`FieldKit: closing the core failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
  const signals = opts.signals ?? process;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) signals.on(signal, () => app.quit());
}
