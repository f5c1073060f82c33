import type Database from 'better-sqlite3';
import type { Clock } from '../platform/ports';
import { DUPLICATE_FLAG, TKEY_SLOTS } from './ingest-keys';
import { IngestRun } from './ingest-run';
import type { ApplyOptions, FlowRow, IngestResult, IngestStatements, MarkerRow, RecordRow } from './ingest-rows';
import type { AlarmRecordInput } from './types';

export { DUPLICATE_FLAG, TKEY_SLOTS } from './ingest-keys';
export { SOFT_CLEAR_FLAG } from './ingest-rows';
export type { ApplyOptions, IngestResult } from './ingest-rows';

/**
 * The one way records enter the alarm store: file imports, log rules and the
 * discovery watch all call {@link apply}. Each call is one transaction.
 *
 * Rules: the same (device, op_id) twice is a duplicate; so is a raise while its
 * flow (device + se_id) is already active at that position, or a clear when the
 * flow is already cleared. A clear with no raise before it is kept as an orphan
 * and completed if its raise arrives later. Flow position is the device's op_id,
 * or, for records without one, the UTC time and then arrival within a millisecond
 * (FieldKit numbers such a record from a local per-device sequence and recognises
 * re-reports by content). The outcome is that of the records in position order,
 * whatever order and batches they arrive in (see IngestRun).
 */
