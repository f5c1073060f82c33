import { FieldKitError } from '../../contract/errors';
import type { LogFilter } from '../../contract/logs';
import { SEVERITY_NAMES } from '../parse';
import { FLAG_MALFORMED } from './rows';
import { ftsColumnPhrase, ftsQuery } from './fts-text';

/** A WHERE clause (without the keyword; `1` when empty) and its positional parameters. */
export interface SqlWhere {
  sql: string;
  params: (string | number)[];
}

function severityNumber(level: number | string): number {
  if (typeof level === 'number') return level;
  const n = (SEVERITY_NAMES as readonly string[]).indexOf(level);
  if (n < 0) throw new FieldKitError('invalid_input', `Unknown severity "${level}": use one of ${SEVERITY_NAMES.join(', ')}.`);
  return n;
}

function timeMs(iso: string, name: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new FieldKitError('invalid_input', `${name} is not a time: "${iso}".`);
  return t;
}

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Builds the WHERE clause for a filter. Times filter on the receive time. */
export function whereFor(f: LogFilter = {}): SqlWhere {
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
    else add("message LIKE ? ESCAPE '\\'", `%${likeEscape(f.text.trim())}%`);
  }
  if (f.host !== undefined) {
    const q = ftsColumnPhrase('host', f.host);
    if (q) fts.push(q);
    add('host = ?', f.host);
  }
  if (f.source !== undefined) {
    // `address:port` narrows by its address; a serial label by itself.
    const address = /^\[?([0-9a-fA-F:.]+?)\]?:\d+$/.exec(f.source)?.[1] ?? f.source;
    const q = ftsColumnPhrase('source', address);
    if (q) fts.push(q);
    add('(source = ? OR source_address = ?)', f.source, f.source);
  }
  if (fts.length) add('id IN (SELECT rowid FROM log_fts WHERE log_fts MATCH ?)', fts.join(' AND '));
  if (f.transport !== undefined) add('transport = ?', f.transport);
  if (f.deviceId !== undefined) add('device_id = ?', f.deviceId);
  if (f.severity !== undefined) add('severity <= ?', severityNumber(f.severity));
  if (f.facility !== undefined) add('facility = ?', f.facility);
  if (f.since !== undefined) add('received_at >= ?', timeMs(f.since, 'since'));
  if (f.until !== undefined) add('received_at <= ?', timeMs(f.until, 'until'));
  if (f.malformed !== undefined) parts.push(f.malformed ? `(flags & ${FLAG_MALFORMED}) != 0` : `(flags & ${FLAG_MALFORMED}) = 0`);
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}
