import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FIELDKIT_BIN = fileURLToPath(new URL('../../bin/fieldkit', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/fieldkit to completion. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(FIELDKIT_BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `fieldkit serve` and resolves with the URL from its `FieldKit UI: ` line. */
export function startServe(args: string[]): Promise<{ child: ChildProcess; url: URL; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(FIELDKIT_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in time: ${err}`)), 60_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^FieldKit UI: (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
        resolve({
          child,
          url: new URL(m[1]!),
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.on('exit', (c) => reject(new Error(`serve exited early (${c}): ${err}`)));
  });
}
