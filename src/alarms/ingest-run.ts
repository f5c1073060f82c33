import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CJK_CLASS, makeCjkSpacer } from '../logs/store/fts-text';
import { DUPLICATE_FLAG, TKEY_SLOTS } from './ingest-keys';
import { severityRank } from './severity';
import { FLAG, parseAlarmTime, timeFlags, type AlarmTime } from './time';
import type { AlarmRecordInput } from './types';
import { checkRecord } from './validate';

/** What one apply did (see AlarmIngest.apply). */
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
/** Records buffered before their instances and themselves are written. */
const FLUSH_EVERY = 20_000;
const PROGRESS_EVERY = 5000;

type Stmt<R = unknown> = Database.Statement<unknown[], R>;

/** A flow head as the flow queries return it. */
export interface FlowRow {
  id: number;
  ord_first: number;
  ord_raise: number | null;
  ord_clear: number | null;
}

/** The prepared statements a run uses (built once per AlarmIngest). */
export interface IngestStatements {
  deviceGet: Stmt<{ id: number; first_op_id: number | null; last_op_id: number | null; op_count: number; local_seq: number; records: number; duplicates: number }>;
  deviceAdd: Stmt;
  deviceSave: Stmt;
  opExists: Stmt<{ one: number }>;
  fpExists: Stmt<{ one: number }>;
  flowLast: Stmt<FlowRow>;
  flowPrev: Stmt<FlowRow>;
  flowNext: Stmt<FlowRow>;
  maxId: Stmt<{ n: number }>;
  instanceAdd: Stmt;
  instanceClear: Stmt;
  instanceAttachRaise: Stmt;
  instanceText: Stmt<{ type: string; message: string }>;
  ftsAdd: Stmt;
  ftsDel: Stmt;
  recordAdd: Stmt;
}

/** An instance whose FTS row is written at the end of the transaction; slot is set once the row is. */
interface PendingText {
  timeMs: number;
  slot: number;
  body: string;
}

/** A new instance not yet written: a clear arriving before the flush changes it in memory. */
interface PendingInstance extends PendingText {
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
  raisedAt: string | null;
  raisedMs: number | null;
  clearedAt: string | null;
  clearedMs: number | null;
  flags: number;
  message: string;
  source: string | null;
}

/** The latest instance of a flow, by flow position. */
interface FlowHead {
  id: number;
  ordFirst: number;
  ordRaise: number | null;
  ordClear: number | null;
}

interface DeviceState {
  id: number;
  first: number | null;
  last: number | null;
  count: number;
  localSeq: number;
  records: number;
  duplicates: number;
  /** Device op_ids stored by this run (written or still buffered): re-reports within one run. */
  ops: Set<number>;
  /** Latest instance per flow (se_id) as this run knows it; null: the flow has none. */
  flows: Map<string, FlowHead | null>;
  /** Created by this run: every instance it has is in {@link flows}, so a flow not there has none. */
  created: boolean;
}

const head = (r: FlowRow | undefined): FlowHead | null =>
  r ? { id: r.id, ordFirst: r.ord_first, ordRaise: r.ord_raise, ordClear: r.ord_clear } : null;

// What indexText([type, message]) gives (type is never empty: validated), without its two arrays per instance.
const spaceCjk = makeCjkSpacer(CJK_CLASS);
const bodyOf = (type: string, message: string) => spaceCjk(message ? `${type} ${message}` : type);

const isTkeyClash = (err: unknown) => err instanceof Error && /UNIQUE constraint failed: alarms\.tkey/.test(err.message);

/**
 * One AlarmIngest.apply: the model's state for one transaction. The record being applied lives in
 * fields rather than closures, so the per-record path allocates little (a million records = a
 * million iterations of {@link applyOne}).
 */
