import { z } from 'zod';
import { event, method } from './define';

/** How an entry reached FieldKit. */
export type LogTransport = 'udp' | 'tcp' | 'serial';

/** Which grammar the entry matched; `console` is a serial console line (no syslog header). */
export type LogFormat = 'rfc5424' | 'rfc3164' | 'unknown' | 'console';

/** One RFC 5424 SD-ELEMENT; a repeated PARAM-NAME holds an array of its values in arrival order. */
export interface LogStructuredElement {
  id: string;
  params: Record<string, string | string[]>;
}

/** A known device the entry's source address belongs to (from discovery). */
export interface LogDeviceRef {
  id: string;
  name: string;
}

/** One stored log line: a syslog message or a serial console line. JSON-safe. */
export interface LogEntry {
  /** Increasing with arrival order. */
  id: number;
  /** When FieldKit received it (ISO 8601, UTC). For serial lines: when the line's first byte arrived. */
  receivedAt: string;
  /** The device's own timestamp as sent (ISO 8601, offset as the device gave it; none for RFC 3164), or null. */
  time: string | null;
  /** The timestamp text exactly as received, even when it could not be read. */
  timeRaw: string | null;
  transport: LogTransport;
  /** `address:port` for network entries; the serial port's label (or path) for console lines. */
  source: string;
  sourceAddress: string | null;
  sourcePort: number | null;
  device: LogDeviceRef | null;
  host: string | null;
  app: string | null;
  procid: string | null;
  msgid: string | null;
  /** 0..23 or null. */
  facility: number | null;
  /** 0 (emerg) .. 7 (debug) or null. */
  severity: number | null;
  facilityName: string | null;
  severityName: string | null;
  structured: LogStructuredElement[];
  message: string;
  format: LogFormat;
  /** The entry deviates from its RFC (or could not be parsed); `problems` says how. Kept, never dropped. */
  malformed: boolean;
  /** It was longer than the cap and was cut. */
  truncated: boolean;
  problems: string[];
  /** The whole text as received; kept for malformed/truncated entries, else null (the fields hold it). */
  raw: string | null;
  /** Hex of the original bytes when they were not valid UTF-8. */
  rawHex: string | null;
}

/** A running network listener. */
export interface LogListener {
  id: string;
  transport: 'udp' | 'tcp';
  /** The address actually bound. */
  address: string;
  /** The port actually bound (useful when 0 was asked). */
  port: number;
  /** TCP: connections open now. */
  connections: number;
}

/** An open serial console. */
export interface LogSerialPort {
  path: string;
  name: string;
  baudRate: number;
  /** Lines read so far from this port. */
  lines: number;
}

/** Ingest counters since the service started. */
export interface LogCounts {
  /** Messages and console lines that reached FieldKit's listeners, including dropped ones (Linux: also datagrams the kernel dropped on a FieldKit UDP socket). */
  received: number;
  /** Rows committed to the database. */
  stored: number;
  /** UDP messages lost: discarded because the write queue was full, or (Linux, read from /proc/net/udp) dropped by the kernel before FieldKit could read them. TCP never drops: it pauses the socket. */
  dropped: number;
  /** Messages that parsed badly (stored raw and flagged). */
  malformed: number;
  /** Entries waiting in the write queue now. */
  queued: number;
  /** Times a TCP connection was paused because the queue was full (back-pressure). */
  paused: number;
  /** Entries removed by the retention policy. */
  expired: number;
}

/** How much the store keeps; the oldest entries go first. Null = no limit. */
export interface LogRetention {
  maxAgeDays: number | null;
  maxEntries: number | null;
  /** Approximate bytes of message text and fields (not the file size). */
  maxBytes: number | null;
}

/** Snapshot for the Logs page and `fieldkit logs listen`. */
export interface LogStatus {
  listeners: LogListener[];
  serial: LogSerialPort[];
  counts: LogCounts;
  /** Rows in the database now. */
  totalEntries: number;
  retention: LogRetention;
}

