import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FieldKitError } from '../contract/errors';
import { ensureDir } from '../platform/ensure-dir';
import { migrate } from './migrate';

export const DB_FILE = 'fieldkit.db';

export interface OpenedDatabase {
  db: Database.Database;
  path: string;
  schemaVersion: number;
}

/**
 * Opens (creating if needed) the one FieldKit database in `dataDir`, in WAL mode
 * so readers (the UI) never block the writers (log capture), and migrates it.
 * synchronous=NORMAL in WAL keeps every committed transaction across a process
 * crash or kill -9; only an OS crash or power cut can lose the last commits.
 */
export function openDatabase(dataDir: string, file = DB_FILE): OpenedDatabase {
  const path = file === ':memory:' ? file : join(dataDir, file);
  let db: Database.Database;
  try {
    if (file !== ':memory:') ensureDir(dataDir);
    db = new Database(path);
  } catch (err) {
    throw new FieldKitError('failed', `Cannot open the database at ${path}: ${(err as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    const schemaVersion = migrate(db);
    return { db, path, schemaVersion };
  } catch (err) {
    db.close();
    throw err;
  }
}
