import type Database from 'better-sqlite3';
import type {
  AlarmAckResult,
  AlarmDetail,
  AlarmDeviceCount,
  AlarmFilter,
  AlarmFlowRecord,
  AlarmGap,
  AlarmHourCount,
  AlarmItem,
  AlarmListOptions,
  AlarmOperation,
  AlarmPage,
  AlarmSyncState,
  AlarmTimelineStep,
} from '../contract/alarms';
import { FieldKitError } from '../contract/errors';
import type { Clock } from '../platform/ports';
import { buildWhere, orderBy } from './query';
import { severityName } from './severity';
import { flagNames, parseAlarmTime } from './time';

/** A row of `alarms a JOIN alarm_devices d` as the list reads it. */
export interface AlarmRow {
  id: number;
  device: string;
  kind: 'alarm' | 'event';
  type: string;
  severity: number;
  state: AlarmItem['state'];
  raised_at: string | null;
  raised_ms: number | null;
  cleared_at: string | null;
  cleared_ms: number | null;
  acked_at: string | null;
  acked_by: string | null;
  se_id: string | null;
  message: string;
  source: string | null;
  flags: number;
}

const COLUMNS = `a.id, d.name AS device, a.kind, a.type, a.severity, a.state, a.raised_at, a.raised_ms, a.cleared_at, a.cleared_ms,
  a.acked_at, a.acked_by, a.se_id, a.message, a.source, a.flags`;

/** Gaps listed per device at most; a device with more is badly out of sync anyway. */
const MAX_GAPS = 1000;
/** Hours a histogram returns at most (a year is 8760). */
const MAX_HOURS = 9000;

/** A stored row in the contract's shape. */
export function toItem(r: AlarmRow): AlarmItem {
  return {
    id: r.id,
    device: r.device,
    kind: r.kind,
    type: r.type,
    severity: severityName(r.severity),
    state: r.state,
    raisedAt: r.raised_at,
    clearedAt: r.cleared_at,
    ackedAt: r.acked_at,
    seId: r.se_id,
    message: r.message,
    source: r.source,
    flags: flagNames(r.flags),
  };
}