/** One page of search results. */
export interface LogSearchResult {
  /** How many entries match the filter (ignoring limit/offset). */
  total: number;
  entries: LogEntry[];
}

/** A page of an export. Call again with `afterId: nextAfterId` until it is null. */
export interface LogExportPage {
  format: 'jsonl' | 'csv' | 'txt';
  /** Text to append to the output (CSV: the header is included when `afterId` was 0). */
  content: string;
  count: number;
  nextAfterId: number | null;
}

/** Live tail: entries committed since the previous event (rate-limited; newest kept when too many). */
export interface LogEntriesEvent {
  entries: LogEntry[];
  /** Entries committed meanwhile but not included (the tail should re-query if it cares). */
  skipped: number;
}

/** Alarm severities shared with the alarms service. */
export type AlarmSeverity = 'critical' | 'major' | 'minor' | 'warning' | 'info';

/**
 * An alarm record produced by a log rule, for the alarms service (issue 7) to ingest through the same
 * path as its imports.
 * - `device`: the known device id when the source matched one, else the source address (or serial label).
 * - `source`: where it came from, `logs:<transport>:<source>` (e.g. `logs:udp:192.168.1.64:514`).
 * - `kind`: `alarm` has a lifecycle (raise → clear); `event` is one-shot.
 * - `type`: the alarm type, e.g. `link-down`, `reboot`, `storage-error`.
 * - `action`: `raise`, `clear` or `event` (an event record always has `action: 'event'`).
 * - `time`: the device's time when it sent one with an offset, else the receive time (ISO 8601 with offset).
 * - `message`: the log line's message text.
 * - `seId`: ties a raise to its clear: `<device>/<type>[/<key>]` (key e.g. the interface name).
 * - `opId`: not set by log rules (syslog has no per-device record numbering).
 * - `logEntryId`: the stored log entry that triggered it.
 */
export interface AlarmRecord {
  device: string;
  source: string;
  kind: 'alarm' | 'event';
  type: string;
  severity: AlarmSeverity;
  action: 'raise' | 'clear' | 'event';
  time: string;
  message: string;
  seId?: string;
  opId?: number;
  /** Set on clears: a link coming up is routine, so with nothing active to clear it is skipped, not an orphan. */
  softClear?: boolean;
  logEntryId: number;
}

/** A rule turning log lines into alarm records (see src/logs/rules). */
export interface LogRuleInfo {
  id: string;
  description: string;
  kind: 'alarm' | 'event';
  type: string;
  severity: AlarmSeverity;
  action: 'raise' | 'clear' | 'event';
  /** The message pattern (a JavaScript regular expression source, case-insensitive). */
  pattern: string;
}

const port = z.number().int().min(0).max(65535);
/** IPv4/IPv6 literal or `localhost`; a hostname would need DNS, which a field laptop may not have. */
const bindAddress = z.string().min(2).max(64).regex(/^(localhost|[0-9.]+|[0-9a-fA-F:.]+)$/, 'an IP address');
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/i;

/**
 * ISO 8601 with date, time and an offset, naming a real instant: the same times the core's strict
 * parser (src/alarms/time.ts) takes. `Date.parse` is too lenient here: it rolls 02-30 over to
 * March, accepts `Mar 5` or `1`, and reads a time without an offset as the reader's local time.
 */
function isStrictIsoTime(s: string): boolean {
  const m = ISO_TIME.exec(s.trim());
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offH = 0, offM = 0] = m.slice(1).map((v) => Number(v ?? 0));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60 || offH > 14 || offM > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

const isoTime = z.string().max(40).refine(isStrictIsoTime, 'an ISO 8601 time with date, time and offset, e.g. 2026-03-01T10:00:00Z');
const severityLevel = z.union([
  z.number().int().min(0).max(7),
  z.enum(['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug']),
]);

