import type { ChildProcess } from 'node:child_process';

/**
 * Process-wide registry of synchronous cleanups (namespaces to delete, socat to kill) that must run
 * even when a test run dies before its afterAll hooks: on 'exit', SIGINT and SIGTERM.
 * Each lab or pty pair registers itself while alive and unregisters once it cleaned up normally.
 */
const pending = new Set<() => void>();
let hooked = false;

function runAll(): void {
  for (const fn of [...pending]) {
    pending.delete(fn);
    try {
      fn();
    } catch {
      // best effort: one failing cleanup must not stop the others during exit
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  // When nobody else handles the signal, restore the default behaviour (terminate) by re-raising it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, onSignal);
}

/** Registers a synchronous cleanup to run at process exit; returns a function that unregisters it. */
export function registerExitCleanup(fn: () => void): () => void {
  installHooks();
  pending.add(fn);
  return () => {
    pending.delete(fn);
  };
}

/** True when a process with this PID exists (EPERM still means it exists). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops a child by PID: SIGTERM, then SIGKILL if it has not exited within `graceMs`.
 * Resolves once the child has exited (or immediately if it already had).
 */
export async function stopChild(child: ChildProcess, graceMs = 1000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Synchronous last-resort kill used from exit hooks, where nothing asynchronous can run. */
export function killNow(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
