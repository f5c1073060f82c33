import type Database from 'better-sqlite3';
import { openDatabase } from '../../../src/db/open';
import { alarmsService } from '../../../src/alarms/service';
import type { AlarmImportProgress, AlarmsChanged } from '../../../src/contract';
import type { AlarmRecordInput } from '../../../src/alarms/types';

/** "Now" for every test: alarm times after this (plus tolerance) are flagged as future. */
export const NOW = Date.parse('2024-07-01T00:00:00Z');

/** An alarms service over a fresh in-memory database, with the events it emitted. */
export function makeAlarms(now = NOW) {
  const { db } = openDatabase('', ':memory:');
  const changed: AlarmsChanged[] = [];
  const progress: AlarmImportProgress[] = [];
  const svc = alarmsService({ db, clock: { now: () => now }, onChanged: (c) => changed.push(c), onImportProgress: (p) => progress.push(p) });
  return { db, svc, changed, progress };
}

/** A FieldKit record with defaults: an alarm raise on cam-1 at a fixed time. */
export function rec(p: Partial<AlarmRecordInput> & { opId?: number }): AlarmRecordInput {
  return {
    device: 'cam-1',
    kind: 'alarm',
    type: 'motion',
    severity: 'warning',
    action: 'raise',
    time: '2024-03-05T10:00:00+08:00',
    message: 'motion',
    ...p,
  };
}

/** Table row counts, to prove what a failed operation did not change. */
export function counts(db: Database.Database) {
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { alarms: n('alarms'), records: n('alarm_records'), devices: n('alarm_devices'), ops: n('alarm_operations'), fts: n('alarms_fts') };
}
