import type { AlarmSort } from '../../../../../src/contract';

/** Rows per cached page: small enough to arrive fast, large enough that a screen needs one or two. */
export const PAGE_SIZE = 100;
/** Pages kept in memory at most (about 8 000 rows); the least recently used go first. */
export const MAX_CACHED_PAGES = 80;
/** Pages fetched in one call at most (the contract allows 10 000 rows). */
export const MAX_PAGES_PER_CALL = 20;
/**
 * Rows the table scrolls through at most. Chromium cannot lay out an element
 * taller than about 33.5 million pixels; at 28 px a row this keeps below it.
 */
export const MAX_VIRTUAL_ROWS = 1_190_000;

/** Which rows of which list the table needs: `scope` is '' for the flat list, else a device's group. */
export interface RowNeed {
  scope: string;
  /** First and last row index within the scope, inclusive. */
  start: number;
  end: number;
}

/** Cache key of one page of one scope. */
export const pageKey = (scope: string, page: number) => `${scope}|${page}`;

/** The pages covering rows start..end (inclusive) of a list of `total` rows (null: not known yet). */
export function pagesFor(start: number, end: number, total: number | null): number[] {
  const last = total === null ? end : Math.min(end, total - 1);
  if (last < start || start < 0) return [];
  const out: number[] = [];
  for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) out.push(p);
  return out;
}

/** Consecutive page numbers merged into runs of at most {@link MAX_PAGES_PER_CALL}. */
export function pageRuns(pages: number[]): { first: number; count: number }[] {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: { first: number; count: number }[] = [];
  for (const p of sorted) {
    const run = runs[runs.length - 1];
    if (run && run.first + run.count === p && run.count < MAX_PAGES_PER_CALL) run.count++;
    else runs.push({ first: p, count: 1 });
  }
  return runs;
}

/** One list call to make, and how to read its answer back into list order. */
export interface FetchPlan {
  offset: number;
  limit: number;
  order: 'asc' | 'desc';
  /** The call asks from the other end: reverse its items to get list order. */
  reversed: boolean;
}

/**
 * Plans the call for rows offset..offset+limit-1. SQLite walks OFFSET rows one
 * by one, so the far half of a big list is read from the other end: for the
 * time sort (whose tie-break on id flips with the direction) asking in the
 * opposite order with a small offset returns exactly the same rows, reversed.
 * Other sorts keep a fixed tie-break, so they are always read forwards.
 */
export function planFetch(offset: number, limit: number, total: number | null, sort: AlarmSort, order: 'asc' | 'desc'): FetchPlan {
  if (total === null || sort !== 'time' || offset < total / 2) return { offset, limit, order, reversed: false };
  const end = Math.min(total, offset + limit);
  return { offset: total - end, limit: end - offset, order: order === 'asc' ? 'desc' : 'asc', reversed: true };
}

/**
 * Least-recently-used order of cached page keys. `touch` marks keys as just
 * used; `overflow` names the keys to drop to get back to `max`, never one
 * that is `pinned` (on screen).
 */
export class PageLru {
  private readonly order = new Map<string, true>();

  touch(keys: Iterable<string>): void {
    for (const k of keys) {
      this.order.delete(k);
      this.order.set(k, true);
    }
  }

  forget(key: string): void {
    this.order.delete(key);
  }

  clear(): void {
    this.order.clear();
  }

  overflow(max: number, pinned: ReadonlySet<string>): string[] {
    const drop: string[] = [];
    let excess = this.order.size - max;
    for (const k of this.order.keys()) {
      if (excess <= 0) break;
      if (pinned.has(k)) continue;
      drop.push(k);
      excess--;
    }
    for (const k of drop) this.order.delete(k);
    return drop;
  }
}
