import { parseAlarmTime } from '../../alarms/time';
import { FieldKitError } from '../../contract/errors';
import type { LogFilter } from '../../contract/logs';
import { SEVERITY_NAMES } from '../parse';
import { FLAG_MALFORMED } from './rows';
import { ftsColumnPhrase, ftsQuery } from './fts-text';

/**
 * A filter as SQL: the full-text part as one FTS5 MATCH expression (null when the filter has none),
 * and the conditions on `log_entries` columns as a WHERE clause (without the keyword; `1` when
 * empty) with its positional parameters.
 */
export interface SqlWhere {
  fts: string | null;
  sql: string;
  params: (string | number)[];
}

function severityNumber(level: number | string): number {
  if (typeof level === 'number') return level;
  const n = (SEVERITY_NAMES as readonly string[]).indexOf(level);
  if (n < 0) throw new FieldKitError('invalid_input', `Unknown severity "${level}": use one of ${SEVERITY_NAMES.join(', ')}.`);
  return n;
}

/**
 * A time bound, parsed strictly: `Date.parse` rolls 2026-02-30 over to March, accepts `Mar 5` or `1`
 * and reads a time without an offset as the laptop's local time, so each would quietly search
 * another range than the one asked for.
 */
function timeMs(iso: string, name: string): number {
  const t = parseAlarmTime(iso);
  if (typeof t === 'string') {
    throw new FieldKitError('invalid_input', `${name} must be an ISO 8601 time with date, time and offset (2026-03-01T10:00:00Z or 2026-03-01T18:00:00+08:00): ${t}.`);
  }
  return t.ms;
}

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Builds the SQL for a filter; `t` qualifies the columns (`e.` when log_entries is joined to
 * log_fts, whose columns host and source would otherwise be ambiguous). Times filter on the receive
 * time.
 */
export function whereFor(f: LogFilter = {}, t = ''): SqlWhere {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]): void => {
    parts.push(sql);
    params.push(...values);
  };
  // Text, host and source narrow through one FTS match; host and source are then checked exactly.
  const fts: string[] = [];
  if (f.text !== undefined && f.text.trim() !== '') {
    const q = ftsQuery(f.text);
    if (q) fts.push(`{text host} : (${q})`);
    else add(`${t}message LIKE ? ESCAPE '\\'`, `%${likeEscape(f.text.trim())}%`);
  }
  if (f.host !== undefined) {
    const q = ftsColumnPhrase('host', f.host);
    if (q) fts.push(q);
    add(`${t}host = ?`, f.host);
  }
  if (f.source !== undefined) {
    // `address:port` narrows by its address; a serial label by itself.
    const address = /^\[?([0-9a-fA-F:.]+?)\]?:\d+$/.exec(f.source)?.[1] ?? f.source;
    const q = ftsColumnPhrase('source', address);
    if (q) fts.push(q);
    add(`(${t}source = ? OR ${t}source_address = ?)`, f.source, f.source);
  }
  if (f.transport !== undefined) add(`${t}transport = ?`, f.transport);
  if (f.deviceId !== undefined) add(`${t}device_id = ?`, f.deviceId);
  if (f.severity !== undefined) add(`${t}severity <= ?`, severityNumber(f.severity));
  if (f.facility !== undefined) add(`${t}facility = ?`, f.facility);
  if (f.since !== undefined) add(`${t}received_at >= ?`, timeMs(f.since, 'since'));
  if (f.until !== undefined) add(`${t}received_at <= ?`, timeMs(f.until, 'until'));
  if (f.malformed !== undefined) parts.push(`(${t}flags & ${FLAG_MALFORMED}) ${f.malformed ? '!=' : '='} 0`);
  return { fts: fts.length ? fts.join(' AND ') : null, sql: parts.length ? parts.join(' AND ') : '1', params };
}
