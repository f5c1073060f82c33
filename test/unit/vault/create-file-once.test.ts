import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileOnce } from '../../../src/vault/create-file-once';
import { FileKeyProvider, VAULT_KEY_FILE } from '../../../src/vault/file-key-provider';
import { WrappedKeyProvider, WRAPPED_KEY_FILE, type KeyWrapper } from '../../../src/vault/wrapped-key-provider';
import { tempDir } from '../../support/tmp';

const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
const wrapper: KeyWrapper = { name: 'test keychain', encrypt: (s) => xor(Buffer.from(s)), decrypt: (b) => xor(b).toString() };

let dirs: ReturnType<typeof tempDir>[] = [];
const dir = (): string => {
  const d = tempDir('fk-vault-once-');
  dirs.push(d);
  return d.dir;
};
afterEach(() => {
  dirs.forEach((d) => d.remove());
  dirs = [];
});

/** What a process killed between writing its temp file and linking it leaves behind: a few names, some with our own pid (pids get reused). */
const leaveStaleTemps = (d: string, name: string): string[] => {
  const stale = [`.${name}.${process.pid}.tmp`, `.${name}.${process.pid}-000000000000.tmp`, `.${name}.4242-a1b2c3d4e5f6.tmp`, `${name}.tmp`];
  writeFileSync(join(d, stale[0]!), '');
  writeFileSync(join(d, stale[1]!), 'half-a-k', { mode: 0o600 });
  writeFileSync(join(d, stale[2]!), Buffer.alloc(44, 0x41), { mode: 0o600 });
  writeFileSync(join(d, stale[3]!), 'x');
  return stale;
};

describe('createFileOnce', () => {
  it('creates the file whole with mode 0600 and leaves no temp file', () => {
    const d = dir();
    const path = join(d, 'k');
    expect(createFileOnce(path, () => 'hello')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('hello');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['k']);
  });

  it('does not replace an existing file, nor call make for it', () => {
    const d = dir();
    const path = join(d, 'k');
    writeFileSync(path, 'theirs');
    expect(createFileOnce(path, () => { throw new Error('make called'); })).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('theirs');
  });

  it('loses cleanly to a process that links its file first: keeps theirs and removes its own temp', () => {
    const d = dir();
    const path = join(d, 'k');
    // The other process wins between our existence check and our link().
    const won = createFileOnce(path, () => {
      writeFileSync(path, 'theirs', { mode: 0o600 });
      return 'mine';
    });
    expect(won).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(d)).toEqual(['k']);
  });

  it('reports a missing folder as the fs error, for the caller to word', () => {
    expect(() => createFileOnce(join(dir(), 'no-such-dir', 'k'), () => 'x')).toThrow(/ENOENT/);
  });
});

describe('vault key creation after a killed process', () => {
  it('a stale temp file does not block creating the key file, and is not taken for the key', () => {
    const d = dir();
    const stale = leaveStaleTemps(d, VAULT_KEY_FILE);
    const key = new FileKeyProvider(d).getKey();
    expect(key).toHaveLength(32);
    const path = join(d, VAULT_KEY_FILE);
    expect(Buffer.from(readFileSync(path, 'utf8'), 'base64').equals(key)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(new FileKeyProvider(d).getKey().equals(key)).toBe(true);
    expect(readdirSync(d).sort()).toEqual([...stale, VAULT_KEY_FILE].sort());
  });

  it('a stale temp file does not block creating the wrapped key', () => {
    const d = dir();
    const stale = leaveStaleTemps(d, WRAPPED_KEY_FILE);
    const key = new WrappedKeyProvider(d, wrapper).getKey();
    expect(key).toHaveLength(32);
    expect(statSync(join(d, WRAPPED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(new WrappedKeyProvider(d, wrapper).getKey().equals(key)).toBe(true);
    expect(readdirSync(d).sort()).toEqual([...stale, WRAPPED_KEY_FILE].sort());
  });

  it('a truly damaged key file is still refused with the same message, not replaced', () => {
    const d = dir();
    writeFileSync(join(d, VAULT_KEY_FILE), '', { mode: 0o600 });
    expect(() => new FileKeyProvider(d).getKey()).toThrow(/The vault key .* is damaged \(not 32 bytes of base64\)/);
    writeFileSync(join(d, WRAPPED_KEY_FILE), xor(Buffer.from('c2hvcnQ=')), { mode: 0o600 });
    expect(() => new WrappedKeyProvider(d, wrapper).getKey()).toThrow(/The vault key .* is damaged\./);
    expect(readFileSync(join(d, VAULT_KEY_FILE), 'utf8')).toBe('');
  });
});