export class IngestRun {
  readonly res: IngestResult = { imported: 0, duplicates: 0, skipped: 0, orphanClears: 0, timeFlagged: 0, rejected: [], devices: [], changedIds: [] };
  private readonly devices = new Map<string, DeviceState>();
  private readonly changed = new Set<number>();
  private readonly pending = new Map<number, PendingText>();
  // New instances and flow records are buffered and written in batches: most raises are cleared a few
  // records later, so the instance is written once in its final state (no UPDATE, no open-index churn).
  // Records go after their instances (foreign key).
  private readonly newInstances = new Map<number, PendingInstance>();
  private readonly newRecords: unknown[][] = [];
  private readonly fingerprints = new Set<string>();
  private nextId: number;

  // The record being applied.
  private rec!: AlarmRecordInput;
  private time!: AlarmTime;
  private dev!: DeviceState;
  private fromDevice = false;
  private opId = 0;
  private ord = 0;
  private tFlags = 0;
  private fingerprint: string | null = null;

  constructor(
    private readonly s: IngestStatements,
    private readonly now: number,
  ) {
    this.nextId = s.maxId.get()!.n + 1;
  }

  run(records: readonly AlarmRecordInput[], opts: ApplyOptions): IngestResult {
    const { res } = this;
    for (let i = 0; i < records.length; i++) {
      if (opts.onProgress && i > 0 && i % PROGRESS_EVERY === 0) opts.onProgress(i, records.length);
      if (this.newRecords.length >= FLUSH_EVERY) this.flush();
      const input = records[i]!;
      if (!opts.validated) {
        const checked = checkRecord(input as unknown as Record<string, unknown>);
        if (typeof checked === 'string') {
          res.rejected.push({ index: i, reason: checked });
          continue;
        }
        if (input.softClear) checked.record.softClear = true;
        this.applyOne(checked.record, checked.time);
        continue;
      }
      const time = parseAlarmTime(input.time);
      if (typeof time === 'string') {
        res.rejected.push({ index: i, reason: time });
        continue;
      }
      this.applyOne(input, time);
    }
    this.flush();
    this.writeTexts();
    for (const d of this.devices.values()) {
      this.s.deviceSave.run(d.first, d.last, d.count, d.localSeq, d.records, d.duplicates, d.id);
      res.devices.push(d.id);
    }
    res.changedIds = this.changed.size > MAX_CHANGED_IDS ? null : [...this.changed];
    opts.onProgress?.(records.length, records.length);
    return res;
  }

  private applyOne(rec: AlarmRecordInput, time: AlarmTime): void {
    const dev = this.deviceOf(rec.device);
    const fromDevice = rec.opId !== undefined;
    let fingerprint: string | null = null;
    if (fromDevice) {
      const op = rec.opId!;
      // Devices number upwards: only an op_id at or below the highest seen can be a re-report.
      if (dev.last !== null && op <= dev.last && (dev.ops.has(op) || this.s.opExists.get(dev.id, op))) {
        dev.duplicates++;
        this.res.duplicates++;
        return;
      }
    } else {
      fingerprint = createHash('sha1')
        .update(`${rec.kind}\0${rec.action}\0${rec.type}\0${rec.seId ?? ''}\0${time.ms}\0${rec.message}\0${rec.source ?? ''}`)
        .digest('base64');
      if (this.fingerprints.has(`${dev.id}\0${fingerprint}`) || this.s.fpExists.get(dev.id, fingerprint)) {
        dev.duplicates++;
        this.res.duplicates++;
        return;
      }
    }
    const opId = fromDevice ? rec.opId! : ++dev.localSeq;
    this.rec = rec;
    this.time = time;
    this.dev = dev;
    this.fromDevice = fromDevice;
    this.fingerprint = fingerprint;
    this.opId = opId;
    // Local records are ordered by time; the sequence breaks ties within one millisecond.
    this.ord = fromDevice ? opId : time.ms * 1000 + (opId % 1000);
    this.tFlags = timeFlags(time.ms, this.now);
    if (rec.kind === 'event') {
      const id = this.newInstance('event', this.tFlags);
      this.storeRecord(id, this.tFlags);
      this.imported(id);
      return;
    }
    const se = rec.seId ?? rec.type;
    let last = dev.flows.get(se);
    if (last === undefined) {
      last = dev.created ? null : head(this.s.flowLast.get(dev.id, se));
      dev.flows.set(se, last);
    }
    // In-order arrival (the usual case) needs no query: the latest instance is the one before.
    const inOrder = last === null || this.ord > last.ordFirst;
    // Out of order: the neighbours are looked up in the database, so it must hold everything so far.
    if (!inOrder) this.flush();
    const prev = inOrder ? last : head(this.s.flowPrev.get(dev.id, se, this.ord));
    if (rec.action === 'raise') this.raise(se, inOrder, prev);
    else this.clear(se, inOrder, prev);
  }

