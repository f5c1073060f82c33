import type Database from 'better-sqlite3';
import type { Clock } from '../platform/ports';
import { TKEY_SLOTS } from './ingest-keys';
import { IngestRun, type ApplyOptions, type FlowRow, type IngestResult, type IngestStatements } from './ingest-run';
import { FLAG } from './time';
import type { AlarmRecordInput } from './types';

export { DUPLICATE_FLAG, TKEY_SLOTS } from './ingest-keys';
export type { ApplyOptions, IngestResult } from './ingest-run';

/**
 * The one way records enter the alarm store: file imports, log rules and the
 * discovery watch all call {@link apply}. Each call is one transaction.
 *
 * Rules: the same (device, op_id) twice is a duplicate; so is a raise while its
 * flow (device + se_id) is already active at that position, or a clear when the
 * flow is already cleared. A clear with no raise before it is kept as an orphan
 * and completed if its raise arrives later. Flow position is the device's op_id,
 * or, for records without one, the UTC time (FieldKit then numbers the record
 * from a local per-device sequence and recognises re-reports by content).
 */
export class AlarmIngest {
  private readonly s: IngestStatements;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    const p = <T = unknown>(sql: string) => db.prepare<unknown[], T>(sql);
    this.s = {
      deviceGet: p<{ id: number; first_op_id: number | null; last_op_id: number | null; op_count: number; local_seq: number; records: number; duplicates: number }>(
        'SELECT id, first_op_id, last_op_id, op_count, local_seq, records, duplicates FROM alarm_devices WHERE name = ?',
      ),
      deviceAdd: p('INSERT INTO alarm_devices(name) VALUES (?)'),
      deviceSave: p('UPDATE alarm_devices SET first_op_id = ?, last_op_id = ?, op_count = ?, local_seq = ?, records = ?, duplicates = ? WHERE id = ?'),
      opExists: p<{ one: number }>('SELECT 1 AS one FROM alarm_records WHERE device_id = ? AND origin = 0 AND op_id = ?'),
      fpExists: p<{ one: number }>('SELECT 1 AS one FROM alarm_records WHERE device_id = ? AND fingerprint = ?'),
      flowLast: p<FlowRow>(
        "SELECT id, ord_first, ord_raise, ord_clear FROM alarms WHERE kind = 'alarm' AND device_id = ? AND se_id = ? ORDER BY ord_first DESC LIMIT 1",
      ),
      flowPrev: p<FlowRow>(
        "SELECT id, ord_first, ord_raise, ord_clear FROM alarms WHERE kind = 'alarm' AND device_id = ? AND se_id = ? AND ord_first < ? ORDER BY ord_first DESC LIMIT 1",
      ),
      flowNext: p<FlowRow>(
        "SELECT id, ord_first, ord_raise, ord_clear FROM alarms WHERE kind = 'alarm' AND device_id = ? AND se_id = ? AND ord_first > ? ORDER BY ord_first ASC LIMIT 1",
      ),
      maxId: p<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM alarms'),
      instanceAdd: p(
        `INSERT INTO alarms(id, device_id, se_id, kind, type, severity, state, ord_first, ord_raise, ord_clear, time_ms, tkey,
           raised_at, raised_ms, cleared_at, cleared_ms, flags, message, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER) * ${TKEY_SLOTS} + CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?, ?)`,
      ),
      instanceClear: p("UPDATE alarms SET state = 'cleared', ord_clear = ?, cleared_at = ?, cleared_ms = ?, flags = flags | ? WHERE id = ?"),
      instanceAttachRaise: p(
        `UPDATE alarms SET ord_first = ?, ord_raise = ?, time_ms = ?, tkey = CAST(? AS INTEGER) * ${TKEY_SLOTS} + CAST(? AS INTEGER), raised_at = ?, raised_ms = ?, type = ?, severity = ?,
           message = ?, source = ?, flags = (flags & ~${FLAG.orphanClear}) | ? WHERE id = ?`,
      ),
      instanceText: p<{ type: string; message: string }>('SELECT type, message FROM alarms WHERE id = ?'),
      ftsAdd: p(`INSERT INTO alarms_fts(rowid, body) VALUES (CAST(? AS INTEGER) * ${TKEY_SLOTS} + CAST(? AS INTEGER), ?)`),
      // Contentless without sizes: removing a row takes its original text (tkey read in SQL: it exceeds 2^53).
      ftsDel: p("INSERT INTO alarms_fts(alarms_fts, rowid, body) SELECT 'delete', tkey, ? FROM alarms WHERE id = ?"),
      recordAdd: p(
        `INSERT INTO alarm_records(device_id, origin, op_id, alarm_id, action, time, time_ms, flags, message, source, fingerprint)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  /** Applies records in order, in one transaction; throws (and changes nothing) on a database error. */
  apply(records: readonly AlarmRecordInput[], opts: ApplyOptions = {}): IngestResult {
    // IMMEDIATE: the log writer thread writes to the same file; a deferred transaction that reads
    // first cannot become a writer after that thread has committed (SQLITE_BUSY at once, busy_timeout
    // does not apply), so it takes the write lock up front and waits for it like any other writer.
    return this.db.transaction(() => new IngestRun(this.s, this.clock.now()).run(records, opts)).immediate();
  }
}
