import { execFile } from 'node:child_process';
import { FieldKitError } from '../../contract/errors';
import type { CommandRunner } from '../netconfig';

/**
 * execFile with a timeout and no shell. A missing program becomes an
 * `unavailable` error naming it, so the technician knows what to install.
 */
export const runCommand: CommandRunner = (cmd, args, opts = {}) =>
  new Promise((resolve, reject) => {
    if (args.some((a) => a.includes('\0'))) {
      reject(new FieldKitError('invalid_input', 'An argument contains a NUL byte.'));
      return;
    }
    execFile(cmd, [...args], { timeout: opts.timeoutMs ?? 15_000, windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number; killed?: boolean }) | null;
      if (e && e.code === 'ENOENT') {
        reject(new FieldKitError('unavailable', `${cmd} is not installed or not on PATH.`));
        return;
      }
      if (e && e.killed) {
        reject(new FieldKitError('timeout', `${cmd} did not finish within ${opts.timeoutMs ?? 15_000} ms.`));
        return;
      }
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
