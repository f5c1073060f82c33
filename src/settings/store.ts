import type Database from 'better-sqlite3';
import type { Settings } from '../contract';
import { LANGUAGES, THEMES } from '../contract';

export const DEFAULT_SETTINGS: Settings = { language: 'en', theme: 'system' };

/** Preferences in the settings table; unknown or corrupt values fall back to defaults. */
export class SettingsStore {
  private readonly getStmt: Database.Statement<[], { key: string; value: string }>;
  private readonly putStmt: Database.Statement<[string, string, string]>;

  constructor(private readonly db: Database.Database) {
    this.getStmt = db.prepare('SELECT key, value FROM settings');
    this.putStmt = db.prepare(
      `INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  read(): Settings {
    const out: Settings = { ...DEFAULT_SETTINGS };
    for (const row of this.getStmt.all()) {
      let v: unknown;
      try {
        v = JSON.parse(row.value);
      } catch {
        continue;
      }
      if (row.key === 'language' && (LANGUAGES as readonly unknown[]).includes(v)) out.language = v as Settings['language'];
      if (row.key === 'theme' && (THEMES as readonly unknown[]).includes(v)) out.theme = v as Settings['theme'];
    }
    return out;
  }

  write(patch: Partial<Settings>, at: Date): Settings {
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(patch)) {
        if (v !== undefined) this.putStmt.run(k, JSON.stringify(v), at.toISOString());
      }
    }).immediate(); // IMMEDIATE: see AlarmIngest.apply (the log writer thread shares the file)
    return this.read();
  }
}
