import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FieldKitError } from '../contract/errors';
import { createFileOnce } from './create-file-once';
import type { KeyProvider } from './key-provider';

export const VAULT_KEY_FILE = 'vault.key';

/**
 * Keeps the vault key in `<dataDir>/vault.key`, mode 0600, created whole by
 * {@link createFileOnce}: two processes starting at once end up with the same
 * key, and neither can read the file half-written.
 * A key file readable by group or others is refused rather than used: the
 * secrets would be only as private as that file.
 */
export class FileKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, VAULT_KEY_FILE);
  }

  get description(): string {
    return `the key file ${this.path}`;
  }

  getKey(): Buffer {
    if (this.key) return this.key;
    const fresh = randomBytes(32);
    try {
      if (createFileOnce(this.path, () => fresh.toString('base64'))) return (this.key = fresh);
    } catch (err) {
      throw err instanceof FieldKitError ? err : new FieldKitError('failed', `Cannot create the vault key ${this.path}: ${(err as Error).message}`);
    }
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) {
      throw new FieldKitError('permission_denied', `The vault key ${this.path} is readable by other users; run chmod 600 on it (FieldKit will not use it as is).`);
    }
    const key = Buffer.from(readFileSync(this.path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new FieldKitError('failed', `The vault key ${this.path} is damaged (not 32 bytes of base64).`);
    this.key = key;
    return key;
  }
}
