import { createHash } from 'node:crypto';
import { DUPLICATE_FLAG, TKEY_SLOTS } from './ingest-keys';
import { severityRank } from './severity';
import { FLAG, parseAlarmTime, timeFlags, type AlarmTime } from './time';
import type { AlarmRecordInput } from './types';
import { checkRecord } from './validate';
import { SOFT_CLEAR_FLAG, MAX_CHANGED_IDS, FLUSH_EVERY, PROGRESS_EVERY, LOCAL_SLOTS, ORD_MAX, TIME_FLAGS, ordOf, ordOrNull, head, neighbour, marker, activeAt, bodyOf, isTkeyClash, type IngestResult, type ApplyOptions, type Ord, type RecordRow, type IngestStatements, type PendingText, type PendingInstance, type FlowHead, type Neighbour, type Marker, type DeviceState } from './ingest-rows';

/**
 * One AlarmIngest.apply: the model's state for one transaction. The record being applied lives in
 * fields rather than closures, so the per-record path allocates little (a million records = a
 * million iterations of {@link applyOne}).
 *
 * A flow is folded in position order whatever the arrival order. A record positioned after
 * everything stored for its device (op_id) or its flow (no op_id) — the usual case — extends the flow
 * from the in-memory head, with no query. A late one is placed between the instances before and
 * after it, and what it changes after it is moved: the first re-reported raise after a late clear
 * becomes a new alarm (closed by the old clear, if any), a late clear before an instance's clear takes
 * its place, a late raise takes over the raise or orphan clear that follows it (same instance id, so
 * acknowledgements stay). Records that change nothing are kept as markers (flags & 8, with a row in
 * alarm_positions) for exactly that; the device's duplicate count follows them.
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
  private ord: Ord = 0;
  /** The record's flow; null for an event. */
  private se: string | null = null;
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
    const se = rec.kind === 'alarm' ? (rec.seId ?? rec.type) : null;
    this.se = se;
    // A record positioned after everything stored before it (by its device, or in its flow) cannot land inside a flow.
    let inOrder = true;
    if (fromDevice) {
      this.ord = opId;
      inOrder = dev.last === null || opId > dev.last;
    } else if (se === null) this.ord = ordOf(BigInt(time.ms) * LOCAL_SLOTS);
    else {
      const top = this.flowTopOf(se);
      this.ord = this.localOrd(time.ms, top, se);
      inOrder = top === null || this.ord > top;
    }
    this.tFlags = timeFlags(time.ms, this.now);
    if (se === null) {
      const id = this.newInstance('event', this.tFlags);
      this.storeRecord(id, this.tFlags);
      this.imported(id);
      return;
    }
    if (!inOrder) {
      this.late(se);
      return;
    }
    // In order (the usual case) needs no query: the latest instance is the one before.
    let last = dev.flows.get(se);
    if (last === undefined) {
      last = dev.created ? null : head(this.s.flowLast.get(dev.id, se));
      dev.flows.set(se, last);
    }
    if (rec.action === 'raise') this.raise(se, last);
    else this.clear(se, last);
  }

  /** The highest position stored in a flow (read once per run; records without op_id only). */
  private flowTopOf(se: string): Ord | null {
    const { dev } = this;
    let top = dev.flowTops.get(se);
    if (top === undefined) {
      top = dev.created ? null : ordOrNull(this.s.flowTop.get(dev.id, se)!.m);
      dev.flowTops.set(se, top);
    }
    return top;
  }

  /** The position of a record without op_id: its millisecond, after the flow's records already in it. */
  private localOrd(ms: number, top: Ord | null, se: string): Ord {
    const base = BigInt(ms) * LOCAL_SLOTS;
    if (top === null || base > top) return ordOf(base);
    let last: Ord | null;
    if (top < base + LOCAL_SLOTS) last = top;
    else {
      // An earlier millisecond than the flow's latest: ask the database, which must hold everything so far.
      this.flush();
      last = ordOrNull(this.s.flowTopIn.get(this.dev.id, se, base, base + LOCAL_SLOTS - 1n)!.m);
    }
    if (last === null) return ordOf(base);
    const next = BigInt(last) + 1n;
    if (next >= base + LOCAL_SLOTS) throw new Error(`more than ${LOCAL_SLOTS} records without op_id in one flow in one millisecond`);
    return ordOf(next);
  }

  /** The raise or clear record of an instance at a flow position. */
  private recordAt(alarmId: number, ord: Ord | null, se: string): RecordRow | undefined {
    if (ord === null) return undefined;
    const d = this.dev.id;
    return this.s.recordOf.get(d, ord, alarmId, d, se, ord, alarmId);
  }

  /** A raise after everything in its flow. */
  private raise(se: string, last: FlowHead | null): void {
    const { ord, tFlags } = this;
    if (last && last.ordRaise !== null && last.ordClear === null) {
      this.notImported(last.id, false);
      return;
    }
    const id = this.newInstance('active', tFlags);
    this.storeRecord(id, tFlags);
    this.dev.flows.set(se, { id, ordFirst: ord, ordRaise: ord, ordClear: null });
    this.imported(id);
  }

  /** A clear after everything in its flow. */
  private clear(se: string, last: FlowHead | null): void {
    const { ord, tFlags, rec, time } = this;
    if (last && last.ordRaise !== null && last.ordClear === null) {
      const unwritten = this.newInstances.get(last.id);
      if (unwritten) {
        unwritten.state = 'cleared';
        unwritten.ordClear = ord;
        unwritten.clearedAt = time.iso;
        unwritten.clearedMs = time.ms;
        unwritten.flags |= tFlags;
      } else this.s.instanceClear.run(ord, time.iso, time.ms, tFlags, last.id);
      last.ordClear = ord;
      this.storeRecord(last.id, tFlags);
      this.imported(last.id);
      return;
    }
    if (last || rec.softClear) {
      this.notImported(last?.id ?? null, !!rec.softClear);
      return;
    }
    const id = this.newInstance('cleared', tFlags | FLAG.orphanClear);
    this.storeRecord(id, tFlags | FLAG.orphanClear);
    this.dev.flows.set(se, { id, ordFirst: ord, ordRaise: null, ordClear: ord });
    this.res.orphanClears++;
    this.imported(id);
  }

  /**
   * A record positioned before something already stored for its device. The instances around it and
   * the markers after it are looked up in the database, so it must hold everything so far.
   */
  private late(se: string): void {
    this.flush();
    const { dev, ord } = this;
    const prev = neighbour(this.s.flowPrev.get(dev.id, se, ord));
    const next = neighbour(this.s.flowNext.get(dev.id, se, ord));
    if (this.rec.action === 'raise') this.lateRaise(se, prev, next);
    else this.lateClear(se, prev, next);
    this.flush();
    dev.flows.set(se, head(this.s.flowLast.get(dev.id, se)));
  }

  private lateRaise(se: string, prev: Neighbour | null, next: Neighbour | null): void {
    const { ord, tFlags } = this;
    if (prev && activeAt(prev, ord)) {
      this.notImported(prev.id, false);
      return;
    }
    // This raise opens an alarm; the first clear after it closes it: one kept as a marker (it closed
    // nothing when it came), else the orphan clear that starts the next instance.
    const m = this.firstMarker(se, 'clear', next ? next.ordFirst : ORD_MAX);
    if (next && next.ordRaise === null) {
      // The orphan's raise arrived late: complete the orphan (a marked clear before its clear closes it instead).
      const old = this.s.instanceText.get(next.id)!;
      const clearTF = m ? m.flags & TIME_FLAGS : next.flags & TIME_FLAGS;
      this.setRaise(next.id, old, tFlags | clearTF);
      if (m) this.replaceClear(se, next, m);
      this.storeRecord(next.id, tFlags);
      this.imported(next.id);
      return;
    }
    if (m) {
      const id = this.newInstance('cleared', tFlags | (m.flags & TIME_FLAGS));
      const n = this.newInstances.get(id)!;
      n.ordClear = m.ord;
      n.clearedAt = m.time;
      n.clearedMs = m.timeMs;
      this.storeRecord(id, tFlags);
      this.flush();
      this.promote(m, id);
      this.imported(id);
      return;
    }
    if (next) {
      // The next instance's raise came after this one with nothing cleared between: it re-reported
      // this one. The instance takes this raise (its id, acks and clear stay) and its old raise is a marker.
      const old = this.s.instanceText.get(next.id)!;
      const oldRaise = this.recordAt(next.id, next.ordRaise, se);
      const clear = this.recordAt(next.id, next.ordClear, se);
      if (oldRaise) this.demote(oldRaise, se, next.ordRaise!, old.type, old.severity);
      this.setRaise(next.id, old, tFlags | (clear ? clear.flags & TIME_FLAGS : 0));
      this.storeRecord(next.id, tFlags);
      this.imported(next.id);
      return;
    }
    const id = this.newInstance('active', tFlags);
    this.storeRecord(id, tFlags);
    this.imported(id);
  }

  private lateClear(se: string, prev: Neighbour | null, next: Neighbour | null): void {
    const { tFlags, rec } = this;
    const soft = !!rec.softClear;
    if (prev && activeAt(prev, this.ord)) {
      this.closeEarlier(se, prev, next);
      return;
    }
    if (prev || soft) {
      this.notImported(prev?.id ?? next?.id ?? null, soft);
      return;
    }
    if (next && next.ordRaise === null) {
      // An earlier clear of the same orphan: this one is the orphan's clear, the later one its re-report.
      const old = this.s.instanceText.get(next.id)!;
      const oldClear = this.recordAt(next.id, next.ordClear, se);
      if (oldClear) this.demote(oldClear, se, next.ordClear!, null, null);
      this.setOrphan(next.id, old, tFlags | FLAG.orphanClear);
      this.storeRecord(next.id, tFlags | FLAG.orphanClear);
      this.imported(next.id);
      return;
    }
    const id = this.newInstance('cleared', tFlags | FLAG.orphanClear);
    this.storeRecord(id, tFlags | FLAG.orphanClear);
    this.res.orphanClears++;
    this.imported(id);
  }

  /**
   * A clear inside an alarm's raised span: the first clear after the raise closes it. What followed
   * up to the old clear no longer belongs to it: a raise re-reported there is a new alarm, which the
   * old clear (if any) now closes; without one, the old clear is the re-report.
   */
  private closeEarlier(se: string, inst: Neighbour, next: Neighbour | null): void {
    const { ord, time, tFlags } = this;
    const oldOrd = inst.ordClear;
    const oldClear = this.recordAt(inst.id, oldOrd, se);
    const raise = oldOrd === null ? undefined : this.recordAt(inst.id, inst.ordRaise, se);
    const raiseTF = (raise ? raise.flags : inst.flags) & TIME_FLAGS;
    this.s.instanceSetClear.run(ord, time.iso, time.ms, raiseTF | tFlags, inst.id);
    this.storeRecord(inst.id, tFlags);
    this.imported(inst.id);
    const m = this.firstMarker(se, 'raise', oldOrd ?? (next ? next.ordFirst : ORD_MAX));
    if (m) {
      const old = this.s.instanceText.get(inst.id)!;
      const id = this.instanceFromMarker(m, se, old, oldClear && oldOrd !== null ? { rec: oldClear, ord: oldOrd } : null);
      this.flush();
      this.promote(m, id);
      if (oldClear) this.s.recordMove.run(id, oldClear.id);
      this.touch(id);
    } else if (oldClear) this.demote(oldClear, se, oldOrd!, null, null);
  }

  /** An instance whose clear moves to an earlier marker; its old clear becomes the marker. */
  private replaceClear(se: string, inst: Neighbour, m: Marker): void {
    const oldClear = this.recordAt(inst.id, inst.ordClear, se);
    if (oldClear) this.demote(oldClear, se, inst.ordClear!, null, null);
    this.s.instanceSetClear.run(m.ord, m.time, m.timeMs, this.tFlags | (m.flags & TIME_FLAGS), inst.id);
    this.promote(m, inst.id);
  }

  /** The flow's first marker of an action between the current record and `bound` (both excluded). */
  private firstMarker(se: string, action: 'raise' | 'clear', bound: Ord): Marker | null {
    return marker(this.s.markerFirst.get(this.dev.id, se, this.ord, bound, action));
  }

  /** A marker turns out to be an instance's raise or clear: no longer a re-report. */
  private promote(m: Marker, alarmId: number): void {
    this.s.recordPromote.run(alarmId, m.id);
    // A device record's position is its op_id: it needs a position row only as a marker.
    if (m.origin === 0) this.s.positionDel.run(m.id);
    if (!(m.flags & SOFT_CLEAR_FLAG)) this.dev.duplicates--;
  }

  /** An instance's raise or clear turns out to be a re-report: kept as a marker at its position. */
  private demote(r: RecordRow, se: string, ord: Ord, type: string | null, severity: number | null): void {
    this.s.recordDemote.run(r.id);
    this.s.positionAdd.run(r.id, this.dev.id, se, ord, type, severity);
    if (!(r.flags & SOFT_CLEAR_FLAG)) this.dev.duplicates++;
  }

  /** A new alarm from a re-reported raise (marker), closed by `clear` if given. */
  private instanceFromMarker(m: Marker, se: string, like: { type: string; severity: number }, clear: { rec: RecordRow; ord: Ord } | null): number {
    const id = this.nextId++;
    const type = m.type ?? like.type;
    const instance: PendingInstance = {
      id,
      deviceId: this.dev.id,
      seId: se,
      kind: 'alarm',
      type,
      severity: m.severity ?? like.severity,
      state: clear ? 'cleared' : 'active',
      ordFirst: m.ord,
      ordRaise: m.ord,
      ordClear: clear ? clear.ord : null,
      timeMs: m.timeMs,
      raisedAt: m.time,
      raisedMs: m.timeMs,
      clearedAt: clear ? clear.rec.time : null,
      clearedMs: clear ? clear.rec.time_ms : null,
      flags: (m.flags & TIME_FLAGS) | (clear ? clear.rec.flags & TIME_FLAGS : 0),
      message: m.message,
      source: m.source,
      slot: -1,
      body: bodyOf(type, m.message),
    };
    this.newInstances.set(id, instance);
    this.pending.set(id, instance);
    return id;
  }

  /** Makes the current record an instance's raise (which is also its time and text). */
  private setRaise(id: number, old: { type: string; message: string }, flags: number): void {
    this.rewrite(this.s.instanceSetRaise, id, old, flags);
  }

  /** Gives an orphan instance the current record as its clear (which is also its time and text). */
  private setOrphan(id: number, old: { type: string; message: string }, flags: number): void {
    this.rewrite(this.s.instanceSetOrphan, id, old, flags);
  }

  /** Rewrites instance `id` from the current record with `stmt`, moving its FTS text from `old`. */
  private rewrite(stmt: IngestStatements['instanceSetRaise'], id: number, old: { type: string; message: string }, flags: number): void {
    const { ord, time, rec } = this;
    if (!this.pending.has(id)) this.s.ftsDel.run(bodyOf(old.type, old.message), id);
    const severity = severityRank(rec.severity);
    const slot = this.withSlot(id, (k) => stmt.run(ord, ord, time.ms, time.ms, k, time.iso, time.ms, rec.type, severity, rec.message, rec.source ?? null, flags, id));
    this.pending.set(id, { timeMs: time.ms, slot, body: bodyOf(rec.type, rec.message) });
  }

  private deviceOf(name: string): DeviceState {
    const known = this.devices.get(name);
    if (known) return known;
    const row = this.s.deviceGet.get(name);
    const d: DeviceState = row
      ? { id: row.id, first: row.first_op_id, last: row.last_op_id, count: row.op_count, localSeq: row.local_seq, flowTops: new Map(), records: row.records, duplicates: row.duplicates, ops: new Set(), flows: new Map(), created: false }
      : { id: Number(this.s.deviceAdd.run(name).lastInsertRowid), first: null, last: null, count: 0, localSeq: 0, flowTops: new Map(), records: 0, duplicates: 0, ops: new Set(), flows: new Map(), created: true };
    this.devices.set(name, d);
    return d;
  }

  /**
   * Buffers the current record. A marker, and a flow record without op_id, also gets a position row
   * (see migration 009); a re-reported raise keeps its type and severity there, for when it turns out
   * to be an alarm of its own.
   */
  private storeRecord(alarmId: number | null, flags: number, marker = false): void {
    const { dev, rec, time, opId, se } = this;
    const f = rec.softClear && rec.action === 'clear' ? flags | SOFT_CLEAR_FLAG : flags;
    const row: unknown[] = [dev.id, this.fromDevice ? 0 : 1, opId, alarmId, rec.action, time.iso, time.ms, f, rec.message, rec.source ?? null, this.fingerprint];
    if (se !== null && (marker || !this.fromDevice)) {
      const raiseFields = marker && rec.action === 'raise';
      row.push(this.ord, se, raiseFields ? rec.type : null, raiseFields ? severityRank(rec.severity) : null);
    }
    this.newRecords.push(row);
    dev.records++;
    if (this.fromDevice) {
      dev.ops.add(opId);
      if (dev.first === null || opId < dev.first) dev.first = opId;
      if (dev.last === null || opId > dev.last) dev.last = opId;
      dev.count++;
    } else {
      this.fingerprints.add(`${dev.id}\0${this.fingerprint}`);
      const top = se === null ? undefined : dev.flowTops.get(se);
      if (top !== undefined && (top === null || this.ord > top)) dev.flowTops.set(se!, this.ord);
    }
  }

  /**
   * A record that changes nothing (a re-report, or a soft clear with nothing to close) is kept as a
   * marker: its op_id shows no false gap, and a record arriving later before it can make it count.
   */
  private notImported(alarmId: number | null, soft: boolean): void {
    if (soft) this.res.skipped++;
    else {
      this.res.duplicates++;
      this.dev.duplicates++;
    }
    this.storeRecord(alarmId, DUPLICATE_FLAG | this.tFlags, true);
  }

  private imported(id: number): void {
    this.touch(id);
    this.res.imported++;
    if (this.tFlags) this.res.timeFlagged++;
  }

  private touch(id: number): void {
    if (this.changed.size <= MAX_CHANGED_IDS) this.changed.add(id);
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
    const { recordAdd, positionAdd } = this.s;
    for (const r of this.newRecords) {
      if (r.length === 11) recordAdd.run(r);
      else positionAdd.run(recordAdd.run(r.slice(0, 11)).lastInsertRowid, r[0], r[12], r[11], r[13], r[14]);
    }
    this.newInstances.clear();
    this.newRecords.length = 0;
  }

  /** Inserts an instance at its id's slot of the millisecond, or the next free one on a clash (rare). */
  // The loop of withSlot, inline: this runs once per new instance (no closure each time).
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

  /** Runs a write that sets an instance's tkey at its id's slot, or the next free one on a clash; returns the slot. */
  private withSlot(id: number, write: (slot: number) => unknown): number {
    for (let k = 0; k < TKEY_SLOTS; k++) {
      const slot = (id + k) % TKEY_SLOTS;
      try {
        write(slot);
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
