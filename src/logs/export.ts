import type { LogEntry } from '../contract/logs';

/** Export formats. */
export type ExportFormat = 'jsonl' | 'csv' | 'txt';

export const CSV_COLUMNS = [
  'id', 'receivedAt', 'time', 'transport', 'source', 'device', 'host', 'app', 'procid', 'msgid', 'facility',
  'severity', 'message', 'structured', 'malformed', 'problems',
] as const;

/**
 * A CSV cell, quoted when needed. A cell a spreadsheet would run as a formula (starting with = + - @,
 * tab or CR) gets a leading apostrophe: a log line is attacker-controlled text.
 */
export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(e: LogEntry): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null> = {
    id: e.id,
    receivedAt: e.receivedAt,
    time: e.time,
    transport: e.transport,
    source: e.source,
    device: e.device?.name ?? null,
    host: e.host,
    app: e.app,
    procid: e.procid,
    msgid: e.msgid,
    facility: e.facilityName,
    severity: e.severityName,
    message: e.message,
    structured: e.structured.length ? JSON.stringify(e.structured) : null,
    malformed: e.malformed,
    problems: e.problems.length ? e.problems.join('; ') : null,
  };
  return CSV_COLUMNS.map((c) => csvCell(values[c])).join(',');
}

// Every control character but tab; escaped in each printed field, not only the message.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TXT_CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/g;

/** A field as txt prints it: control characters escaped, since an RFC 5424 HOSTNAME or APP-NAME can hold a newline too. */
function txtField(s: string): string {
  return s.replace(TXT_CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** One line per entry, like a syslog file: control characters escaped so a line stays a line. */
function txtLine(e: LogEntry): string {
  const pri = e.facilityName || e.severityName ? ` <${txtField(e.facilityName ?? '-')}.${txtField(e.severityName ?? '-')}>` : '';
  const tag = e.app ? ` ${txtField(e.app)}${e.procid ? `[${txtField(e.procid)}]` : ''}:` : '';
  const host = e.host ? ` ${txtField(e.host)}` : '';
  return `${txtField(e.receivedAt)} ${txtField(e.source)}${pri}${host}${tag} ${txtField(e.message)}`;
}

/** Formats entries; `header` adds the CSV header line. Every line ends with LF. */
export function formatEntries(entries: LogEntry[], format: ExportFormat, header: boolean): string {
  const lines: string[] = [];
  if (format === 'csv' && header) lines.push(CSV_COLUMNS.join(','));
  for (const e of entries) lines.push(format === 'jsonl' ? JSON.stringify(e) : format === 'csv' ? csvRow(e) : txtLine(e));
  return lines.length ? `${lines.join('\n')}\n` : '';
}
