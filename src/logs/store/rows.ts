import type { LogEntry, LogFormat, LogStructuredElement, LogTransport } from '../../contract/logs';
import type { NewLogEntry } from '../entry';
import { FACILITY_NAMES, SEVERITY_NAMES } from '../parse';
import { CJK_CLASS, makeCjkSpacer } from './fts-text';

/** A row of `log_entries` as better-sqlite3 returns it. */
export interface LogRow {
  id: number;
  received_at: number;
  time: string | null;
  time_raw: string | null;
  transport: string;
  source: string;
  source_address: string | null;
  source_port: number | null;
  device_id: string | null;
  device_name: string | null;
  host: string | null;
  app: string | null;
  procid: string | null;
  msgid: string | null;
  facility: number | null;
  severity: number | null;
  structured: string | null;
  message: string;
  format: string;
  flags: number;
  problems: string | null;
  raw: string | null;
  raw_hex: string | null;
  size: number;
}

export const FLAG_MALFORMED = 1;
export const FLAG_TRUNCATED = 2;

/** Approximate bytes an entry takes, for retention by size. */
export function entrySize(e: NewLogEntry, structuredJson: string | null): number {
  return 64 + e.message.length + (e.raw?.length ?? 0) + (e.rawHex?.length ?? 0) + (structuredJson?.length ?? 0) +
    (e.host?.length ?? 0) + (e.app?.length ?? 0) + e.source.length;
}

/** A stored row back to the contract's entry. */
export function fromRow(r: LogRow): LogEntry {
  return {
    id: r.id,
    receivedAt: new Date(r.received_at).toISOString(),
    time: r.time,
    timeRaw: r.time_raw,
    transport: r.transport as LogTransport,
    source: r.source,
    sourceAddress: r.source_address,
    sourcePort: r.source_port,
    device: r.device_id === null ? null : { id: r.device_id, name: r.device_name ?? r.device_id },
    host: r.host,
    app: r.app,
    procid: r.procid,
    msgid: r.msgid,
    facility: r.facility,
    severity: r.severity,
    facilityName: r.facility === null ? null : (FACILITY_NAMES[r.facility] ?? null),
    severityName: r.severity === null ? null : (SEVERITY_NAMES[r.severity] ?? null),
    structured: r.structured ? (JSON.parse(r.structured) as LogStructuredElement[]) : [],
    message: r.message,
    format: r.format as LogFormat,
    malformed: (r.flags & FLAG_MALFORMED) !== 0,
    truncated: (r.flags & FLAG_TRUNCATED) !== 0,
    problems: r.problems ? (JSON.parse(r.problems) as string[]) : [],
    raw: r.raw,
    rawHex: r.raw_hex,
  };
}

/** The `log_entries` columns in the order of a {@link WireBatch} row. */
export const ROW_COLUMNS = [
  'received_at', 'time', 'time_raw', 'transport', 'source', 'source_address', 'source_port', 'device_id',
  'device_name', 'host', 'app', 'procid', 'msgid', 'facility', 'severity', 'structured', 'message', 'format',
  'flags', 'problems', 'raw', 'raw_hex', 'size',
] as const;

/** Which {@link ROW_COLUMNS} hold numbers (the rest hold strings). */
export const NUMERIC_COLUMNS: readonly boolean[] = ROW_COLUMNS.map((c) =>
  c === 'received_at' || c === 'source_port' || c === 'facility' || c === 'severity' || c === 'flags' || c === 'size');
const NUMS_PER_ROW = NUMERIC_COLUMNS.filter(Boolean).length;
/** String values per row: the string columns, then the three index texts. */
export const STRINGS_PER_ROW = ROW_COLUMNS.length - NUMS_PER_ROW + 3;

/** {@link WireBatch} `lens` codes other than a length. */
export const WIRE_NULL = -1;
/** The same string as in this slot of the previous row (transport, source, format, device of one sender). */
export const WIRE_SAME_AS_ABOVE = -2;
/** The same string as the slot before in this row (time_raw = time; the indexed host and address). */
export const WIRE_SAME_AS_LEFT = -3;

/**
 * Entries as the writer thread receives them, packed so a batch crosses threads as one string and two
 * typed arrays (a copy of flat memory, the arrays transferred) instead of an array per row that
 * structured clone walks value by value (~1.3 µs a row, on both threads).
 *
 * Row i's values are, in {@link ROW_COLUMNS} order, numbers taken one after another from `nums`
 * (NaN for null) and strings taken one after another by the codes in `lens`: a length (the next
 * that many UTF-16 code units of `text`), {@link WIRE_NULL}, {@link WIRE_SAME_AS_ABOVE} or
 * {@link WIRE_SAME_AS_LEFT}. After its columns come its three index texts (see {@link toWire}).
 * {@link readWire} is the reference decoder; the writer's copy lives in write-side.ts.
 */
export interface WireBatch {
  count: number;
  text: string;
  /** {@link STRINGS_PER_ROW} codes per row. */
  lens: Int32Array<ArrayBuffer>;
  /** The numeric columns of each row; NaN for null. */
  nums: Float64Array<ArrayBuffer>;
}

function sdValues(e: NewLogEntry): string[] {
  const out: string[] = [];
  for (const el of e.structured) for (const v of Object.values(el.params)) out.push(...(Array.isArray(v) ? v : [v]));
  return out;
}

/** `text` and `part` joined by a space, skipping empty ones (as indexText does). */
const plus = (text: string, part: string | null): string => (!part ? text : text ? `${text} ${part}` : part);

