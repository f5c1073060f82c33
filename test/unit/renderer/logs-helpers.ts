// Test data for the Logs page unit tests (not a test file itself).
import type { LogEntry, LogStatus } from '../../../src/contract';

/** An idle logs service: no listeners or serial ports, nothing stored, 90-day retention. */
export const STATUS: LogStatus = {
  listeners: [],
  serial: [],
  counts: { received: 0, stored: 0, dropped: 0, malformed: 0, queued: 0, paused: 0, expired: 0 },
  totalEntries: 0,
  retention: { maxAgeDays: 90, maxEntries: null, maxBytes: null },
};

/** A stored entry as the core returns it; fields default to an RFC 5424 info line from 10.0.0.5. */
export function entry(id: number, over: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    receivedAt: new Date(Date.UTC(2024, 4, 1, 10, 0, 0, id)).toISOString(),
    time: null,
    timeRaw: null,
    transport: 'udp',
    source: '10.0.0.5:514',
    sourceAddress: '10.0.0.5',
    sourcePort: 514,
    device: null,
    host: 'cam-5',
    app: 'kernel',
    procid: null,
    msgid: null,
    facility: 16,
    severity: 6,
    facilityName: 'local0',
    severityName: 'info',
    structured: [],
    message: `line ${id}`,
    format: 'rfc5424',
    malformed: false,
    truncated: false,
    problems: [],
    raw: null,
    rawHex: null,
    ...over,
  };
}
