import { sql as m001 } from './001-settings';
import { sql as m002 } from './002-discovery';
import { sql as m003 } from './003-logs';
import { sql as m004 } from './004-alarms';
import { sql as m005 } from './005-net-journal';
import { sql as m006 } from './006-commissioning';
import { sql as m007 } from './007-logs-unchecked';
import { sql as m008 } from './008-alarms-checks';
import { sql as m009 } from './009-alarm-flow-positions';

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
export const migrations: readonly Migration[] = [
  { version: 1, name: 'settings', sql: m001 },
  { version: 2, name: 'discovery', sql: m002 },
  { version: 3, name: 'logs', sql: m003 },
  { version: 4, name: 'alarms', sql: m004 },
  { version: 5, name: 'net journal', sql: m005 },
  { version: 6, name: 'commissioning', sql: m006 },
  { version: 7, name: 'logs without checks', sql: m007 },
  { version: 8, name: 'alarm checks without IN lists', sql: m008 },
  { version: 9, name: 'alarm flow positions', sql: m009 },
];