/** Reads and operator actions over the alarm tables (writes of records go through AlarmIngest). */
export class AlarmStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {}

  list(filter: AlarmFilter | undefined, opts: AlarmListOptions = {}): AlarmPage {
    const where = buildWhere(this.db, filter);
    if (where.empty) return { total: 0, items: [] };
    const sort = opts.sort ?? 'time';
    const order = opts.order ?? 'desc';
    const join = 'FROM alarms a JOIN alarm_devices d ON d.id = a.device_id';
    // Text search: the FTS rowid is the time key, so a time-sorted page walks the index in order and
    // stops after one page; every other filter is checked on the way (no sort of all matches).
    const ftsJoin = 'FROM alarms_fts f JOIN alarms a ON a.tkey = f.rowid';
    const fts = where.match !== null ? { sql: `f.alarms_fts MATCH ? AND ${where.rest.sql}`, params: [where.match, ...where.rest.params] } : null;
    const rows =
      fts && sort === 'time'
        ? this.db
            .prepare<unknown[], AlarmRow>(
              `SELECT ${COLUMNS} ${ftsJoin} JOIN alarm_devices d ON d.id = a.device_id WHERE ${fts.sql} ORDER BY f.rowid ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`,
            )
            .all(...fts.params, opts.limit ?? 100, opts.offset ?? 0)
        : this.db
            .prepare<unknown[], AlarmRow>(`SELECT ${COLUMNS} ${join} WHERE ${where.sql} ORDER BY ${orderBy(sort, order)} LIMIT ? OFFSET ?`)
            .all(...where.params, opts.limit ?? 100, opts.offset ?? 0);
    return { total: opts.countTotal === false ? -1 : this.count(where), items: rows.map(toItem) };
  }

  /** Rows matching a filter. Text alone is counted on the FTS index (one FTS row per instance). */
  private count(where: ReturnType<typeof buildWhere>): number {
    const n = (sql: string, params: unknown[]) => this.db.prepare<unknown[], { n: number }>(sql).get(...params)!.n;
    if (where.match === null) return n(`SELECT count(*) AS n FROM alarms a WHERE ${where.sql}`, where.params);
    if (where.rest.sql === '1') return n('SELECT count(*) AS n FROM alarms_fts WHERE alarms_fts MATCH ?', [where.match]);
    return n(`SELECT count(*) AS n FROM alarms_fts f JOIN alarms a ON a.tkey = f.rowid WHERE f.alarms_fts MATCH ? AND ${where.rest.sql}`, [where.match, ...where.rest.params]);
  }

  /** Rows of a filter in time order, streamed (exports of a million rows). */
  *iterate(filter: AlarmFilter | undefined, limit = Number.MAX_SAFE_INTEGER): Generator<AlarmRow> {
    const where = buildWhere(this.db, filter);
    if (where.empty) return;
    yield* this.db
      .prepare<unknown[], AlarmRow>(
        `SELECT ${COLUMNS} FROM alarms a JOIN alarm_devices d ON d.id = a.device_id WHERE ${where.sql} ORDER BY a.tkey ASC LIMIT ?`,
      )
      .iterate(...where.params, limit);
  }

  get(id: number): AlarmDetail {
    const row = this.db
      .prepare<[number], AlarmRow>(`SELECT ${COLUMNS} FROM alarms a JOIN alarm_devices d ON d.id = a.device_id WHERE a.id = ?`)
      .get(id);
    if (!row) throw new FieldKitError('not_found', `No alarm ${id}.`);
    const flow = this.db
      .prepare<[number, number], { action: AlarmFlowRecord['action']; op_id: number; origin: number; time: string; message: string; source: string | null; flags: number }>(
        // A device record of an instance is its raise or clear: found by op_id = ord_raise / ord_clear (see
        // migration 008); local records (no op_id) through their own alarm_id index.
        `SELECT r.action, r.op_id, r.origin, r.time, r.message, r.source, r.flags, r.time_ms FROM alarms a
           JOIN alarm_records r ON r.device_id = a.device_id AND r.origin = 0 AND r.op_id IN (a.ord_raise, a.ord_clear)
           WHERE a.id = ? AND r.alarm_id = a.id AND r.flags & 8 = 0
         UNION ALL
         SELECT action, op_id, origin, time, message, source, flags, time_ms FROM alarm_records WHERE origin = 1 AND alarm_id = ? AND flags & 8 = 0
         ORDER BY 8, 3, 2`,
      )
      .all(id, id)
      .map((r) => ({ action: r.action, opId: r.op_id, origin: r.origin === 0 ? ('device' as const) : ('local' as const), time: r.time, message: r.message, source: r.source, flags: flagNames(r.flags) }));
    const operations = this.db
      .prepare<[number], AlarmOperation>('SELECT id, op, by, note, at FROM alarm_operations WHERE alarm_id = ? ORDER BY id')
      .all(id);
    const item = toItem(row);
    return {
      ...item,
      ackedBy: row.acked_by,
      flow,
      operations,
      timeline: timelineOf(row, operations),
      durationMs: row.raised_ms !== null && row.cleared_ms !== null ? row.cleared_ms - row.raised_ms : null,
    };
  }

  /** Acknowledges in one transaction; an ack of a cleared alarm is allowed and recorded. */
  ack(ids: number[], by: string, note: string | undefined): AlarmAckResult {
    const at = new Date(this.clock.now()).toISOString();
    const res: AlarmAckResult = { acked: [], alreadyAcked: [], notFound: [] };
    const get = this.db.prepare<[number], { state: string; acked_at: string | null }>('SELECT state, acked_at FROM alarms WHERE id = ?');
    const set = this.db.prepare("UPDATE alarms SET acked_at = ?, acked_by = ?, state = CASE state WHEN 'active' THEN 'acked' ELSE state END WHERE id = ?");
    const op = this.db.prepare('INSERT INTO alarm_operations(alarm_id, op, by, note, at) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const id of new Set(ids)) {
        const row = get.get(id);
        if (!row) res.notFound.push(id);
        else if (row.acked_at !== null) {
          res.alreadyAcked.push(id);
          if (note) op.run(id, 'note', by, note, at);
        } else {
          set.run(at, by, id);
          op.run(id, 'ack', by, note ?? null, at);
          res.acked.push(id);
        }
      }
    }).immediate(); // IMMEDIATE: see AlarmIngest.apply (the log writer thread shares the file)
    return res;
  }

  annotate(id: number, by: string, note: string): AlarmOperation {
    if (!this.db.prepare('SELECT 1 FROM alarms WHERE id = ?').get(id)) throw new FieldKitError('not_found', `No alarm ${id}.`);
    const at = new Date(this.clock.now()).toISOString();
    const opId = Number(this.db.prepare("INSERT INTO alarm_operations(alarm_id, op, by, note, at) VALUES (?, 'note', ?, ?, ?)").run(id, by, note, at).lastInsertRowid);
    return { id: opId, op: 'note', by, note, at };
  }

  countByDevice(filter: AlarmFilter | undefined, limit = 500): AlarmDeviceCount[] {
    const where = buildWhere(this.db, filter);
    if (where.empty) return [];
    return this.db
      .prepare<unknown[], AlarmDeviceCount>(
        `SELECT d.name AS device, c.total, c.active, c.acked, c.cleared, c.events FROM (
           SELECT a.device_id, count(*) AS total, sum(a.state = 'active') AS active, sum(a.state = 'acked') AS acked,
             sum(a.state = 'cleared') AS cleared, sum(a.state = 'event') AS events
           FROM alarms a WHERE ${where.sql} GROUP BY a.device_id) c
         JOIN alarm_devices d ON d.id = c.device_id ORDER BY c.total DESC, d.name LIMIT ?`,
      )
      .all(...where.params, limit);
  }

  histogram(filter: AlarmFilter | undefined): AlarmHourCount[] {
    const where = buildWhere(this.db, filter);
    if (where.empty) return [];
    return this.db
      .prepare<unknown[], { h: number; n: number }>(
        `SELECT a.time_ms / 3600000 AS h, count(*) AS n FROM alarms a WHERE ${where.sql} GROUP BY h ORDER BY h DESC LIMIT ${MAX_HOURS}`,
      )
      .all(...where.params)
      .reverse()
      .map((r) => ({ hour: new Date(r.h * 3_600_000).toISOString(), count: r.n }));
  }

  /** Gaps of one device, inclusive runs of op_ids never received between the first and last seen. */
  gapsOf(deviceId: number): [number, number][] {
    const d = this.db
      .prepare<[number], { first_op_id: number | null; last_op_id: number | null; op_count: number }>('SELECT first_op_id, last_op_id, op_count FROM alarm_devices WHERE id = ?')
      .get(deviceId);
    // Most devices are complete: first..last all present needs no scan.
    if (!d || d.first_op_id === null || d.last_op_id === null || d.last_op_id - d.first_op_id + 1 === d.op_count) return [];
    return this.db
      .prepare<[number], { from: number; to: number }>(
        `SELECT op_id + 1 AS "from", nxt - 1 AS "to" FROM (
           SELECT op_id, lead(op_id) OVER (ORDER BY op_id) AS nxt FROM alarm_records WHERE device_id = ? AND origin = 0)
         WHERE nxt > op_id + 1 ORDER BY op_id LIMIT ${MAX_GAPS}`,
      )
      .all(deviceId)
      .map((g) => [g.from, g.to] as [number, number]);
  }

  /** Current gaps of some devices, flattened for an import report. */
  gapsFor(deviceIds: number[]): AlarmGap[] {
    const name = this.db.prepare<[number], { name: string }>('SELECT name FROM alarm_devices WHERE id = ?');
    return deviceIds.flatMap((id) => {
      const device = name.get(id)?.name ?? String(id);
      return this.gapsOf(id).map(([from, to]) => ({ device, from, to }));
    });
  }

  syncStatus(device?: string): AlarmSyncState[] {
    const rows = this.db
      .prepare<unknown[], { id: number; name: string; last_op_id: number | null; records: number; duplicates: number }>(
        `SELECT id, name, last_op_id, records, duplicates FROM alarm_devices ${device ? 'WHERE name = ?' : ''} ORDER BY name`,
      )
      .all(...(device ? [device] : []));
    return rows.map((r) => ({ device: r.name, lastOpId: r.last_op_id, gaps: this.gapsOf(r.id), records: r.records, duplicates: r.duplicates }));
  }
}

