import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FieldKitError } from '../contract/errors';
import { createFileOnce } from './create-file-once';
import type { KeyProvider } from './key-provider';

export const WRAPPED_KEY_FILE = 'vault.key.wrapped';

/** The OS keychain as the desktop sees it (Electron safeStorage), injected so this file never imports electron. */
export interface KeyWrapper {
  encrypt(plain: string): Buffer;
  decrypt(wrapped: Buffer): string;
  /** A human name for messages, e.g. "the OS keychain (Electron safeStorage)". */
  name: string;
}

/**
 * The desktop's vault key: 32 random bytes kept in `<dataDir>/vault.key.wrapped`
 * encrypted by the OS keychain, so a copy of the data dir alone cannot open
 * the vault. Created whole, mode 0600, on first use by {@link createFileOnce},
 * like the key file.
 */
export class WrappedKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  readonly path: string;

  constructor(
    dataDir: string,
    private readonly wrapper: KeyWrapper,
  ) {
    this.path = join(dataDir, WRAPPED_KEY_FILE);
  }

  get description(): string {
    return `${this.path}, wrapped by ${this.wrapper.name}`;
  }

  getKey(): Buffer {
    if (this.key) return this.key;
    const fresh = randomBytes(32);
    try {
      if (createFileOnce(this.path, () => this.wrapper.encrypt(fresh.toString('base64')))) return (this.key = fresh);
    } catch (err) {
      throw err instanceof FieldKitError ? err : new FieldKitError('failed', `Cannot create the vault key ${this.path}: ${(err as Error).message}`);
    }
    let plain: string;
    try {
      plain = this.wrapper.decrypt(readFileSync(this.path));
    } catch (err) {
      throw new FieldKitError('failed', `${this.wrapper.name} cannot unwrap the vault key ${this.path} (another user or machine?): ${(err as Error).message}`);
    }
    const key = Buffer.from(plain, 'base64');
    if (key.length !== 32) throw new FieldKitError('failed', `The vault key ${this.path} is damaged.`);
    return (this.key = key);
  }
}
