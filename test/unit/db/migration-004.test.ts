import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';

const upTo4 = () => {
  const db = new Database(':memory:');
  migrate(db, migrations.filter((m) => m.version <= 4));
  return db;
};

describe('migration 004 alarms', () => {
  it('creates the alarm tables, indexes and the full-text index', () => {
    const db = upTo4();
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'alarm%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const n of ['alarm_devices', 'alarms', 'alarm_records', 'alarm_operations', 'alarms_fts', 'alarms_flow', 'alarms_time', 'alarms_open_time', 'alarm_records_op', 'alarm_records_fp']) {
      expect(names).toContain(n);
    }
    // Writers space CJK characters (see indexText) so a phrase of characters is a substring match.
    db.prepare("INSERT INTO alarms_fts(rowid, body) VALUES (1, 'door-lock-failed 门 禁 2 号 门 开 锁 失 败 Door2')").run();
    expect(db.prepare("SELECT rowid FROM alarms_fts WHERE alarms_fts MATCH '\"开 锁 失\"'").all()).toEqual([{ rowid: 1 }]);
    expect(db.prepare("SELECT rowid FROM alarms_fts WHERE alarms_fts MATCH '\"door2\"'").all()).toEqual([{ rowid: 1 }]);
  });

  it('enforces the model in the schema: unique op_id per device, valid states, events never active', () => {
    const db = upTo4();
    db.prepare("INSERT INTO alarm_devices(id, name) VALUES (1, 'cam')").run();
    expect(() => db.prepare("INSERT INTO alarm_devices(name) VALUES ('cam')").run()).toThrow(/UNIQUE/);
    const add = db.prepare(
      "INSERT INTO alarms(device_id, kind, type, severity, state, ord_first, time_ms, tkey, message) VALUES (1, ?, 't', ?, ?, 1, 0, 1, '')",
    );
    add.run('alarm', 0, 'active');
    expect(() => add.run('event', 4, 'active')).toThrow(/CHECK/);
    expect(() => add.run('alarm', 4, 'event')).toThrow(/CHECK/);
    expect(() => add.run('alarm', 9, 'active')).toThrow(/CHECK/);
    expect(() => add.run('alarm', 0, 'open')).toThrow(/CHECK/);
    const rec = db.prepare("INSERT INTO alarm_records(device_id, origin, op_id, alarm_id, action, time, time_ms, message) VALUES (1, 0, ?, 1, 'raise', 't', 0, '')");
    rec.run(5);
    expect(() => rec.run(5)).toThrow(/UNIQUE/);
  });
});
