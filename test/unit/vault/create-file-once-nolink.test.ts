import type * as Fs from 'node:fs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileOnce } from '../../../src/vault/create-file-once';
import { tempDir } from '../../support/tmp';

// A file system without hard links (FAT/exFAT on a USB stick, some network shares): link() fails with EPERM.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  return {
    ...fs,
    linkSync: () => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    },
  };
});

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('createFileOnce on a file system without hard links', () => {
  it('falls back to an exclusive create: the file is whole, private, and made once', () => {
    const d = tempDir('fk-vault-nolink-');
    dirs.push(d);
    const path = join(d.dir, 'vault.key');
    let made = 0;
    const make = () => (made++, 'key-bytes');
    expect(createFileOnce(path, make)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('key-bytes');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // No temp file left beside it, and a second call keeps the first key.
    expect(readdirSync(d.dir)).toEqual(['vault.key']);
    expect(createFileOnce(path, make)).toBe(false);
    expect(made).toBe(1);
  });
});
