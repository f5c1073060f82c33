/**
 * What the alarm ingest loop (ingest-run.ts) works with: its result and options, flow positions,
 * the rows it reads back and the prepared statements it is given (built in ingest.ts), and the pure
 * conversions between them. The loop itself, the model's rules, is in ingest-run.ts.
 */
import type Database from 'better-sqlite3';
import { CJK_CLASS, makeCjkSpacer } from '../logs/store/fts-text';
import { FLAG } from './time';

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

/** Stored on records that came as soft clears: one that closes nothing is skipped, not a duplicate. */
export const SOFT_CLEAR_FLAG = 16;

/**
 * A flow position: the device's op_id, or for a record without one `time_ms * LOCAL_SLOTS + k`
 * (k: how many local records of the device were already in that millisecond), i.e. (time, arrival)
 * compared as a pair. The latter exceeds 2^53, so it is a BigInt; positions are only compared with
 * < and >, which are exact between a number and a BigInt.
 */
export type Ord = number | bigint;

export const MAX_CHANGED_IDS = 1000;
/** Records buffered before their instances and themselves are written. */
export const FLUSH_EVERY = 20_000;
export const PROGRESS_EVERY = 5000;
/** Local positions per millisecond (see migration 009): years 0000-9999 times this fit 64 bits. */
export const LOCAL_SLOTS = 32768n;
/** Above every position: the bound of a range with no instance after it. */
export const ORD_MAX = 2n ** 63n - 1n;
export const TIME_FLAGS = FLAG.future | FLAG.before2000;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Positions read back as numbers when they fit, so op_ids stay numbers. */
export const ordOf = (v: bigint): Ord => (v >= SAFE_MIN && v <= SAFE_MAX ? Number(v) : v);
export const ordOrNull = (v: bigint | null | undefined): Ord | null => (v === null || v === undefined ? null : ordOf(v));

type Stmt<R = unknown> = Database.Statement<unknown[], R>;

/** An instance as the flow queries return it (64-bit integers as BigInt). */
export interface FlowRow {
  id: bigint;
  ord_first: bigint;
  ord_raise: bigint | null;
  ord_clear: bigint | null;
  flags: bigint;
}

/** A marker row (flags & 8) as the marker query returns it (64-bit integers as BigInt). */
export interface MarkerRow {
  id: bigint;
  origin: bigint;
  flags: bigint;
  time: string;
  time_ms: bigint;
  message: string;
  source: string | null;
  type: string | null;
  severity: bigint | null;
  ord: bigint;
}

/** The raise or clear record of an instance. */
export interface RecordRow {
  id: number;
  flags: number;
  time: string;
  time_ms: number;
}

/** The prepared statements a run uses (built once per AlarmIngest). */
export interface IngestStatements {
  deviceGet: Stmt<{ id: number; first_op_id: number | null; last_op_id: number | null; op_count: number; local_seq: number; records: number; duplicates: number }>;
  deviceAdd: Stmt;
  deviceSave: Stmt;
  opExists: Stmt<{ one: number }>;
  fpExists: Stmt<{ one: number }>;
  flowTop: Stmt<{ m: bigint | null }>;
  flowTopIn: Stmt<{ m: bigint | null }>;
  flowLast: Stmt<FlowRow>;
  flowPrev: Stmt<FlowRow>;
  flowNext: Stmt<FlowRow>;
  markerFirst: Stmt<MarkerRow>;
  recordOf: Stmt<RecordRow>;
  maxId: Stmt<{ n: number }>;
  instanceAdd: Stmt;
  instanceClear: Stmt;
  instanceSetClear: Stmt;
  instanceSetRaise: Stmt;
  instanceSetOrphan: Stmt;
  instanceText: Stmt<{ type: string; severity: number; message: string }>;
  ftsAdd: Stmt;
  ftsDel: Stmt;
  recordAdd: Stmt;
  positionAdd: Stmt;
  positionDel: Stmt;
  recordPromote: Stmt;
  recordDemote: Stmt;
  recordMove: Stmt;
}

/** An instance whose FTS row is written at the end of the transaction; slot is set once the row is. */
export interface PendingText {
  timeMs: number;
  slot: number;
  body: string;
}

/** A new instance not yet written: a clear arriving before the flush changes it in memory. */
export interface PendingInstance extends PendingText {
  id: number;
  deviceId: number;
  seId: string | null;
  kind: 'alarm' | 'event';
  type: string;
  severity: number;
  state: 'active' | 'cleared' | 'event';
  ordFirst: Ord;
  ordRaise: Ord | null;
  ordClear: Ord | null;
  raisedAt: string | null;
  raisedMs: number | null;
  clearedAt: string | null;
  clearedMs: number | null;
  flags: number;
  message: string;
  source: string | null;
}

/** The latest instance of a flow, by flow position. */
export interface FlowHead {
  id: number;
  ordFirst: Ord;
  ordRaise: Ord | null;
  ordClear: Ord | null;
}

/** An instance next to a late record, read from the database. */
export interface Neighbour extends FlowHead {
  flags: number;
}

/** A marker that may turn out to be the raise or clear of an instance. */
export interface Marker {
  id: number;
  origin: number;
  flags: number;
  time: string;
  timeMs: number;
  message: string;
  source: string | null;
  type: string | null;
  severity: number | null;
  ord: Ord;
}

export interface DeviceState {
  id: number;
  first: number | null;
  last: number | null;
  count: number;
  localSeq: number;
  /** Highest position stored per flow, for flows that received records without op_id in this run. */
  flowTops: Map<string, Ord | null>;
  records: number;
  duplicates: number;
  /** Device op_ids stored by this run (written or still buffered): re-reports within one run. */
  ops: Set<number>;
  /** Latest instance per flow (se_id) as this run knows it; null: the flow has none. */
  flows: Map<string, FlowHead | null>;
  /** Created by this run: every instance it has is in {@link flows}, so a flow not there has none. */
  created: boolean;
}

export const head = (r: FlowRow | undefined): FlowHead | null =>
  r ? { id: Number(r.id), ordFirst: ordOf(r.ord_first), ordRaise: ordOrNull(r.ord_raise), ordClear: ordOrNull(r.ord_clear) } : null;

export const neighbour = (r: FlowRow | undefined): Neighbour | null =>
  r ? { id: Number(r.id), ordFirst: ordOf(r.ord_first), ordRaise: ordOrNull(r.ord_raise), ordClear: ordOrNull(r.ord_clear), flags: Number(r.flags) } : null;

export const marker = (r: MarkerRow | undefined): Marker | null =>
  r
    ? {
        id: Number(r.id),
        origin: Number(r.origin),
        flags: Number(r.flags),
        time: r.time,
        timeMs: Number(r.time_ms),
        message: r.message,
        source: r.source,
        type: r.type,
        severity: r.severity === null ? null : Number(r.severity),
        ord: ordOf(r.ord),
      }
    : null;

/** Raised and not yet cleared at position `ord`. */
export const activeAt = (i: FlowHead, ord: Ord): boolean => i.ordRaise !== null && (i.ordClear === null || i.ordClear > ord);

// What indexText([type, message]) gives (type is never empty: validated), without its two arrays per instance.
const spaceCjk = makeCjkSpacer(CJK_CLASS);
export const bodyOf = (type: string, message: string) => spaceCjk(message ? `${type} ${message}` : type);

export const isTkeyClash = (err: unknown) => err instanceof Error && /UNIQUE constraint failed: alarms\.tkey/.test(err.message);
