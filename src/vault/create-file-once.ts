import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, fstatSync, fsyncSync, linkSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FieldKitError } from '../contract/errors';

const isWindows = process.platform === 'win32';

/**
 * Creates `path` with the contents `make()` returns, private (mode 0600) and
 * all at once: the bytes go to a temp file in the same folder, are fsynced,
 * and only then is the temp hard-linked to `path`. link() fails with EEXIST
 * instead of replacing, so of several processes starting together exactly one
 * wins, and anyone who can open `path` reads it whole; a kill -9 at any point
 * leaves either no `path` or a complete one (plus at most a stray temp file,
 * whose random name never blocks a later attempt).
 *
 * `make` is only called when `path` does not exist yet, so a key is not
 * generated (or wrapped by a keychain) just to be thrown away.
 *
 * @returns true when this call created `path`; false when it already existed
 *   or another process linked theirs first (read that one instead).
 * On a file system without hard links (FAT, exFAT, some shares) it falls back
 * to an exclusive create of `path` itself (see below).
 *
 * @throws FieldKitError `permission_denied` when the file system will not make
 *   the file private; the Node fs error for anything else (ENOENT folder,
 *   EACCES), for the caller to word.
 */
export function createFileOnce(path: string, make: () => Buffer | string): boolean {
  if (existsSync(path)) return false;
  const dir = dirname(path);
  // pid and randomness: a temp left by a killed process (even one whose pid is reused) is never ours.
  const temp = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  let linked = false;
  let data: Buffer | string | undefined;
  try {
    try {
      if (!isWindows) {
        // The umask can only narrow 0600, but a default ACL or an odd mount can widen it: set it, then check.
        fchmodSync(fd, 0o600);
        if ((fstatSync(fd).mode & 0o077) !== 0) {
          throw new FieldKitError('permission_denied', `${path} was created readable by others (umask); fix its permissions to 0600.`);
        }
      }
      data = make();
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, path);
      linked = true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // FAT/exFAT (a data folder on a USB stick) and some network shares have no hard links: create
      // the file exclusively instead. Still one winner, but a process starting in the same instant
      // could read it before it is whole; that beats having no vault on such a disk.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
      linked = createExclusive(path, data);
    }
  } finally {
    removeQuietly(temp);
  }
  // Unlinking the temp first lets this one fsync make both the new name and the removal durable.
  if (linked) fsyncDir(dir);
  return linked;
}

/** The fallback without hard links: open exclusively, write, fsync. False when the file exists. */
function createExclusive(path: string, data: Buffer | string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeAll(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function writeAll(fd: number, data: Buffer | string): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone or not removable: a stray temp file is harmless clutter, not worth failing the key for.
  }
}

/**
 * Makes a new directory entry survive a power cut. Windows cannot open a
 * folder as a file (NTFS journals the entry itself), and some file systems
 * refuse fsync on a directory; neither is a reason to refuse the key.
 */
function fsyncDir(dir: string): void {
  if (isWindows) return;
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR' && code !== 'EPERM') throw err;
  } finally {
    closeSync(fd);
  }
}
