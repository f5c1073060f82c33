import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';

const upTo = (v: number) => migrations.filter((m) => m.version <= v);

describe('migration 007 logs without checks', () => {
  it('keeps every entry, its id and the FTS index that points at it', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(6));
    const put = db.prepare(
      `INSERT INTO log_entries (id, received_at, time, transport, source, source_address, source_port, host, app, facility, severity,
         structured, message, format, flags, problems, raw, size)
       VALUES (?, ?, '2026-03-01T10:00:00Z', 'udp', '10.0.0.5:514', '10.0.0.5', 514, 'cam-1', 'kernel', 16, ?, ?, ?, 'rfc5424', ?, ?, ?, 99)`,
    );
    // Ids with a gap (retention deleted some): they must survive as they are.
    put.run(5, 1000, 3, null, 'eth0: Link is Down', 0, null, null);
    put.run(9, 2000, 6, '[{"id":"a","params":{"k":"v"}}]', '视频丢失', 1, '["bad PRI"]', '<999>x');
    const fts = db.prepare('INSERT INTO log_fts (rowid, text, host, source) VALUES (?, ?, ?, ?)');
    fts.run(5, 'eth0: Link is Down kernel', 'cam-1', '10.0.0.5');
    fts.run(9, '视 频 丢 失 kernel', 'cam-1', '10.0.0.5');
    const before = db.prepare('SELECT * FROM log_entries ORDER BY id').all();

    migrate(db, upTo(7));
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT * FROM log_entries ORDER BY id').all()).toEqual(before);
    const match = db.prepare('SELECT e.id FROM log_fts f JOIN log_entries e ON e.id = f.rowid WHERE log_fts MATCH ? ORDER BY e.id');
    expect(match.all('"视 频"')).toEqual([{ id: 9 }]);
    expect(match.all('host : "cam 1"')).toEqual([{ id: 5 }, { id: 9 }]);
    // New rows continue after the largest id.
    const r = db.prepare("INSERT INTO log_entries (received_at, transport, source, message, format, size) VALUES (3000, 'tcp', 's', 'm', 'unknown', 1)").run();
    expect(Number(r.lastInsertRowid)).toBe(10);
  });

  it('drops the CHECKs but keeps the types, NOT NULLs and both indexes', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(7));
    const insert = db.prepare(
      `INSERT INTO log_entries (received_at, transport, source, message, format, size, facility, severity, structured)
       VALUES (?, ?, 'x', ?, 'rfc5424', 1, ?, ?, ?)`,
    );
    expect(insert.run(1, 'ftp', 'm', 24, 8, '{not json').changes).toBe(1);
    expect(() => insert.run('soon', 'udp', 'm', 0, 0, null)).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insert.run(1, 'udp', null, 0, 0, null)).toThrow(/NOT NULL/);
    const sqlText = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'log_entries'").get() as { sql: string }).sql;
    expect(sqlText).not.toMatch(/CHECK/);
    expect(sqlText).toMatch(/STRICT/);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'log_entries'").all() as { name: string }[]).map((x) => x.name);
    expect(names.sort()).toEqual(['log_entries_device', 'log_entries_received']);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'log_entries_007'").get()).toBeUndefined();
  });
});
