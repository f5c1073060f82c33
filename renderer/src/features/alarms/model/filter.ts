import type { AlarmFilter, AlarmKind, AlarmSeverity, AlarmSort, AlarmState } from '../../../../../src/contract';
import { ALARM_SEVERITIES } from '../../../../../src/contract/alarms';

/** The state choice of the filter bar: one contract state, or every state. */
export type StateChoice = AlarmState | 'all';

/**
 * What the filter bar edits. Times are `datetime-local` values (the
 * technician's wall clock, no offset); {@link toContractFilter} adds the offset.
 */
export interface FilterDraft {
  state: StateChoice;
  kind: AlarmKind | 'all';
  devices: string[];
  types: string[];
  severities: AlarmSeverity[];
  since: string;
  until: string;
  text: string;
  flagged: boolean;
}

/** Sort column and direction of the list. */
export interface SortChoice {
  sort: AlarmSort;
  order: 'asc' | 'desc';
}

export const EMPTY_FILTER: FilterDraft = {
  state: 'all',
  kind: 'all',
  devices: [],
  types: [],
  severities: [],
  since: '',
  until: '',
  text: '',
  flagged: false,
};

export const DEFAULT_SORT: SortChoice = { sort: 'time', order: 'desc' };

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** `±hh:mm` for an offset in minutes east of UTC. */
export function offsetText(minutesEast: number): string {
  return `${minutesEast < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(minutesEast) / 60))}:${pad(Math.abs(minutesEast) % 60)}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value read as the technician's local time, as ISO 8601
 * with that moment's UTC offset (the contract wants an offset). `offsetAt`
 * gives minutes east of UTC for a local wall-clock time; tests pass a fixed one.
 * Returns null for an empty or malformed value.
 */
export function localInputToIso(value: string, offsetAt: (local: Date) => number = browserOffset): string | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(local.getTime())) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offsetText(offsetAt(local))}`;
}

/** The browser's offset (minutes east of UTC) at a local time; DST-aware. */
export function browserOffset(local: Date): number {
  return -local.getTimezoneOffset();
}

/** A UTC instant as a `datetime-local` value in the browser's zone (for chart selections); seconds only when not zero. */
export function msToLocalInput(ms: number): string {
  const d = new Date(ms);
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getSeconds() ? `${base}:${pad(d.getSeconds())}` : base;
}

/** The filter the core understands; empty parts are left out so the query stays on its indexes. */
export function toContractFilter(d: FilterDraft, offsetAt?: (local: Date) => number): AlarmFilter {
  const f: AlarmFilter = { state: d.state };
  if (d.kind !== 'all') f.kind = d.kind;
  if (d.devices.length) f.devices = [...d.devices];
  if (d.types.length) f.types = [...d.types];
  // All five severities is the same as none chosen; leaving it out is cheaper.
  if (d.severities.length && d.severities.length < ALARM_SEVERITIES.length) f.severities = [...d.severities];
  const since = localInputToIso(d.since, offsetAt);
  const until = localInputToIso(d.until, offsetAt);
  if (since) f.since = since;
  if (until) f.until = until;
  const text = d.text.trim();
  if (text) f.text = text.slice(0, 200);
  if (d.flagged) f.flagged = true;
  return f;
}

/** How many filter parts differ from "everything" (for the Reset button and the summary). */
export function activeFilterCount(d: FilterDraft): number {
  let n = 0;
  if (d.state !== 'all') n++;
  if (d.kind !== 'all') n++;
  if (d.devices.length) n++;
  if (d.types.length) n++;
  if (d.severities.length && d.severities.length < ALARM_SEVERITIES.length) n++;
  if (d.since.trim()) n++;
  if (d.until.trim()) n++;
  if (d.text.trim()) n++;
  if (d.flagged) n++;
  return n;
}

/** A stable identity for a query: same key, same rows. */
export function queryKey(filter: AlarmFilter, sort: SortChoice, grouped: boolean): string {
  return JSON.stringify([filter, sort.sort, sort.order, grouped]);
}

/** Clicking a column: a new column starts in its natural direction, the same column flips. */
export function nextSort(current: SortChoice, column: AlarmSort): SortChoice {
  if (current.sort === column) return { sort: column, order: current.order === 'asc' ? 'desc' : 'asc' };
  // Newest first and most severe first are what a technician wants first; names read A→Z.
  return { sort: column, order: column === 'time' || column === 'severity' ? 'desc' : 'asc' };
}

/** Adds a value to a chip list once, trimmed; empty values are ignored. */
export function addChip(list: string[], value: string, max: number): string[] {
  const v = value.trim();
  if (!v || list.includes(v) || list.length >= max) return list;
  return [...list, v];
}
