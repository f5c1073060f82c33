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

/** Named parameters for the INSERT statement. */
export function toRow(e: NewLogEntry): Omit<LogRow, 'id'> {
  const structured = e.structured.length ? JSON.stringify(e.structured) : null;
  return {
    received_at: e.receivedAt,
    time: e.time,
    time_raw: e.timeRaw,
    transport: e.transport,
    source: e.source,
    source_address: e.sourceAddress,
    source_port: e.sourcePort,
    device_id: e.device?.id ?? null,
    device_name: e.device?.name ?? null,
    host: e.host,
    app: e.app,
    procid: e.procid,
    msgid: e.msgid,
    facility: e.facility,
    severity: e.severity,
    structured,
    message: e.message,
    format: e.format,
    flags: (e.malformed ? FLAG_MALFORMED : 0) | (e.truncated ? FLAG_TRUNCATED : 0),
    problems: e.problems.length ? JSON.stringify(e.problems) : null,
    raw: e.raw,
    raw_hex: e.rawHex,
    size: entrySize(e, structured),
  };
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
