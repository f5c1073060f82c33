import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';

describe('migration 005 net journal', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 5));

  it('creates the journal with its state and kind constraints', () => {
    const put = db.prepare('INSERT INTO net_journal(created_at, kind, iface, change, reason, owner_pid, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    put.run('t', 'address', 'br0', '{"kind":"address"}', 'r', 1, 'pending', 't');
    expect(() => put.run('t', 'route', 'br0', '{}', 'r', 1, 'pending', 't')).toThrow(/CHECK/);
    expect(() => put.run('t', 'address', 'br0', '{}', 'r', 1, 'done', 't')).toThrow(/CHECK/);
    expect(() => put.run('t', 'address', 'br0', 'not json', 'r', 1, 'pending', 't')).toThrow(/CHECK/);
    expect(db.prepare('SELECT auto_revert FROM net_journal').get()).toEqual({ auto_revert: 1 });
  });
});
