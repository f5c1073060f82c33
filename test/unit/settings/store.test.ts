import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../src/settings/store';

describe('SettingsStore', () => {
  it('returns defaults, then what was written', () => {
    const db = new Database(':memory:');
    migrate(db);
    const s = new SettingsStore(db);
    expect(s.read()).toEqual(DEFAULT_SETTINGS);
    expect(s.write({ language: 'zh-CN' }, new Date(0))).toEqual({ ...DEFAULT_SETTINGS, language: 'zh-CN' });
    expect(new SettingsStore(db).read().language).toBe('zh-CN');
  });

  it('falls back to the default for values it does not know', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO settings VALUES (?, ?, ?)').run('theme', '"neon"', 'x');
    db.prepare('INSERT INTO settings VALUES (?, ?, ?)').run('language', '42', 'x');
    expect(new SettingsStore(db).read()).toEqual(DEFAULT_SETTINGS);
  });
});
