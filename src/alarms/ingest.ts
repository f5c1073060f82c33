import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { indexText } from '../logs/store/fts-text';
import type { Clock } from '../platform/ports';
import { severityRank } from './severity';
import { FLAG, parseAlarmTime, timeFlags } from './time';
import type { AlarmRecordInput } from './types';
import { validateRecord } from './validate';

/** Stored on marker rows: an op_id the device used for a re-report (kept so sync state shows no false gap). */
export const DUPLICATE_FLAG = 8;

/** What one {@link AlarmIngest.apply} did. */
export interface IngestResult {
  imported: number;
  duplicates: number;
  skipped: number;
  orphanClears: number;
  timeFlagged: number;
  /** Index in the input and reason, for records that failed validation (live sources). */
  rejected: { index: number; reason: string }[];
  /** Device ids that received records (for gap reports). */
  devices: number[];
  /** Instances created or changed; null when more than {@link MAX_CHANGED_IDS}. */
  changedIds: number[] | null;
}

export interface ApplyOptions {
  /** The records were already checked by a format parser (skip validation). */
  validated?: boolean;
  /** Called every few thousand records, inside the transaction. */
  onProgress?: (done: number, total: number) => void;
}

const MAX_CHANGED_IDS = 1000;
/**
 * Sort-key slots per millisecond (see migration 004: tkey = time_ms * TKEY_SLOTS + slot). tkey is
 * computed in SQL with every operand CAST to INTEGER: better-sqlite3 binds JS numbers as REAL, and
 * REAL arithmetic would round a key above 2^53.
 */
export const TKEY_SLOTS = 32768;

/** Records buffered before their instances and themselves are written (see {@link FLUSH_EVERY}). */
const FLUSH_EVERY = 20_000;

/** An instance whose FTS row is written at the end of the transaction; slot is set once the row is. */
interface PendingText {
  timeMs: number;
  slot: number;
  body: string;
}

/** A new instance not yet written: a clear arriving before the flush changes it in memory. */
interface PendingInstance {
  id: number;
  deviceId: number;
  seId: string | null;
  kind: 'alarm' | 'event';
  type: string;
  severity: number;
  state: 'active' | 'cleared' | 'event';
  ordFirst: number;
  ordRaise: number | null;
  ordClear: number | null;
  timeMs: number;
  raisedAt: string | null;
  raisedMs: number | null;
  clearedAt: string | null;
  clearedMs: number | null;
  flags: number;
  message: string;
  source: string | null;
}
const PROGRESS_EVERY = 5000;

interface DeviceState {
  id: number;
  first: number | null;
  last: number | null;
  count: number;
  localSeq: number;
  records: number;
  duplicates: number;
}

/** The latest instance of a flow, by flow position. */
interface FlowHead {
  id: number;
  ordFirst: number;
  ordRaise: number | null;
  ordClear: number | null;
}

interface FlowRow {
  id: number;
  ord_first: number;
  ord_raise: number | null;
  ord_clear: number | null;
}

