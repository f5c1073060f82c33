import type Database from 'better-sqlite3';
import type { LogEntry, LogFilter, LogRetention, LogSearchResult } from '../../contract/logs';
import type { NewLogEntry } from '../entry';
import { whereFor } from './filter';
import { fromRow, storedEntry, toWire, type LogRow } from './rows';
import { createWriteSide, writeSideDeps, type WriteSide } from './write-side';

/** Index matches joined to their rows (`f` the index, `e` the table). */
const FTS_JOIN = 'log_fts f JOIN log_entries e ON e.id = f.rowid';

/**
 * The log table and its full-text index (migration 003). Reads run on the connection given; writes
 * normally run in the writer thread (writer-thread.ts) through the same {@link createWriteSide}
 * code that {@link insert} and {@link applyRetention} use here, one transaction per batch, so the
 * index and the table never disagree.
 */
export class LogStore {
  private writeSide: WriteSide | null = null;

  constructor(private readonly db: Database.Database) {}

  /** The write statements on this connection, prepared on first use. */
  get writes(): WriteSide {
    this.writeSide ??= createWriteSide(this.db, writeSideDeps());
    return this.writeSide;
  }

  /** Commits a batch in one transaction on this connection; returns the stored entries with their ids. */
  insert(batch: NewLogEntry[]): LogEntry[] {
    if (batch.length === 0) return [];
    const first = this.writes.insert(toWire(batch));
    return batch.map((e, i) => storedEntry(e, first + i));
  }

  get(id: number): LogEntry | null {
    const row = this.db.prepare('SELECT * FROM log_entries WHERE id = ?').get(id) as LogRow | undefined;
    return row ? fromRow(row) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n;
  }

  /**
   * A page of matches and their exact total. With a full-text part the query walks the index
   * (newest or oldest first) and joins each match to its row, so a page costs the page, not the
   * match count; a text-only filter is counted in the index alone, which is ~15x faster than
   * joining (about 5 ms for 100 000 matches in 1 000 000 entries).
   */
  search(filter: LogFilter, opts: { limit: number; offset: number; order: 'newest' | 'oldest' }): LogSearchResult {
    const w = whereFor(filter, 'e.');
    const dir = opts.order === 'newest' ? 'DESC' : 'ASC';
    if (w.fts === null) {
      const total = (this.db.prepare(`SELECT count(*) AS n FROM log_entries e WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
      const rows = this.db
        .prepare(`SELECT * FROM log_entries e WHERE ${w.sql} ORDER BY e.id ${dir} LIMIT ? OFFSET ?`)
        .all(...w.params, opts.limit, opts.offset) as LogRow[];
      return { total, entries: rows.map(fromRow) };
    }
    const rest = w.sql === '1' ? '' : ` AND ${w.sql}`;
    // Table and index are written in the same transactions, so an index match is a stored row.
    const total = rest === ''
      ? (this.db.prepare('SELECT count(*) AS n FROM log_fts WHERE log_fts MATCH ?').get(w.fts) as { n: number }).n
      : (this.db.prepare(`SELECT count(*) AS n FROM ${FTS_JOIN} WHERE f.log_fts MATCH ?${rest}`).get(w.fts, ...w.params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT e.* FROM ${FTS_JOIN} WHERE f.log_fts MATCH ?${rest} ORDER BY f.rowid ${dir} LIMIT ? OFFSET ?`)
      .all(w.fts, ...w.params, opts.limit, opts.offset) as LogRow[];
    return { total, entries: rows.map(fromRow) };
  }

  /** Entries with id > afterId matching the filter, oldest first (keyset paging for exports). */
  page(filter: LogFilter, afterId: number, limit: number): LogEntry[] {
    const w = whereFor(filter, 'e.');
    const rows = (w.fts === null
      ? this.db.prepare(`SELECT * FROM log_entries e WHERE e.id > ? AND ${w.sql} ORDER BY e.id ASC LIMIT ?`).all(afterId, ...w.params, limit)
      : this.db
        .prepare(`SELECT e.* FROM ${FTS_JOIN} WHERE f.log_fts MATCH ? AND f.rowid > ? AND ${w.sql} ORDER BY f.rowid ASC LIMIT ?`)
        .all(w.fts, afterId, ...w.params, limit)) as LogRow[];
    return rows.map(fromRow);
  }

  /** Deletes the oldest entries beyond the policy on this connection; returns how many went. */
  applyRetention(policy: LogRetention, now: number): number {
    return this.writes.applyRetention(policy, now).deleted;
  }
}
