import { sql as m001 } from './001-settings';

/** One schema step. `version` is the PRAGMA user_version after it runs. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered, append-only. Never edit a migration that has shipped: add the next
 * one. Each has its own test in test/unit/db/.
 */
export const migrations: readonly Migration[] = [{ version: 1, name: 'settings', sql: m001 }];
