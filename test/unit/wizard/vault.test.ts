import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { FileKeyProvider, VAULT_KEY_FILE } from '../../../src/vault/file-key-provider';
import { staticKeyProvider } from '../../../src/vault/key-provider';
import { Vault } from '../../../src/vault/vault';
import { tempDir } from '../../support/tmp';

const db = () => {
  const d = new Database(':memory:');
  migrate(d);
  return d;
};
const key = (n: number) => staticKeyProvider(Buffer.alloc(32, n));

describe('credentials vault', () => {
  const tmp = tempDir('fk-vault-');
  afterAll(() => tmp.remove());

  it('stores only AES-256-GCM ciphertext and gives back metadata, never the secret', () => {
    const d = db();
    const v = new Vault(d, key(1), () => Date.UTC(2025, 0, 2));
    const meta = v.put({ site: 'Harbour', label: 'login admin', username: 'admin', secret: 'Kx7-tower-North!' });
    expect(meta).toEqual({ id: meta.id, site: 'Harbour', label: 'login admin', username: 'admin', createdAt: '2025-01-02T00:00:00.000Z' });
    expect(JSON.stringify(v.list())).not.toContain('Kx7');
    const row = d.prepare('SELECT * FROM vault_secret').get() as { ciphertext: Buffer; iv: Buffer; tag: Buffer };
    expect(row.ciphertext.toString('utf8')).not.toContain('Kx7');
    expect(row.iv).toHaveLength(12);
    expect(row.tag).toHaveLength(16);
    expect(v.reveal(meta.id)).toBe('Kx7-tower-North!');
    expect(v.list('Other')).toEqual([]);
    expect(v.remove(meta.id)).toBe(true);
    expect(() => v.reveal(meta.id)).toThrow(/No saved credential/);
  });

  it('refuses a wrong key, a tampered ciphertext, or a ciphertext moved to another row, without showing the secret', () => {
    const d = db();
    const v = new Vault(d, key(1));
    const a = v.put({ site: 'A', label: 'a', secret: 'first-secret' });
    const b = v.put({ site: 'B', label: 'b', secret: 'second-secret' });
    expect(() => new Vault(d, key(2)).reveal(a.id)).toThrow(/cannot be decrypted/);
    d.prepare('UPDATE vault_secret SET ciphertext = (SELECT ciphertext FROM vault_secret WHERE id = ?), iv = (SELECT iv FROM vault_secret WHERE id = ?), tag = (SELECT tag FROM vault_secret WHERE id = ?) WHERE id = ?').run(a.id, a.id, a.id, b.id);
    expect(() => v.reveal(b.id)).toThrow(/cannot be decrypted/);
    try {
      v.reveal(b.id);
    } catch (err) {
      expect((err as Error).message).not.toContain('secret');
    }
  });

  it('keeps its key in a 0600 file created once, and refuses a key file others can read', () => {
    const p = new FileKeyProvider(tmp.dir);
    const k = p.getKey();
    expect(k).toHaveLength(32);
    const path = join(tmp.dir, VAULT_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(new FileKeyProvider(tmp.dir).getKey().equals(k)).toBe(true);
    expect(Buffer.from(readFileSync(path, 'utf8'), 'base64').equals(k)).toBe(true);
    chmodSync(path, 0o644);
    expect(() => new FileKeyProvider(tmp.dir).getKey()).toThrow(/readable by other users/);
    chmodSync(path, 0o600);
  });
});
