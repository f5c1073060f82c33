import type { LogDeviceRef, LogEntry } from '../../../../src/contract';

/** Most entries the page keeps in memory; the oldest go first. */
export const MAX_ROWS = 5000;

/** The rows after a merge, and how many old ones fell off the top. */
export interface Merged {
  rows: LogEntry[];
  trimmed: number;
}

/**
 * Merges entries into rows kept in arrival (id) order, without duplicates, and keeps at most `max`
 * (the newest). `rows` is assumed sorted; `incoming` may be in any order.
 */
export function mergeRows(rows: LogEntry[], incoming: LogEntry[], max = MAX_ROWS): Merged {
  if (incoming.length === 0) return { rows, trimmed: 0 };
  const byId = new Map<number, LogEntry>();
  for (const e of incoming) byId.set(e.id, e);
  const last = rows[rows.length - 1];
  let merged: LogEntry[];
  const fresh = [...byId.values()].sort((a, b) => a.id - b.id);
  if (!last || (fresh[0] && fresh[0].id > last.id)) {
    // The common live case: everything new is newer than what is shown.
    merged = rows.concat(fresh);
  } else {
    const all = new Map<number, LogEntry>();
    for (const e of rows) all.set(e.id, e);
    for (const e of fresh) all.set(e.id, e);
    merged = [...all.values()].sort((a, b) => a.id - b.id);
  }
  const trimmed = Math.max(0, merged.length - max);
  return { rows: trimmed ? merged.slice(trimmed) : merged, trimmed };
}

/**
 * Merges a re-read of the newest matches (`page`, any order) into rows that lack entries the tail
 * never received, all of them newer than row id `after` (null: newer than nothing known). When the
 * page reaches back to `after`, or is `complete` (every match), it fills the gap; otherwise the gap
 * is wider than a page and the rows up to the page's oldest give way, as a fresh search would leave
 * them: the rows must stay the newest matches without gaps, since loading older entries uses their
 * count as its offset. Only rows over MAX_ROWS count as `trimmed` (that is what its notice says).
 */
export function fillGap(rows: LogEntry[], page: LogEntry[], after: number | null, complete: boolean): Merged {
  const oldest = page.reduce((min, e) => Math.min(min, e.id), Infinity);
  if (complete || (after !== null && oldest <= after)) return mergeRows(rows, page);
  return mergeRows(rows.filter((e) => e.id > oldest), page);
}

/** Adds the devices entries belong to, keeping the first name seen for an id; same object when none is new. */
export function addDevices(known: LogDeviceRef[], entries: LogEntry[]): LogDeviceRef[] {
  let out = known;
  for (const e of entries) {
    const d = e.device;
    if (d && !out.some((k) => k.id === d.id)) out = [...out, { id: d.id, name: d.name }];
  }
  return out;
}

/** Distinct non-empty values of a field, most recent first, at most `max` (for input suggestions). */
export function recentValues(rows: LogEntry[], pick: (e: LogEntry) => string | null, max = 30): string[] {
  const seen = new Set<string>();
  for (let i = rows.length - 1; i >= 0 && seen.size < max; i--) {
    const v = pick(rows[i]!);
    if (v) seen.add(v);
  }
  return [...seen];
}
