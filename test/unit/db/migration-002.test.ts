import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';

describe('migration 002 discovery', () => {
  it('creates a STRICT device table keyed by id that only takes JSON records', () => {
    const db = new Database(':memory:');
    const upTo2 = migrations.filter((m) => m.version <= 2);
    expect(upTo2.map((m) => m.name)).toEqual(['settings', 'discovery']);
    migrate(db, upTo2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const insert = db.prepare('INSERT INTO discovery_devices (id, mac, endpoint, udn, serial, first_seen, last_seen, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('mac-4419b6123456', '44:19:b6:12:34:56', null, null, null, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', '{"id":"mac-4419b6123456"}');
    expect(() => insert.run('x', null, null, null, null, 'a', 'b', 'not json')).toThrow(/CHECK/);
    expect(() => insert.run('mac-4419b6123456', null, null, null, null, 'a', 'b', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('y', null, null, null, null, null, 'b', '{}')).toThrow(/NOT NULL/);
    expect(() => insert.run('z', null, null, null, null, 'a', 'b', Buffer.from([0]))).toThrow(/BLOB/);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'discovery_devices' AND name NOT LIKE 'sqlite_%'").all();
    expect(indexes.map((i) => (i as { name: string }).name).sort()).toEqual(['discovery_devices_last_seen', 'discovery_devices_mac']);
  });
});
