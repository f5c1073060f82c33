import type Database from 'better-sqlite3';
import { FieldKitError } from '../contract/errors';
import { migrations as all, type Migration } from './migrations';

/**
 * Brings the schema to the newest version, one migration per transaction so a
 * failure leaves the database at the last good version. A database written by
 * a newer FieldKit is refused rather than guessed at.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = all): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.length ? list[list.length - 1]!.version : 0;
  if (current > latest) {
    throw new FieldKitError(
      'conflict',
      `The database is schema version ${current} but this FieldKit knows up to ${latest}: update FieldKit or use another --data-dir.`,
    );
  }
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
