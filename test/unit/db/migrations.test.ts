import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { migrations } from '../../../src/db/migrations';
import { openDatabase } from '../../../src/db/open';

const fresh = () => new Database(':memory:');

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
  });

  it('001 settings: creates a STRICT key/value table that only takes JSON values', () => {
    const db = fresh();
    migrate(db, migrations.slice(0, 1));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.prepare('INSERT INTO settings VALUES (?, ?, ?)').run('language', '"en"', '2026-01-01T00:00:00Z');
    expect(() => db.prepare('INSERT INTO settings VALUES (?, ?, ?)').run('theme', 'not json', 'x')).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO settings VALUES (?, ?, ?)').run('language', '"zh-CN"', 'x')).toThrow(/UNIQUE/);
  });

  it('running twice changes nothing', () => {
    const db = fresh();
    migrate(db);
    expect(migrate(db)).toBe(migrations.length);
  });

  it('a failing migration rolls back and leaves the previous version', () => {
    const db = fresh();
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE x(a); SELECT * FROM missing_table;' }];
    expect(() => migrate(db, broken)).toThrow(/missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeUndefined();
  });

  it('refuses a database from a newer FieldKit', () => {
    const db = fresh();
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/schema version 999/);
  });
});

describe('openDatabase', () => {
  it('creates the data dir, uses WAL and migrates', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fk-db-')), 'nested', 'data');
    const { db, path, schemaVersion } = openDatabase(dir);
    expect(path).toBe(join(dir, 'fieldkit.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion).toBe(migrations.length);
    db.close();
  });

  it('says where it failed when the folder cannot be created', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-db-'));
    const file = join(dir, 'a-file');
    new Database(file).close();
    expect(() => openDatabase(join(file, 'sub'))).toThrow(/Cannot open the database at/);
  });
});