/** Anything beyond ASCII: only such text can hold CJK characters to space. */
const NON_ASCII = /[^\0-\x7f]/;
const spaceCjk = makeCjkSpacer(CJK_CLASS);
const indexed = (t: string): string => (NON_ASCII.test(t) ? spaceCjk(t) : t);

/**
 * Encodes entries for the writer (see {@link WireBatch}). The index texts of an entry are its
 * message, app, msgid and structured-data values joined; its host; and its source address (or serial
 * label), CJK-spaced here (see fts-text.ts) so the writer thread, the busier one, only inserts.
 */
export function toWire(entries: readonly NewLogEntry[]): WireBatch {
  const n = entries.length;
  const lens = new Int32Array(n * STRINGS_PER_ROW);
  const nums = new Float64Array(n * NUMS_PER_ROW);
  const parts: string[] = [];
  let prev: (string | null)[] = new Array(STRINGS_PER_ROW).fill(null);
  let cur: (string | null)[] = new Array(STRINGS_PER_ROW).fill(null);
  let s = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    const structured = e.structured.length ? JSON.stringify(e.structured) : null;
    let t = plus(plus(plus('', e.message), e.app), e.msgid);
    if (e.structured.length) for (const v of sdValues(e)) t = plus(t, v);
    // Keep both in ROW_COLUMNS order, string columns first, then the index texts.
    cur[0] = e.time; cur[1] = e.timeRaw; cur[2] = e.transport; cur[3] = e.source; cur[4] = e.sourceAddress;
    cur[5] = e.device?.id ?? null; cur[6] = e.device?.name ?? null; cur[7] = e.host; cur[8] = e.app; cur[9] = e.procid;
    cur[10] = e.msgid; cur[11] = structured; cur[12] = e.message; cur[13] = e.format;
    cur[14] = e.problems.length ? JSON.stringify(e.problems) : null; cur[15] = e.raw; cur[16] = e.rawHex;
    cur[17] = indexed(t);
    cur[18] = indexed(e.host ?? '');
    // The source filter narrows by address (or serial label) only: the port need not be indexed.
    cur[19] = indexed(e.transport === 'serial' || !e.sourceAddress ? e.source : e.sourceAddress);
    nums[k++] = e.receivedAt;
    nums[k++] = e.sourcePort ?? NaN;
    nums[k++] = e.facility ?? NaN;
    nums[k++] = e.severity ?? NaN;
    nums[k++] = (e.malformed ? FLAG_MALFORMED : 0) | (e.truncated ? FLAG_TRUNCATED : 0);
    nums[k++] = entrySize(e, structured);
    for (let c = 0; c < STRINGS_PER_ROW; c++) {
      const v = cur[c]!;
      if (v === null) lens[s++] = WIRE_NULL;
      else if (i > 0 && v === prev[c]) lens[s++] = WIRE_SAME_AS_ABOVE;
      else if (c > 0 && v === cur[c - 1]) lens[s++] = WIRE_SAME_AS_LEFT;
      else {
        lens[s++] = v.length;
        parts.push(v);
      }
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return { count: n, text: parts.join(''), lens, nums };
}

/** One decoded row of a {@link WireBatch}: its column values and its three index texts. */
export interface WireRow {
  values: (string | number | null)[];
  index: [string, string, string];
}

/** Decodes a {@link WireBatch} (for tests and diagnostics; the writer decodes in place). */
export function readWire(b: WireBatch): WireRow[] {
  const out: WireRow[] = [];
  let pos = 0;
  let s = 0;
  let k = 0;
  let prev: (string | null)[] = [];
  for (let i = 0; i < b.count; i++) {
    const strs: (string | null)[] = [];
    for (let c = 0; c < STRINGS_PER_ROW; c++) {
      const code = b.lens[s++]!;
      if (code === WIRE_NULL) strs.push(null);
      else if (code === WIRE_SAME_AS_ABOVE) strs.push(prev[c] ?? null);
      else if (code === WIRE_SAME_AS_LEFT) strs.push(strs[c - 1] ?? null);
      else {
        strs.push(b.text.slice(pos, pos + code));
        pos += code;
      }
    }
    prev = strs;
    let x = 0;
    const values = ROW_COLUMNS.map((_c, c) => {
      if (!NUMERIC_COLUMNS[c]) return strs[x++] ?? null;
      const v = b.nums[k++]!;
      return Number.isNaN(v) ? null : v;
    });
    out.push({ values, index: [strs[17] ?? '', strs[18] ?? '', strs[19] ?? ''] });
  }
  return out;
}

let lastMs = NaN;
let lastIso = '';

/** ISO form of a receive time; a burst shares its millisecond, so the last one is kept. */
function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/** The entry as {@link fromRow} would read it back once stored under `id`. */
export function storedEntry(e: NewLogEntry, id: number): LogEntry {
  return {
    id,
    receivedAt: isoTime(e.receivedAt),
    time: e.time,
    timeRaw: e.timeRaw,
    transport: e.transport,
    source: e.source,
    sourceAddress: e.sourceAddress,
    sourcePort: e.sourcePort,
    device: e.device ? { id: e.device.id, name: e.device.name } : null,
    host: e.host,
    app: e.app,
    procid: e.procid,
    msgid: e.msgid,
    facility: e.facility,
    severity: e.severity,
    facilityName: e.facility === null ? null : (FACILITY_NAMES[e.facility] ?? null),
    severityName: e.severity === null ? null : (SEVERITY_NAMES[e.severity] ?? null),
    structured: e.structured,
    message: e.message,
    format: e.format,
    malformed: e.malformed,
    truncated: e.truncated,
    problems: e.problems,
    raw: e.raw,
    rawHex: e.rawHex,
  };
}
