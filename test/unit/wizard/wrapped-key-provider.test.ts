import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WrappedKeyProvider, type KeyWrapper } from '../../../src/vault/wrapped-key-provider';
import { tempDir } from '../../support/tmp';

// A stand-in for Electron safeStorage: reversible, and visibly not the plain key.
const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
const wrapper: KeyWrapper = { name: 'test keychain', encrypt: (s) => xor(Buffer.from(s)), decrypt: (b) => xor(b).toString() };

let dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  dirs.forEach((d) => d.remove());
  dirs = [];
});

describe('WrappedKeyProvider', () => {
  it('creates a 32-byte key once, stores it wrapped with mode 0600, and reads the same key back', () => {
    const d = tempDir('fk-wrap-');
    dirs.push(d);
    const key = new WrappedKeyProvider(d.dir, wrapper).getKey();
    expect(key).toHaveLength(32);
    const file = join(d.dir, 'vault.key.wrapped');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).toString()).not.toContain(key.toString('base64'));
    expect(new WrappedKeyProvider(d.dir, wrapper).getKey().equals(key)).toBe(true);
  });

  it('says clearly when the keychain cannot unwrap it', () => {
    const d = tempDir('fk-wrap-');
    dirs.push(d);
    new WrappedKeyProvider(d.dir, wrapper).getKey();
    const other: KeyWrapper = { ...wrapper, decrypt: () => { throw new Error('Error while decrypting the ciphertext'); } };
    expect(() => new WrappedKeyProvider(d.dir, other).getKey()).toThrow(/cannot unwrap the vault key/);
  });
});
