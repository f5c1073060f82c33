import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';

describe('migration 006 commissioning', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 6));

  it('creates runs and steps, with state checks and cascade delete', () => {
    const run = db.prepare("INSERT INTO wizard_run(site, state, draft, created_at, updated_at) VALUES ('S', ?, ?, 't', 't')");
    const id = Number(run.run('draft', '{"devices":[]}').lastInsertRowid);
    expect(() => run.run('half-done', '{}')).toThrow(/CHECK/);
    expect(() => run.run('draft', 'not json')).toThrow(/CHECK/);
    const step = db.prepare("INSERT INTO wizard_step(run_id, mac, seq, name, state, updated_at) VALUES (?, 'm', 1, ?, ?, 't')");
    step.run(id, 'network', 'running');
    expect(() => step.run(id, 'network', 'verified')).toThrow(/UNIQUE/);
    expect(() => step.run(id, 'time', 'maybe')).toThrow(/CHECK/);
    db.prepare('DELETE FROM wizard_run WHERE id = ?').run(id);
    expect(db.prepare('SELECT COUNT(*) AS n FROM wizard_step').get()).toEqual({ n: 0 });
  });

  it('keeps vault ciphertext with a 12-byte IV and 16-byte tag', () => {
    const put = db.prepare("INSERT INTO vault_secret(id, site, label, iv, tag, ciphertext, created_at) VALUES (?, 'S', 'l', ?, ?, x'00', 't')");
    put.run('a', Buffer.alloc(12), Buffer.alloc(16));
    expect(() => put.run('b', Buffer.alloc(8), Buffer.alloc(16))).toThrow(/CHECK/);
  });

  it('allows one record per camera per run, with checks', () => {
    const put = db.prepare("INSERT INTO commission_record(run_id, site, mac, ok, created_at) VALUES (?, 'S', ?, 1, 't')");
    const r = Number(put.run(7, 'm1').lastInsertRowid);
    expect(() => put.run(7, 'm1')).toThrow(/UNIQUE/);
    put.run(null, 'm1');
    put.run(null, 'm1');
    db.prepare("INSERT INTO commission_check(record_id, seq, name, ok, detail, at) VALUES (?, 0, 'network', 1, 'd', 't')").run(r);
    expect(() => db.prepare("INSERT INTO commission_record(site, mac, ok, created_at, network_after) VALUES ('S', 'm', 1, 't', 'x')").run()).toThrow(/CHECK/);
  });
});
