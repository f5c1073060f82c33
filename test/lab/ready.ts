import type { ChildProcess } from 'node:child_process';

/**
 * Resolves once a simulator child has printed "ready" on stdout; rejects with `<what> exited <code>`
 * if it exits first.
 */
export function untilReady(child: ChildProcess, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (c) => reject(new Error(`${what} exited ${c}`)));
  });
}
