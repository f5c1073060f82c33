import type Database from 'better-sqlite3';
import { alarmFilter, type AlarmFilter, type AlarmSort } from '../contract/alarms';
import { FieldKitError } from '../contract/errors';
// One search behaviour across FieldKit: the same tokenising as the log index.
import { ftsQuery } from '../logs/store/fts-text';
import { TKEY_SLOTS } from './ingest-keys';
import { severityRank } from './severity';
import { parseAlarmTime } from './time';

/** A WHERE clause over `alarms a` and its parameters; `empty` when the filter can match nothing. */
export interface Where {
  sql: string;
  params: (string | number)[];
  empty: boolean;
  /** The FTS MATCH expression of the text filter, when there is one (list pages walk the index in time order). */
  match: string | null;
  /** The same WHERE without the FTS condition (joined to the FTS table by the caller). */
  rest: { sql: string; params: (string | number)[] };
}

/** LIKE pattern with the wildcards in user text escaped. */
const likeOf = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Builds the WHERE of every alarm query from a filter. Devices are resolved to
 * ids first so the (device_id, tkey) index serves device filters; text goes
 * through the FTS index (every word must appear, as a prefix; CJK as a substring).
 */
export function buildWhere(db: Database.Database, input: AlarmFilter | undefined): Where {
  const f = alarmFilter.parse(input ?? {});
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const inList = (col: string, values: (string | number)[]) => {
    parts.push(`${col} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  // Inlined (it is one of four enum values) so the planner can use the partial index on open alarms.
  if (f.state !== 'all') parts.push(`a.state = '${f.state}'`);
  if (f.kind) {
    parts.push('a.kind = ?');
    params.push(f.kind);
  }
  if (f.devices?.length) {
    const rows = db
      .prepare<string[], { id: number }>(`SELECT id FROM alarm_devices WHERE name IN (${f.devices.map(() => '?').join(',')})`)
      .all(...f.devices);
    if (rows.length === 0) return { sql: '0', params: [], empty: true, match: null, rest: { sql: '0', params: [] } };
    inList('a.device_id', rows.map((r) => r.id));
  }
  if (f.types?.length) inList('a.type', f.types);
  if (f.severities?.length) inList('a.severity', f.severities.map(severityRank));
  for (const [bound, op] of [[f.since, '>='], [f.until, '<=']] as const) {
    if (!bound) continue;
    const t = parseAlarmTime(bound);
    if (typeof t === 'string') throw new FieldKitError('invalid_input', `${op === '>=' ? 'since' : 'until'}: ${t}`);
    // On the sort key (tkey, see migration 004) so the time-ordered indexes bound the range; computed in SQL (> 2^53).
    parts.push(op === '>=' ? `a.tkey >= CAST(? AS INTEGER) * ${TKEY_SLOTS}` : `a.tkey < (CAST(? AS INTEGER) + 1) * ${TKEY_SLOTS}`);
    params.push(t.ms);
  }
  if (f.flagged !== undefined) parts.push(f.flagged ? 'a.flags != 0' : 'a.flags = 0');
  const text = (f.text ?? '').trim();
  let match: string | null = null;
  const rest = { sql: parts.length ? parts.join(' AND ') : '1', params: [...params] };
  if (text) {
    match = ftsQuery(text);
    if (match) {
      parts.push('a.tkey IN (SELECT rowid FROM alarms_fts WHERE alarms_fts MATCH ?)');
      params.push(match);
    } else {
      // Only punctuation: nothing the index knows; a substring scan is the honest answer.
      parts.push("(a.message LIKE ? ESCAPE '\\' OR a.type LIKE ? ESCAPE '\\')");
      params.push(likeOf(text), likeOf(text));
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params, empty: false, match, rest };
}

/** ORDER BY for a sort column; ties break on the unique time key so paging is stable. */
export function orderBy(sort: AlarmSort, order: 'asc' | 'desc'): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  switch (sort) {
    case 'severity':
      // Most severe first when descending: ranks count down from critical = 0.
      return `a.severity ${dir === 'DESC' ? 'ASC' : 'DESC'}, a.tkey DESC`;
    case 'device':
      return `d.name ${dir}, a.tkey DESC`;
    case 'type':
      return `a.type ${dir}, a.tkey DESC`;
    case 'state':
      // Lifecycle order, not the codes' spelling: active, acknowledged, cleared, then one-shot events.
      return `CASE a.state WHEN 'active' THEN 0 WHEN 'acked' THEN 1 WHEN 'cleared' THEN 2 ELSE 3 END ${dir}, a.tkey DESC`;
    default:
      return `a.tkey ${dir}`;
  }
}
