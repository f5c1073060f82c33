import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CredentialMeta } from '../contract/wizard';
import { FieldKitError } from '../contract/errors';
import type { KeyProvider } from './key-provider';

interface Row {
  id: string;
  site: string;
  label: string;
  username: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
  created_at: string;
}

const meta = (r: Pick<Row, 'id' | 'site' | 'label' | 'username' | 'created_at'>): CredentialMeta => ({
  id: r.id,
  site: r.site,
  label: r.label,
  username: r.username,
  createdAt: r.created_at,
});

/**
 * Per-site secrets (camera passwords) encrypted at rest with AES-256-GCM. The
 * row's id and site are the GCM additional data, so a ciphertext copied onto
 * another row does not decrypt. Only {@link reveal} returns a secret, and it is
 * not reachable from the RPC contract: every method a client can call returns
 * {@link CredentialMeta}.
 */
export class Vault {
  constructor(
    private readonly db: Database.Database,
    private readonly keys: KeyProvider,
    private readonly now: () => number = Date.now,
  ) {}

  private aad(id: string, site: string): Buffer {
    return Buffer.from(`fieldkit-vault/v1\u0000${id}\u0000${site}`, 'utf8');
  }

  /** Encrypts and stores a secret; returns its metadata. */
  put(input: { site: string; label: string; username?: string; secret: string }): CredentialMeta {
    const id = randomUUID();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.getKey(), iv);
    cipher.setAAD(this.aad(id, input.site));
    const ciphertext = Buffer.concat([cipher.update(input.secret, 'utf8'), cipher.final()]);
    const row = { id, site: input.site, label: input.label, username: input.username ?? '', created_at: new Date(this.now()).toISOString() };
    this.db
      .prepare('INSERT INTO vault_secret(id, site, label, username, iv, tag, ciphertext, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, row.site, row.label, row.username, iv, cipher.getAuthTag(), ciphertext, row.created_at);
    return meta(row);
  }

  /** The secret, for the core's own use (logging in to a camera). Never return it to a client. */
  reveal(id: string): string {
    const r = this.db.prepare('SELECT * FROM vault_secret WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new FieldKitError('not_found', `No saved credential ${id}.`);
    try {
      const d = createDecipheriv('aes-256-gcm', this.keys.getKey(), r.iv);
      d.setAAD(this.aad(r.id, r.site));
      d.setAuthTag(r.tag);
      return Buffer.concat([d.update(r.ciphertext), d.final()]).toString('utf8');
    } catch {
      // Say which, never what: the secret and the key stay out of messages.
      throw new FieldKitError('failed', `The saved credential "${r.label}" cannot be decrypted with ${this.keys.description} (wrong key or damaged data).`);
    }
  }

  get(id: string): CredentialMeta | null {
    const r = this.db.prepare('SELECT id, site, label, username, created_at FROM vault_secret WHERE id = ?').get(id) as Row | undefined;
    return r ? meta(r) : null;
  }

  list(site?: string): CredentialMeta[] {
    const rows = (site
      ? this.db.prepare('SELECT id, site, label, username, created_at FROM vault_secret WHERE site = ? ORDER BY created_at, id').all(site)
      : this.db.prepare('SELECT id, site, label, username, created_at FROM vault_secret ORDER BY site, created_at, id').all()) as Row[];
    return rows.map(meta);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM vault_secret WHERE id = ?').run(id).changes > 0;
  }
}