const head = (r: FlowRow | undefined): FlowHead | null =>
  r ? { id: r.id, ordFirst: r.ord_first, ordRaise: r.ord_raise, ordClear: r.ord_clear } : null;

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
  private readonly s;

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
    return this.db.transaction(() => this.applyInTransaction(records, opts))();
  }

  private applyInTransaction(records: readonly AlarmRecordInput[], opts: ApplyOptions): IngestResult {
    const now = this.clock.now();
    const res: IngestResult = { imported: 0, duplicates: 0, skipped: 0, orphanClears: 0, timeFlagged: 0, rejected: [], devices: [], changedIds: [] };
    const devices = new Map<string, DeviceState>();
    const flows = new Map<string, FlowHead | null>();
    const changed = new Set<number>();
    const pending = new Map<number, PendingText>();
    // New instances and flow records are buffered and written in batches: most raises are cleared a few
    // records later, so the instance is written once in its final state (no UPDATE, no open-index churn).
    // Records go after their instances (foreign key). Duplicate checks see the buffer through the sets.
    const newInstances = new Map<number, PendingInstance>();
    const newRecords: unknown[][] = [];
    const newOps = new Set<string>();
    const newFingerprints = new Set<string>();
    let nextId = this.s.maxId.get()!.n + 1;
    /** Runs a write that sets tkey, moving to the next slot of the millisecond on a clash (rare). */
    const withSlot = (id: number, write: (slot: number) => void): number => {
      for (let k = 0; k < TKEY_SLOTS; k++) {
        const slot = (id + k) % TKEY_SLOTS;
        try {
          write(slot);
          return slot;
        } catch (err) {
          if (!(err instanceof Error && /UNIQUE constraint failed: alarms\.tkey/.test(err.message))) throw err;
        }
      }
      throw new Error(`more than ${TKEY_SLOTS} alarm instances in one millisecond`);
    };
    const flush = () => {
      for (const n of newInstances.values()) {
        const slot = withSlot(n.id, (slot) =>
          this.s.instanceAdd.run(
            n.id, n.deviceId, n.seId, n.kind, n.type, n.severity, n.state, n.ordFirst, n.ordRaise, n.ordClear, n.timeMs, n.timeMs, slot,
            n.raisedAt, n.raisedMs, n.clearedAt, n.clearedMs, n.flags, n.message, n.source,
          ),
        );
        pending.get(n.id)!.slot = slot;
      }
      for (const r of newRecords) this.s.recordAdd.run(...r);
      newInstances.clear();
      newRecords.length = 0;
      newOps.clear();
      newFingerprints.clear();
    };
    const touch = (id: number) => {
      if (changed.size <= MAX_CHANGED_IDS) changed.add(id);
    };

    const deviceOf = (name: string): DeviceState => {
      let d = devices.get(name);
      if (d) return d;
      const row = this.s.deviceGet.get(name);
      if (row) {
        d = { id: row.id, first: row.first_op_id, last: row.last_op_id, count: row.op_count, localSeq: row.local_seq, records: row.records, duplicates: row.duplicates };
      } else {
        const id = Number(this.s.deviceAdd.run(name).lastInsertRowid);
        d = { id, first: null, last: null, count: 0, localSeq: 0, records: 0, duplicates: 0 };
      }
      devices.set(name, d);
      return d;
    };

    for (let i = 0; i < records.length; i++) {
      if (opts.onProgress && i > 0 && i % PROGRESS_EVERY === 0) opts.onProgress(i, records.length);
      if (newRecords.length >= FLUSH_EVERY) flush();
      let rec = records[i]!;
      if (!opts.validated) {
        const checked = validateRecord(rec as unknown as Record<string, unknown>);
        if (typeof checked === 'string') {
          res.rejected.push({ index: i, reason: checked });
          continue;
        }
        rec = { ...checked, softClear: rec.softClear };
      }
      const time = parseAlarmTime(rec.time);
      if (typeof time === 'string') {
        res.rejected.push({ index: i, reason: time });
        continue;
      }
      const dev = deviceOf(rec.device);
      const fromDevice = rec.opId !== undefined;
      let fingerprint: string | null = null;
      if (fromDevice) {
        // Devices number upwards: only an op_id at or below the highest seen can be a re-report.
        if (dev.last !== null && rec.opId! <= dev.last && (newOps.has(`${dev.id}\0${rec.opId}`) || this.s.opExists.get(dev.id, rec.opId))) {
          dev.duplicates++;
          res.duplicates++;
          continue;
        }
      } else {
        fingerprint = createHash('sha1')
          .update(`${rec.kind}\0${rec.action}\0${rec.type}\0${rec.seId ?? ''}\0${time.ms}\0${rec.message}\0${rec.source ?? ''}`)
          .digest('base64');
        if (newFingerprints.has(`${dev.id}\0${fingerprint}`) || this.s.fpExists.get(dev.id, fingerprint)) {
          dev.duplicates++;
          res.duplicates++;
          continue;
        }
      }
      const opId = fromDevice ? rec.opId! : ++dev.localSeq;
      // Local records are ordered by time; the sequence breaks ties within one millisecond.
      const ord = fromDevice ? opId : time.ms * 1000 + (opId % 1000);
      const tFlags = timeFlags(time.ms, now);
      const storeRecord = (alarmId: number | null, flags: number) => {
        newRecords.push([dev.id, fromDevice ? 0 : 1, opId, alarmId, rec.action, time.iso, time.ms, flags, rec.message, rec.source ?? null, fingerprint]);
        if (fromDevice) newOps.add(`${dev.id}\0${opId}`);
        else newFingerprints.add(`${dev.id}\0${fingerprint}`);
        dev.records++;
        if (fromDevice) {
          dev.first = dev.first === null ? opId : Math.min(dev.first, opId);
          dev.last = dev.last === null ? opId : Math.max(dev.last, opId);
          dev.count++;
        }
      };
      // A record that changes nothing still used the device's op_id: keep a marker so sync state has no false gap.
      const notImported = (alarmId: number | null, soft: boolean) => {
        if (soft) res.skipped++;
        else {
          res.duplicates++;
          dev.duplicates++;
        }
        if (fromDevice) storeRecord(alarmId, DUPLICATE_FLAG);
        else dev.localSeq--;
      };
      const imported = (id: number) => {
        touch(id);
        res.imported++;
        if (tFlags) res.timeFlagged++;
      };
      const newInstance = (state: 'active' | 'cleared' | 'event', flags: number): number => {
        const raised = rec.action !== 'clear';
        const id = nextId++;
        newInstances.set(id, {
          id,
          deviceId: dev.id,
          seId: rec.kind === 'alarm' ? (rec.seId ?? rec.type) : (rec.seId ?? null),
          kind: rec.kind,
          type: rec.type,
          severity: severityRank(rec.severity),
          state,
          ordFirst: ord,
          ordRaise: raised ? ord : null,
          ordClear: raised ? null : ord,
          timeMs: time.ms,
          raisedAt: raised ? time.iso : null,
          raisedMs: raised ? time.ms : null,
          clearedAt: raised ? null : time.iso,
          clearedMs: raised ? null : time.ms,
          flags,
          message: rec.message,
          source: rec.source ?? null,
        });
        pending.set(id, { timeMs: time.ms, slot: -1, body: indexText([rec.type, rec.message]) });
        return id;
      };

      if (rec.kind === 'event') {
        const id = newInstance('event', tFlags);
        storeRecord(id, tFlags);
        imported(id);
        continue;
      }

      const se = rec.seId ?? rec.type;
      const key = `${dev.id}\0${se}`;
      let last = flows.get(key);
      if (last === undefined) {
        last = head(this.s.flowLast.get(dev.id, se));
        flows.set(key, last);
      }
      // In-order arrival (the usual case) needs no query: the latest instance is the one before.
      const inOrder = last === null || ord > last.ordFirst;
      // Out of order: the neighbours are looked up in the database, so it must hold everything so far.
      if (!inOrder) flush();
      const prev = inOrder ? last : head(this.s.flowPrev.get(dev.id, se, ord));
      const next = () => (inOrder ? null : head(this.s.flowNext.get(dev.id, se, ord)));
      // Instances read from the database are copies: keep the cached head in step.
      const syncHead = (h: FlowHead) => {
        const cached = flows.get(key);
        if (cached && cached !== h && cached.id === h.id) flows.set(key, { ...h });
      };

      if (rec.action === 'raise') {
        if (prev && prev.ordRaise !== null && (prev.ordClear === null || prev.ordClear > ord)) {
          notImported(prev.id, false);
          continue;
        }
        const n = next();
        if (n && n.ordRaise === null) {
          // The raise of an orphan clear arrived late: complete the instance.
          if (!pending.has(n.id)) {
            const old = this.s.instanceText.get(n.id)!;
            this.s.ftsDel.run(indexText([old.type, old.message]), n.id);
          }
          const slot = withSlot(n.id, (slot) =>
            this.s.instanceAttachRaise.run(ord, ord, time.ms, time.ms, slot, time.iso, time.ms, rec.type, severityRank(rec.severity), rec.message, rec.source ?? null, tFlags, n.id),
          );
          pending.set(n.id, { timeMs: time.ms, slot, body: indexText([rec.type, rec.message]) });
          storeRecord(n.id, tFlags);
          n.ordFirst = ord;
          n.ordRaise = ord;
          syncHead(n);
          imported(n.id);
          continue;
        }
        const id = newInstance('active', tFlags);
        storeRecord(id, tFlags);
        if (inOrder) flows.set(key, { id, ordFirst: ord, ordRaise: ord, ordClear: null });
        imported(id);
        continue;
      }

      // A clear.
      if (prev && prev.ordRaise !== null && prev.ordClear === null) {
        const unwritten = newInstances.get(prev.id);
        if (unwritten) {
          unwritten.state = 'cleared';
          unwritten.ordClear = ord;
          unwritten.clearedAt = time.iso;
          unwritten.clearedMs = time.ms;
          unwritten.flags |= tFlags;
        } else this.s.instanceClear.run(ord, time.iso, time.ms, tFlags, prev.id);
        prev.ordClear = ord;
        syncHead(prev);
        storeRecord(prev.id, tFlags);
        imported(prev.id);
        continue;
      }
      const n = prev ? null : next();
      if (prev || (n && n.ordRaise === null) || rec.softClear) {
        notImported(prev?.id ?? n?.id ?? null, !!rec.softClear);
        continue;
      }
      const id = newInstance('cleared', tFlags | FLAG.orphanClear);
      storeRecord(id, tFlags | FLAG.orphanClear);
      if (inOrder) flows.set(key, { id, ordFirst: ord, ordRaise: null, ordClear: ord });
      res.orphanClears++;
      imported(id);
    }

    flush();
    // FTS5 flushes its pending terms whenever a rowid is lower than the one before: write in tkey order.
    const texts = [...pending.values()].sort((a, b) => a.timeMs - b.timeMs || a.slot - b.slot);
    for (const t of texts) this.s.ftsAdd.run(t.timeMs, t.slot, t.body);

    for (const d of devices.values()) {
      this.s.deviceSave.run(d.first, d.last, d.count, d.localSeq, d.records, d.duplicates, d.id);
      res.devices.push(d.id);
    }
    res.changedIds = changed.size > MAX_CHANGED_IDS ? null : [...changed];
    opts.onProgress?.(records.length, records.length);
    return res;
  }
}
