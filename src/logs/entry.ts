import type { LogDeviceRef, LogEntry, LogTransport } from '../contract/logs';
import type { ConsoleLine, SyslogMessage } from './parse';

/** An entry before the store gives it an id. */
export type NewLogEntry = Omit<LogEntry, 'id' | 'receivedAt'> & {
  /** ms since epoch. */
  receivedAt: number;
};

/** Where a message came from. */
export interface Origin {
  transport: LogTransport;
  address: string | null;
  port: number | null;
  device: LogDeviceRef | null;
  /** For serial: the port label. */
  label?: string;
}

/** `address:port`, bracketing IPv6 so the port stays readable. */
export function sourceLabel(origin: Origin): string {
  if (origin.transport === 'serial') return origin.label ?? 'serial';
  const a = origin.address ?? '?';
  const host = a.includes(':') ? `[${a}]` : a;
  return origin.port === null ? host : `${host}:${origin.port}`;
}

/** Flags from the deframer or splitter that the parser does not know about. */
export interface FrameFlags {
  truncated?: boolean;
  incomplete?: boolean;
}

/** A parsed syslog message plus where it came from becomes a storable entry. */
export function entryFromSyslog(m: SyslogMessage, origin: Origin, receivedAt: number, frame: FrameFlags = {}): NewLogEntry {
  // The parsed message is the caller's to hand over: only a flagged frame needs a longer list.
  const problems = frame.truncated || frame.incomplete ? [...m.problems] : m.problems;
  if (frame.truncated) problems.push('message longer than the limit: cut');
  if (frame.incomplete) problems.push('connection closed before the message ended');
  const malformed = problems.length > 0;
  return {
    receivedAt,
    time: m.time,
    timeRaw: m.timeRaw,
    transport: origin.transport,
    source: sourceLabel(origin),
    sourceAddress: origin.address,
    sourcePort: origin.port,
    device: origin.device,
    host: m.host,
    app: m.app,
    procid: m.procid,
    msgid: m.msgid,
    facility: m.facility,
    severity: m.severity,
    facilityName: m.facilityName,
    severityName: m.severityName,
    structured: m.structured,
    message: m.message,
    format: m.format,
    malformed,
    truncated: !!frame.truncated,
    problems,
    // The fields rebuild a well-formed message; only a flawed one needs its original text.
    raw: malformed ? m.raw : null,
    rawHex: m.rawHex,
  };
}

/** A serial console line becomes a storable entry (no syslog header: severity and host unknown). */
export function entryFromConsole(line: ConsoleLine, origin: Origin): NewLogEntry {
  const problems: string[] = [];
  if (line.truncated) problems.push('line longer than the limit: cut, continues in the next entry');
  if (line.invalidUtf8) problems.push('invalid UTF-8 (wrong baud rate?): original in rawHex');
  return {
    receivedAt: line.at,
    time: null,
    timeRaw: null,
    transport: 'serial',
    source: sourceLabel(origin),
    sourceAddress: null,
    sourcePort: null,
    device: origin.device,
    host: null,
    app: null,
    procid: null,
    msgid: null,
    facility: null,
    severity: null,
    facilityName: null,
    severityName: null,
    structured: [],
    message: line.text,
    format: 'console',
    malformed: problems.length > 0,
    truncated: line.truncated,
    problems,
    raw: null,
    rawHex: line.rawHex,
  };
}
