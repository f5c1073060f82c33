import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';

const upTo = (v: number) => migrations.filter((m) => m.version <= v);

/** A database at version 7 holding one cleared alarm (device raise + clear), an event, a local record and an operation. */
function atVersion7() {
  const db = new Database(':memory:');
  // As openDatabase opens it: the rebuild must work with foreign keys enforced.
  db.pragma('foreign_keys = ON');
  migrate(db, upTo(7));
  db.prepare("INSERT INTO alarm_devices(id, name, first_op_id, last_op_id, op_count, records) VALUES (3, 'cam-3', 1, 3, 3, 4)").run();
  const alarm = db.prepare(
    `INSERT INTO alarms(id, device_id, se_id, kind, type, severity, state, ord_first, ord_raise, ord_clear, time_ms, tkey, raised_at, raised_ms,
       cleared_at, cleared_ms, acked_at, acked_by, flags, message, source)
     VALUES (?, 3, ?, ?, ?, 1, ?, ?, ?, ?, 1000, CAST(? AS INTEGER) * 32768 + 7, 't0', 1000, ?, ?, ?, ?, 0, ?, NULL)`,
  );
  alarm.run(7, 'se-1', 'alarm', 'motion', 'cleared', 1, 1, 2, 1000, 't1', 2000, 'ta', 'Li Wei', '区域 移动侦测');
  alarm.run(9, null, 'event', 'reboot', 'event', 3, 3, null, 1001, null, null, null, null, 'rebooted');
  alarm.run(12, 'offline', 'alarm', 'offline', 'active', 5_000_000, 5_000_000, null, 1002, null, null, null, null, 'no reply');
  const rec = db.prepare(
    `INSERT INTO alarm_records(id, device_id, origin, op_id, alarm_id, action, time, time_ms, flags, message, source, fingerprint)
     VALUES (?, 3, ?, ?, ?, ?, 't', 1000, ?, 'm', NULL, ?)`,
  );
  rec.run(1, 0, 1, 7, 'raise', 0, null);
  rec.run(2, 0, 2, 7, 'clear', 0, null);
  rec.run(4, 0, 3, 9, 'event', 0, null);
  rec.run(5, 1, 1, 12, 'raise', 0, 'fp-1');
  db.prepare("INSERT INTO alarm_operations(alarm_id, op, by, note, at) VALUES (7, 'ack', 'Li Wei', 'checked', 'ta')").run();
  db.prepare(`INSERT INTO alarms_fts(rowid, body) VALUES (CAST(? AS INTEGER) * 32768 + 7, 'motion 区 域 移 动 侦 测')`).run(1000);
  return db;
}

const all = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');

describe('migration 008 alarm checks without IN lists', () => {
  it('keeps every instance, record, operation and text, with their ids and 64-bit time keys', () => {
    const db = atVersion7();
    const before = { alarms: all(db, 'alarms'), records: all(db, 'alarm_records'), ops: all(db, 'alarm_operations') };
    const tkeys = db.prepare('SELECT CAST(tkey AS TEXT) AS k FROM alarms ORDER BY id').all();
    migrate(db, upTo(8));
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect({ alarms: all(db, 'alarms'), records: all(db, 'alarm_records'), ops: all(db, 'alarm_operations') }).toEqual(before);
    expect(db.prepare('SELECT CAST(tkey AS TEXT) AS k FROM alarms ORDER BY id').all()).toEqual(tkeys);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT a.id FROM alarms_fts f JOIN alarms a ON a.tkey = f.rowid WHERE alarms_fts MATCH '\"移 动\"'").all()).toEqual([{ id: 7 }]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_008'").all()).toEqual([]);
  });

  it('still refuses what 004 refused: bad kinds, states, origins, actions, events that are active, dangling references', () => {
    const db = atVersion7();
    migrate(db, upTo(8));
    const add = db.prepare(
      "INSERT INTO alarms(device_id, kind, type, severity, state, ord_first, time_ms, tkey, message) VALUES (?, ?, 't', ?, ?, 1, 0, ?, '')",
    );
    add.run(3, 'alarm', 0, 'acked', 1);
    expect(() => add.run(3, 'Alarm', 0, 'active', 2)).toThrow(/CHECK/);
    expect(() => add.run(3, 'alarm', 0, 'open', 3)).toThrow(/CHECK/);
    expect(() => add.run(3, 'event', 4, 'active', 4)).toThrow(/CHECK/);
    expect(() => add.run(3, 'alarm', 4, 'event', 5)).toThrow(/CHECK/);
    expect(() => add.run(3, 'alarm', 5, 'active', 6)).toThrow(/CHECK/);
    expect(() => add.run(99, 'alarm', 0, 'active', 7)).toThrow(/FOREIGN KEY/);
    expect(() => add.run(3, 'alarm', 0, 'active', 1)).toThrow(/UNIQUE/);
    const rec = db.prepare("INSERT INTO alarm_records(device_id, origin, op_id, alarm_id, action, time, time_ms, message) VALUES (3, ?, ?, ?, ?, 't', 0, '')");
    rec.run(0, 10, 7, 'clear');
    expect(() => rec.run(2, 11, 7, 'raise')).toThrow(/CHECK/);
    expect(() => rec.run(0, 12, 7, 'ack')).toThrow(/CHECK/);
    expect(() => rec.run(0, 13, 999, 'raise')).toThrow(/FOREIGN KEY/);
    expect(() => rec.run(0, 10, 7, 'raise')).toThrow(/UNIQUE/);
  });

  it('serves the open-alarm filter from the partial index and an instance flow without the dropped alarm_id index', () => {
    const db = atVersion7();
    migrate(db, upTo(8));
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('alarms', 'alarm_records') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(['alarm_records_fp', 'alarm_records_local', 'alarm_records_op', 'alarms_device_time', 'alarms_flow', 'alarms_open_time', 'alarms_time']);
    for (const state of ['active', 'acked']) {
      expect(plan(db, `SELECT id FROM alarms a WHERE a.state = '${state}' ORDER BY a.tkey DESC LIMIT 100`)).toContain('alarms_open_time');
    }
    expect(plan(db, 'SELECT 1 FROM alarm_records WHERE device_id = ? AND origin = 0 AND op_id = ?', 3, 1)).toContain('alarm_records_op');
    expect(plan(db, 'SELECT 1 FROM alarm_records WHERE origin = 1 AND alarm_id = ?', 12)).toContain('alarm_records_local');
  });
});
