import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';

describe('migration 003 logs', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.filter((m) => m.version <= 3));
  const insert = db.prepare(
    `INSERT INTO log_entries (received_at, transport, source, message, format, size, facility, severity, structured)
     VALUES (?, ?, 'x', 'm', ?, 1, ?, ?, ?)`,
  );

  it('creates the entries table with checks and a contentless FTS5 index that allows deletes', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(insert.run(1, 'udp', 'rfc5424', 23, 7, '[]').changes).toBe(1);
    expect(() => insert.run(1, 'ftp', 'rfc5424', 0, 0, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'udp', 'xml', 0, 0, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'udp', 'rfc5424', 24, 0, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'udp', 'rfc5424', 0, 8, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'udp', 'rfc5424', 0, 0, '{bad')).toThrow(/CHECK/);
    expect(() => insert.run('soon', 'udp', 'rfc5424', 0, 0, null)).toThrow(/cannot store TEXT value in INTEGER column/);
    db.prepare('INSERT INTO log_fts (rowid, text, host, source) VALUES (1, ?, ?, ?)').run('camera offline', 'cam 1', '10.0.0.1');
    expect(db.prepare("SELECT rowid FROM log_fts WHERE log_fts MATCH 'host : \"cam 1\"'").all()).toEqual([{ rowid: 1 }]);
    expect(db.prepare("SELECT rowid FROM log_fts WHERE log_fts MATCH 'offline'").all()).toEqual([{ rowid: 1 }]);
    db.prepare('DELETE FROM log_fts WHERE rowid = 1').run();
    expect(db.prepare("SELECT rowid FROM log_fts WHERE log_fts MATCH 'offline'").all()).toEqual([]);
  });

  it('indexes receive time and device in B-trees (host and source go through FTS columns)', () => {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log_entries'").all() as { name: string }[]).map((r) => r.name);
    expect(names.sort()).toEqual(['log_entries_device', 'log_entries_received']);
  });
});