/** Filters shared by search and export. */
export const logFilterSchema = z
  .object({
    /** Full-text query (FTS): words must all appear; a word matches as a prefix; CJK text matches as a substring. */
    text: z.string().max(500).optional(),
    host: z.string().max(255).optional(),
    /** `address`, `address:port` or a serial label. */
    source: z.string().max(255).optional(),
    transport: z.enum(['udp', 'tcp', 'serial']).optional(),
    deviceId: z.string().max(200).optional(),
    /** This severity or more severe (a lower number). */
    severity: severityLevel.optional(),
    facility: z.number().int().min(0).max(23).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    malformed: z.boolean().optional(),
  })
  .strict();

/** Filter fields (see {@link logFilterSchema}). */
export type LogFilter = z.input<typeof logFilterSchema>;

const listenOptions = z
  .object({
    /** UDP port to listen on (0 = any free port); omit for no UDP listener. */
    udpPort: port.optional(),
    tcpPort: port.optional(),
    /** Address to bind (default 0.0.0.0 so cameras on the LAN can reach it). */
    bind: bindAddress.optional(),
  })
  .strict();

export const logsContract = {
  start: method(z.tuple([listenOptions]), 'Start syslog listeners (UDP and/or TCP); returns the bound ports.').returns<LogListener[]>(),
  stop: method(
    z.tuple([z.array(z.string().max(100)).max(100).optional()]),
    'Stop the given listeners (all when omitted); flushes what they received.',
  ).returns<{ stopped: string[] }>(),
  status: method(z.tuple([]), 'Listeners, serial ports, ingest counters and retention.').returns<LogStatus>(),
  search: method(
    z.tuple([
      logFilterSchema
        .extend({
          limit: z.number().int().min(1).max(1000).default(100),
          offset: z.number().int().min(0).max(10_000_000).default(0),
          order: z.enum(['newest', 'oldest']).default('newest'),
        })
        .strict()
        .optional(),
    ]),
    'Search stored entries; `total` counts all matches.',
  ).returns<LogSearchResult>(),
  get: method(z.tuple([z.number().int().min(1)]), 'One entry by id (not_found if gone).').returns<LogEntry>(),
  export: method(
    z.tuple([
      z
        .object({
          format: z.enum(['jsonl', 'csv', 'txt']),
          filter: logFilterSchema.optional(),
          afterId: z.number().int().min(0).default(0),
          limit: z.number().int().min(1).max(10_000).default(5000),
        })
        .strict(),
    ]),
    'One page of an export, oldest first (CSV cells that would run as formulas are neutralised).',
  ).returns<LogExportPage>(),
  serialOpen: method(
    z.tuple([
      z
        .object({
          path: z.string().min(1).max(255),
          baudRate: z.number().int().min(50).max(4_000_000).default(115200),
          name: z.string().min(1).max(100).optional(),
        })
        .strict(),
    ]),
    'Capture a serial console into the log store.',
  ).returns<LogSerialPort>(),
  serialClose: method(z.tuple([z.string().min(1).max(255)]), 'Stop capturing a serial port (by path).').returns<{ closed: boolean }>(),
  serialSend: method(
    z.tuple([
      z.string().min(1).max(255),
      z.string().max(4096),
      z.object({ lineEnding: z.enum(['cr', 'lf', 'crlf', 'none']).default('crlf') }).strict().optional(),
    ]),
    'Send one line to an open serial console.',
  ).returns<{ bytes: number }>(),
  setRetention: method(
    z.tuple([
      z
        .object({
          maxAgeDays: z.number().min(0.001).max(36_500).nullable().optional(),
          maxEntries: z.number().int().min(1).max(1e9).nullable().optional(),
          maxBytes: z.number().int().min(1024).max(1e13).nullable().optional(),
        })
        .strict(),
    ]),
    'Change retention and apply it now; returns the policy in force.',
  ).returns<LogRetention>(),
  rules: method(z.tuple([]), 'The rules that turn log lines into alarm records.').returns<LogRuleInfo[]>(),
};

export const logsEvents = {
  'logs.entries': event<LogEntriesEvent>('New entries for the live tail, batched (at most a few per second).'),
  'logs.status': event<LogStatus>('Counters and listeners, about once a second while something changes.'),
  'logs.alarmRecord': event<AlarmRecord>('A log rule matched: a raise, clear or event for the alarms service.'),
};