export class AlarmIngest {
  private readonly s: IngestStatements;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    const p = <T = unknown>(sql: string) => db.prepare<unknown[], T>(sql);
    // Flow positions of records without op_id exceed 2^53 (see migration 009): read them as BigInt.
    const big = <T = unknown>(sql: string) => p<T>(sql).safeIntegers(true);
    const flowCols = 'id, ord_first, ord_raise, ord_clear, flags';
    const markerCols = 'r.id, r.origin, r.flags, r.time, r.time_ms, r.message, r.source, p.type, p.severity, p.ord';
    const recordCols = 'r.id, r.flags, r.time, r.time_ms';
    const tkey = `CAST(? AS INTEGER) * ${TKEY_SLOTS} + CAST(? AS INTEGER)`;
    this.s = {
      deviceGet: p<{ id: number; first_op_id: number | null; last_op_id: number | null; op_count: number; local_seq: number; records: number; duplicates: number }>(
        'SELECT id, first_op_id, last_op_id, op_count, local_seq, records, duplicates FROM alarm_devices WHERE name = ?',
      ),
      deviceAdd: p('INSERT INTO alarm_devices(name) VALUES (?)'),
      deviceSave: p('UPDATE alarm_devices SET first_op_id = ?, last_op_id = ?, op_count = ?, local_seq = ?, records = ?, duplicates = ? WHERE id = ?'),
      opExists: p<{ one: number }>('SELECT 1 AS one FROM alarm_records WHERE device_id = ? AND origin = 0 AND op_id = ?'),
      fpExists: p<{ one: number }>('SELECT 1 AS one FROM alarm_records WHERE device_id = ? AND fingerprint = ?'),
      flowTop: big<{ m: bigint | null }>('SELECT max(ord) AS m FROM alarm_positions WHERE device_id = ? AND se_id = ?'),
      flowTopIn: big<{ m: bigint | null }>('SELECT max(ord) AS m FROM alarm_positions WHERE device_id = ? AND se_id = ? AND ord BETWEEN ? AND ?'),
      flowLast: big<FlowRow>(`SELECT ${flowCols} FROM alarms WHERE kind = 'alarm' AND device_id = ? AND se_id = ? ORDER BY ord_first DESC LIMIT 1`),
      flowPrev: big<FlowRow>(
        `SELECT ${flowCols} FROM alarms WHERE kind = 'alarm' AND device_id = ? AND se_id = ? AND ord_first < ? ORDER BY ord_first DESC LIMIT 1`,
      ),
      flowNext: big<FlowRow>(
        `SELECT ${flowCols} FROM alarms WHERE kind = 'alarm' AND device_id = ? AND se_id = ? AND ord_first > ? ORDER BY ord_first ASC LIMIT 1`,
      ),
      markerFirst: big<MarkerRow>(
        `SELECT ${markerCols} FROM alarm_positions p JOIN alarm_records r ON r.id = p.record_id
         WHERE p.device_id = ? AND p.se_id = ? AND p.ord > ? AND p.ord < ? AND r.flags & ${DUPLICATE_FLAG} != 0 AND r.action = ? ORDER BY p.ord LIMIT 1`,
      ),
      // An instance's raise or clear at a position: a device record by op_id, one without by its position row.
      recordOf: p<RecordRow>(
        `SELECT ${recordCols} FROM alarm_records r WHERE r.device_id = ? AND r.origin = 0 AND r.op_id = ? AND r.alarm_id = ?
         UNION ALL
         SELECT ${recordCols} FROM alarm_positions p JOIN alarm_records r ON r.id = p.record_id
           WHERE p.device_id = ? AND p.se_id = ? AND p.ord = ? AND r.alarm_id = ? AND r.origin = 1
         LIMIT 1`,
      ),
      maxId: p<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM alarms'),
      instanceAdd: p(
        `INSERT INTO alarms(id, device_id, se_id, kind, type, severity, state, ord_first, ord_raise, ord_clear, time_ms, tkey,
           raised_at, raised_ms, cleared_at, cleared_ms, flags, message, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${tkey}, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      instanceClear: p("UPDATE alarms SET state = 'cleared', ord_clear = ?, cleared_at = ?, cleared_ms = ?, flags = flags | ? WHERE id = ?"),
      instanceSetClear: p("UPDATE alarms SET state = 'cleared', ord_clear = ?, cleared_at = ?, cleared_ms = ?, flags = ? WHERE id = ?"),
      instanceSetRaise: p(
        `UPDATE alarms SET ord_first = ?, ord_raise = ?, time_ms = ?, tkey = ${tkey}, raised_at = ?, raised_ms = ?, type = ?, severity = ?,
           message = ?, source = ?, flags = ? WHERE id = ?`,
      ),
      instanceSetOrphan: p(
        `UPDATE alarms SET ord_first = ?, ord_clear = ?, time_ms = ?, tkey = ${tkey}, cleared_at = ?, cleared_ms = ?, type = ?, severity = ?,
           message = ?, source = ?, flags = ? WHERE id = ?`,
      ),
      instanceText: p<{ type: string; severity: number; message: string }>('SELECT type, severity, message FROM alarms WHERE id = ?'),
      ftsAdd: p(`INSERT INTO alarms_fts(rowid, body) VALUES (${tkey}, ?)`),
      // Contentless without sizes: removing a row takes its original text (tkey read in SQL: it exceeds 2^53).
      ftsDel: p("INSERT INTO alarms_fts(alarms_fts, rowid, body) SELECT 'delete', tkey, ? FROM alarms WHERE id = ?"),
      recordAdd: p(
        `INSERT INTO alarm_records(device_id, origin, op_id, alarm_id, action, time, time_ms, flags, message, source, fingerprint)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      positionAdd: p(
        `INSERT INTO alarm_positions(record_id, device_id, se_id, ord, type, severity) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(record_id) DO UPDATE SET type = excluded.type, severity = excluded.severity`,
      ),
      positionDel: p('DELETE FROM alarm_positions WHERE record_id = ?'),
      recordPromote: p(`UPDATE alarm_records SET alarm_id = ?, flags = flags & ~${DUPLICATE_FLAG} WHERE id = ?`),
      recordDemote: p(`UPDATE alarm_records SET flags = flags | ${DUPLICATE_FLAG} WHERE id = ?`),
      recordMove: p('UPDATE alarm_records SET alarm_id = ? WHERE id = ?'),
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
