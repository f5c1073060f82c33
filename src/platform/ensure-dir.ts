import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates a folder and its parents. Not mkdirSync({ recursive: true }): on
 * Node 20 that spins forever on paths under pseudo file systems such as /proc
 * (ENOENT from an existing parent), and a bad --data-dir must fail, not hang.
 */
export function ensureDir(dir: string, mode = 0o700): void {
  let st;
  try {
    st = statSync(dir);
  } catch {
    st = undefined;
  }
  if (st) {
    if (!st.isDirectory()) throw new Error(`${dir} exists and is not a folder`);
    return;
  }
  const parent = dirname(dir);
  if (parent !== dir) ensureDir(parent, mode);
  mkdirSync(dir, { mode });
}