const msOf = (iso: string | null): number | null => {
  if (iso === null) return null;
  const t = parseAlarmTime(iso);
  return typeof t === 'string' ? null : t.ms;
};

/** Raised → acknowledged → cleared (and notes), in time order, with the time since the step before. */
export function timelineOf(row: AlarmRow, ops: AlarmOperation[]): AlarmTimelineStep[] {
  const steps: { step: AlarmTimelineStep['step']; at: string; by: string | null; ms: number | null }[] = [];
  if (row.raised_at !== null) steps.push({ step: row.kind === 'event' ? 'event' : 'raised', at: row.raised_at, by: null, ms: row.raised_ms });
  if (row.acked_at !== null) steps.push({ step: 'acknowledged', at: row.acked_at, by: row.acked_by, ms: msOf(row.acked_at) });
  if (row.cleared_at !== null) steps.push({ step: 'cleared', at: row.cleared_at, by: null, ms: row.cleared_ms });
  for (const o of ops) if (o.op === 'note') steps.push({ step: 'note', at: o.at, by: o.by, ms: msOf(o.at) });
  steps.sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0));
  return steps.map((s, i) => {
    const prev = i > 0 ? steps[i - 1]!.ms : null;
    return { step: s.step, at: s.at, by: s.by, sincePreviousMs: prev === null || s.ms === null ? null : s.ms - prev };
  });
}
