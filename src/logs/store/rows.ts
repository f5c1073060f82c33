import type { LogEntry, LogFormat, LogStructuredElement, LogTransport } from '../../contract/logs';
import type { NewLogEntry } from '../entry';
import { FACILITY_NAMES, SEVERITY_NAMES } from '../parse';

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

/**
 * Entries as the writer thread receives them: plain arrays, cheap to structured-clone. `rows[i]` holds
 * the {@link ROW_COLUMNS} values of entry i; `text[3i..3i+2]` its index text (message, app, msgid and
 * structured-data values joined), host and source address (or serial label), before CJK spacing (the
 * writer thread does that).
 */
export interface WireBatch {
  rows: (string | number | null)[][];
  text: string[];
}

function sdValues(e: NewLogEntry): string[] {
  const out: string[] = [];
  for (const el of e.structured) for (const v of Object.values(el.params)) out.push(...(Array.isArray(v) ? v : [v]));
  return out;
}

/** `text` and `part` joined by a space, skipping empty ones (as indexText does). */
const plus = (text: string, part: string | null): string => (!part ? text : text ? `${text} ${part}` : part);

/** Encodes entries for the writer (see {@link WireBatch}). */
export function toWire(entries: readonly NewLogEntry[]): WireBatch {
  const rows: WireBatch['rows'] = new Array(entries.length);
  const text: string[] = new Array(entries.length * 3);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const structured = e.structured.length ? JSON.stringify(e.structured) : null;
    rows[i] = [
      e.receivedAt, e.time, e.timeRaw, e.transport, e.source, e.sourceAddress, e.sourcePort, e.device?.id ?? null,
      e.device?.name ?? null, e.host, e.app, e.procid, e.msgid, e.facility, e.severity, structured, e.message, e.format,
      (e.malformed ? FLAG_MALFORMED : 0) | (e.truncated ? FLAG_TRUNCATED : 0), e.problems.length ? JSON.stringify(e.problems) : null,
      e.raw, e.rawHex, entrySize(e, structured),
    ];
    let t = plus(plus(plus('', e.message), e.app), e.msgid);
    if (e.structured.length) for (const v of sdValues(e)) t = plus(t, v);
    text[i * 3] = t;
    text[i * 3 + 1] = e.host ?? '';
    // The source filter narrows by address (or serial label) only: the port need not be indexed.
    text[i * 3 + 2] = e.transport === 'serial' || !e.sourceAddress ? e.source : e.sourceAddress;
  }
  return { rows, text };
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