  private raise(se: string, inOrder: boolean, prev: FlowHead | null): void {
    const { ord, tFlags, rec, time } = this;
    if (prev && prev.ordRaise !== null && (prev.ordClear === null || prev.ordClear > ord)) {
      this.notImported(prev.id, false);
      return;
    }
    const n = this.next(se, inOrder);
    if (n && n.ordRaise === null) {
      // The raise of an orphan clear arrived late: complete the instance.
      if (!this.pending.has(n.id)) {
        const old = this.s.instanceText.get(n.id)!;
        this.s.ftsDel.run(bodyOf(old.type, old.message), n.id);
      }
      const slot = this.attachRaise(n.id);
      this.pending.set(n.id, { timeMs: time.ms, slot, body: bodyOf(rec.type, rec.message) });
      this.storeRecord(n.id, tFlags);
      n.ordFirst = ord;
      n.ordRaise = ord;
      this.syncHead(se, n);
      this.imported(n.id);
      return;
    }
    const id = this.newInstance('active', tFlags);
    this.storeRecord(id, tFlags);
    if (inOrder) this.dev.flows.set(se, { id, ordFirst: ord, ordRaise: ord, ordClear: null });
    this.imported(id);
  }

  private clear(se: string, inOrder: boolean, prev: FlowHead | null): void {
    const { ord, tFlags, rec, time } = this;
    if (prev && prev.ordRaise !== null && prev.ordClear === null) {
      const unwritten = this.newInstances.get(prev.id);
      if (unwritten) {
        unwritten.state = 'cleared';
        unwritten.ordClear = ord;
        unwritten.clearedAt = time.iso;
        unwritten.clearedMs = time.ms;
        unwritten.flags |= tFlags;
      } else this.s.instanceClear.run(ord, time.iso, time.ms, tFlags, prev.id);
      prev.ordClear = ord;
      this.syncHead(se, prev);
      this.storeRecord(prev.id, tFlags);
      this.imported(prev.id);
      return;
    }
    const n = prev ? null : this.next(se, inOrder);
    if (prev || (n && n.ordRaise === null) || rec.softClear) {
      this.notImported(prev?.id ?? n?.id ?? null, !!rec.softClear);
      return;
    }
    const id = this.newInstance('cleared', tFlags | FLAG.orphanClear);
    this.storeRecord(id, tFlags | FLAG.orphanClear);
    if (inOrder) this.dev.flows.set(se, { id, ordFirst: ord, ordRaise: null, ordClear: ord });
    this.res.orphanClears++;
    this.imported(id);
  }

  /** The flow's first instance after the current record (only out of order: in order there is none). */
  private next(se: string, inOrder: boolean): FlowHead | null {
    return inOrder ? null : head(this.s.flowNext.get(this.dev.id, se, this.ord));
  }

  /** Instances read from the database are copies: keep the cached head in step. */
  private syncHead(se: string, h: FlowHead): void {
    const cached = this.dev.flows.get(se);
    if (cached && cached !== h && cached.id === h.id) this.dev.flows.set(se, { ...h });
  }

  private deviceOf(name: string): DeviceState {
    const known = this.devices.get(name);
    if (known) return known;
    const row = this.s.deviceGet.get(name);
    const d: DeviceState = row
      ? { id: row.id, first: row.first_op_id, last: row.last_op_id, count: row.op_count, localSeq: row.local_seq, records: row.records, duplicates: row.duplicates, ops: new Set(), flows: new Map(), created: false }
      : { id: Number(this.s.deviceAdd.run(name).lastInsertRowid), first: null, last: null, count: 0, localSeq: 0, records: 0, duplicates: 0, ops: new Set(), flows: new Map(), created: true };
    this.devices.set(name, d);
    return d;
  }

