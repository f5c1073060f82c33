import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { alarmsService } from '../../../src/alarms/service';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';

const upTo = (v: number) => migrations.filter((m) => m.version <= v);
const T = 1_709_604_000_000; // 2024-03-05T02:00:00Z

/**
 * A database at version 8 as FieldKit 8 wrote it: a device flow with a re-reported raise kept as a
 * marker, a local flow whose raise (sequence 999) and clear (sequence 1000) share a millisecond (old
 * positions time*1000 + seq%1000: the clear sorted first), and a local event.
 */
function atVersion8() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, upTo(8));
  db.prepare("INSERT INTO alarm_devices(id, name, first_op_id, last_op_id, op_count, local_seq, records, duplicates) VALUES (3, 'cam-3', 1, 3, 2, 1000, 5, 1)").run();
  const alarm = db.prepare(
    `INSERT INTO alarms(id, device_id, se_id, kind, type, severity, state, ord_first, ord_raise, ord_clear, time_ms, tkey, raised_at, raised_ms,
       cleared_at, cleared_ms, flags, message)
     VALUES (?, 3, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER) * 32768 + ?, ?, ?, ?, ?, 0, ?)`,
  );
  alarm.run(7, 'se-1', 'alarm', 'motion', 1, 'active', 1, 1, null, T, T, 7, 't1', T, null, null, 'first');
  alarm.run(9, null, 'event', 'reboot', 4, 'event', T * 1000 + 998, T * 1000 + 998, null, T + 5, T + 5, 9, 't9', T + 5, null, null, 'rebooted');
  alarm.run(12, 'offline', 'alarm', 'offline', 2, 'cleared', T * 1000 + 999, T * 1000 + 999, T * 1000, T + 9, T + 9, 12, 't12', T + 9, 't12', T + 9, 'down');
  const rec = db.prepare(
    `INSERT INTO alarm_records(id, device_id, origin, op_id, alarm_id, action, time, time_ms, flags, message, fingerprint)
     VALUES (?, 3, ?, ?, ?, ?, 't', ?, ?, 'm', ?)`,
  );
  rec.run(1, 0, 1, 7, 'raise', T, 0, null);
  rec.run(2, 0, 3, 7, 'raise', T + 30, 8, null);
  rec.run(3, 1, 998, 9, 'event', T + 5, 0, 'fp-998');
  rec.run(4, 1, 999, 12, 'raise', T + 9, 0, 'fp-999');
  rec.run(5, 1, 1000, 12, 'clear', T + 9, 0, 'fp-1000');
  return db;
}

const text = (db: Database.Database, sql: string) => db.prepare(sql).all();

describe('migration 009 alarm flow positions', () => {
  it('gives local records and markers their positions and re-encodes local instances as (time, arrival)', () => {
    const db = atVersion8();
    migrate(db, upTo(9));
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    const at = (ms: number, k: number) => String(BigInt(ms) * 32768n + BigInt(k));
    expect(text(db, 'SELECT record_id, se_id, CAST(ord AS TEXT) AS ord, type, severity FROM alarm_positions ORDER BY record_id')).toEqual([
      { record_id: 2, se_id: 'se-1', ord: '3', type: null, severity: null },
      { record_id: 4, se_id: 'offline', ord: at(T + 9, 0), type: null, severity: null },
      { record_id: 5, se_id: 'offline', ord: at(T + 9, 1), type: null, severity: null },
    ]);
    expect(text(db, 'SELECT id, CAST(ord_first AS TEXT) AS f, CAST(ord_raise AS TEXT) AS r, CAST(ord_clear AS TEXT) AS c FROM alarms ORDER BY id')).toEqual([
      { id: 7, f: '1', r: '1', c: null },
      { id: 9, f: at(T + 5, 0), r: at(T + 5, 0), c: null },
      { id: 12, f: at(T + 9, 0), r: at(T + 9, 0), c: at(T + 9, 1) },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('finds flow neighbours through its index', () => {
    const db = atVersion8();
    migrate(db, upTo(9));
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(3, 'se-1', 1, 5) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('SELECT max(ord) FROM alarm_positions WHERE device_id = ? AND se_id = ? AND ord BETWEEN ? AND ?')).toMatch(/alarm_positions_flow/);
    expect(plan('SELECT p.ord FROM alarm_positions p JOIN alarm_records r ON r.id = p.record_id WHERE p.device_id = ? AND p.se_id = ? AND p.ord > ? AND p.ord < ? ORDER BY p.ord')).toMatch(
      /alarm_positions_flow/,
    );
  });

  it('a late clear into data written before it splits the old re-report off as a new alarm', () => {
    const db = atVersion8();
    migrate(db);
    const svc = alarmsService({ db, clock: { now: () => T + 3_600_000 }, onChanged: () => {}, onImportProgress: () => {} });
    const iso = (ms: number) => new Date(ms).toISOString();
    svc.ingestLive([{ device: 'cam-3', opId: 2, seId: 'se-1', kind: 'alarm', type: 'motion', severity: 'major', action: 'clear', time: iso(T + 20), message: 'ok' }]);
    // The old marker has no type or severity of its own: it takes those of the alarm it re-reported.
    expect(svc.list({ types: ['motion'] }, { sort: 'time', order: 'asc' }).items.map((i) => [i.id > 12 ? 'new' : i.id, i.state, i.severity, i.raisedAt])).toEqual([
      [7, 'cleared', 'major', 't1'],
      ['new', 'active', 'major', 't'],
    ]);
    expect(svc.syncStatus()).toMatchObject([{ device: 'cam-3', lastOpId: 3, gaps: [], records: 6, duplicates: 0 }]);
    // The local flow pairs in arrival order now: a clear one millisecond later is a re-report of a cleared alarm.
    expect(svc.ingestLive([{ device: 'cam-3', kind: 'alarm', type: 'offline', severity: 'minor', action: 'clear', time: iso(T + 10), message: 'up again' }])).toMatchObject({
      duplicates: 1,
    });
  });
});
