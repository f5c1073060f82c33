import Database from 'better-sqlite3';
import { migrate } from '../../../src/db/migrate';
import type { NewLogEntry } from '../../../src/logs/entry';

/** A migrated in-memory database. */
export function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

/** A plausible UDP syslog entry; override what the test is about. */
export function entry(over: Partial<NewLogEntry> = {}): NewLogEntry {
  return {
    receivedAt: Date.parse('2026-03-01T10:00:00Z'),
    time: '2026-03-01T18:00:00+08:00',
    timeRaw: '2026-03-01T18:00:00+08:00',
    transport: 'udp',
    source: '192.168.1.64:514',
    sourceAddress: '192.168.1.64',
    sourcePort: 514,
    device: null,
    host: 'cam-lobby',
    app: 'kernel',
    procid: null,
    msgid: null,
    facility: 0,
    severity: 6,
    facilityName: 'kern',
    severityName: 'info',
    structured: [],
    message: 'hello',
    format: 'rfc5424',
    malformed: false,
    truncated: false,
    problems: [],
    raw: null,
    rawHex: null,
    ...over,
  };
}