  private storeRecord(alarmId: number | null, flags: number): void {
    const { dev, rec, time, opId } = this;
    this.newRecords.push([dev.id, this.fromDevice ? 0 : 1, opId, alarmId, rec.action, time.iso, time.ms, flags, rec.message, rec.source ?? null, this.fingerprint]);
    dev.records++;
    if (this.fromDevice) {
      dev.ops.add(opId);
      if (dev.first === null || opId < dev.first) dev.first = opId;
      if (dev.last === null || opId > dev.last) dev.last = opId;
      dev.count++;
    } else this.fingerprints.add(`${dev.id}\0${this.fingerprint}`);
  }

  /** A record that changes nothing still used the device's op_id: keep a marker so sync state has no false gap. */
  private notImported(alarmId: number | null, soft: boolean): void {
    if (soft) this.res.skipped++;
    else {
      this.res.duplicates++;
      this.dev.duplicates++;
    }
    if (this.fromDevice) this.storeRecord(alarmId, DUPLICATE_FLAG);
    else this.dev.localSeq--;
  }

  private imported(id: number): void {
    if (this.changed.size <= MAX_CHANGED_IDS) this.changed.add(id);
    this.res.imported++;
    if (this.tFlags) this.res.timeFlagged++;
  }

  private newInstance(state: 'active' | 'cleared' | 'event', flags: number): number {
    const { rec, time, ord } = this;
    const raised = rec.action !== 'clear';
    const id = this.nextId++;
    const instance: PendingInstance = {
      id,
      deviceId: this.dev.id,
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
      slot: -1,
      body: bodyOf(rec.type, rec.message),
    };
    this.newInstances.set(id, instance);
    this.pending.set(id, instance);
    return id;
  }

  /** Writes buffered instances, then the records that point at them. */
  private flush(): void {
    for (const n of this.newInstances.values()) n.slot = this.insertInstance(n);
    const add = this.s.recordAdd;
    for (const r of this.newRecords) add.run(r);
    this.newInstances.clear();
    this.newRecords.length = 0;
  }

  /** Inserts an instance at its id's slot of the millisecond, or the next free one on a clash (rare). */
  private insertInstance(n: PendingInstance): number {
    for (let k = 0; k < TKEY_SLOTS; k++) {
      const slot = (n.id + k) % TKEY_SLOTS;
      try {
        this.s.instanceAdd.run(
          n.id, n.deviceId, n.seId, n.kind, n.type, n.severity, n.state, n.ordFirst, n.ordRaise, n.ordClear, n.timeMs, n.timeMs, slot,
          n.raisedAt, n.raisedMs, n.clearedAt, n.clearedMs, n.flags, n.message, n.source,
        );
        return slot;
      } catch (err) {
        if (!isTkeyClash(err)) throw err;
      }
    }
    throw new Error(`more than ${TKEY_SLOTS} alarm instances in one millisecond`);
  }

  /** Gives an orphan clear's instance the current raise (new time, so a new slot). */
  private attachRaise(id: number): number {
    const { ord, time, rec, tFlags } = this;
    for (let k = 0; k < TKEY_SLOTS; k++) {
      const slot = (id + k) % TKEY_SLOTS;
      try {
        this.s.instanceAttachRaise.run(ord, ord, time.ms, time.ms, slot, time.iso, time.ms, rec.type, severityRank(rec.severity), rec.message, rec.source ?? null, tFlags, id);
        return slot;
      } catch (err) {
        if (!isTkeyClash(err)) throw err;
      }
    }
    throw new Error(`more than ${TKEY_SLOTS} alarm instances in one millisecond`);
  }

  /** FTS5 flushes its pending terms whenever a rowid is lower than the one before: write in tkey order. */
  private writeTexts(): void {
    const texts = [...this.pending.values()].sort((a, b) => a.timeMs - b.timeMs || a.slot - b.slot);
    const add = this.s.ftsAdd;
    for (const t of texts) add.run(t.timeMs, t.slot, t.body);
  }
}
