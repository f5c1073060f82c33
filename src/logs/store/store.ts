import type Database from 'better-sqlite3';
import type { LogEntry, LogFilter, LogRetention, LogSearchResult } from '../../contract/logs';
import type { NewLogEntry } from '../entry';
import { whereFor } from './filter';
import { indexText } from './fts-text';
import { fromRow, toRow, type LogRow } from './rows';

const COLUMNS = [
  'received_at', 'time', 'time_raw', 'transport', 'source', 'source_address', 'source_port', 'device_id',
  'device_name', 'host', 'app', 'procid', 'msgid', 'facility', 'severity', 'structured', 'message', 'format',
  'flags', 'problems', 'raw', 'raw_hex', 'size',
] as const;

/** Retention deletes in slices so a big purge never holds the write lock for long. */
const PURGE_SLICE = 20_000;

function sdValues(e: NewLogEntry): string[] {
  const out: string[] = [];
  for (const el of e.structured) for (const v of Object.values(el.params)) out.push(...(Array.isArray(v) ? v : [v]));
  return out;
}

/**
 * The log table and its full-text index (migration 003). All writes go through {@link insert}, one
 * transaction per batch, so the index and the table never disagree.
 */
export class LogStore {
  private readonly insertRow: Database.Statement;
  private readonly insertFts: Database.Statement;
  private readonly insertMany: (batch: NewLogEntry[]) => LogEntry[];

  constructor(private readonly db: Database.Database) {
    this.insertRow = db.prepare(`INSERT INTO log_entries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    this.insertFts = db.prepare('INSERT INTO log_fts (rowid, text, host, source) VALUES (?, ?, ?, ?)');
    this.insertMany = db.transaction((batch: NewLogEntry[]) => {
      const out: LogEntry[] = [];
      for (const e of batch) {
        const row = toRow(e);
        const id = Number(this.insertRow.run(row).lastInsertRowid);
        this.insertFts.run(id, indexText([e.message, e.app, e.msgid, ...sdValues(e)]), indexText([e.host]), indexText([e.source]));
        out.push(fromRow({ id, ...row }));
      }
      return out;
    });
  }

  /** Commits a batch in one transaction; returns the stored entries with their ids. */
  insert(batch: NewLogEntry[]): LogEntry[] {
    return batch.length ? this.insertMany(batch) : [];
  }

  get(id: number): LogEntry | null {
    const row = this.db.prepare('SELECT * FROM log_entries WHERE id = ?').get(id) as LogRow | undefined;
    return row ? fromRow(row) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n;
  }

  search(filter: LogFilter, opts: { limit: number; offset: number; order: 'newest' | 'oldest' }): LogSearchResult {
    const w = whereFor(filter);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM log_entries WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
    const dir = opts.order === 'newest' ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare(`SELECT * FROM log_entries WHERE ${w.sql} ORDER BY id ${dir} LIMIT ? OFFSET ?`)
      .all(...w.params, opts.limit, opts.offset) as LogRow[];
    return { total, entries: rows.map(fromRow) };
  }

  /** Entries with id > afterId matching the filter, oldest first (keyset paging for exports). */
  page(filter: LogFilter, afterId: number, limit: number): LogEntry[] {
    const w = whereFor(filter);
    const rows = this.db
      .prepare(`SELECT * FROM log_entries WHERE id > ? AND ${w.sql} ORDER BY id ASC LIMIT ?`)
      .all(afterId, ...w.params, limit) as LogRow[];
    return rows.map(fromRow);
  }

  /** Deletes the oldest entries beyond the policy; returns how many went. */
  applyRetention(policy: LogRetention, now: number): number {
    let cutoff = 0; // delete ids <= cutoff
    if (policy.maxAgeDays !== null) {
      const before = now - policy.maxAgeDays * 86_400_000;
      const r = this.db.prepare('SELECT max(id) AS id FROM log_entries WHERE received_at < ?').get(before) as { id: number | null };
      cutoff = Math.max(cutoff, r.id ?? 0);
    }
    if (policy.maxEntries !== null) {
      const excess = this.count() - policy.maxEntries;
      if (excess > 0) {
        const r = this.db.prepare('SELECT id FROM log_entries ORDER BY id LIMIT 1 OFFSET ?').get(excess - 1) as { id: number };
        cutoff = Math.max(cutoff, r.id);
      }
    }
    if (policy.maxBytes !== null) cutoff = Math.max(cutoff, this.sizeCutoff(policy.maxBytes));
    return cutoff > 0 ? this.deleteThrough(cutoff) : 0;
  }

  /** The id through which entries must go so the rest fit in `maxBytes`; 0 if they already fit. */
  private sizeCutoff(maxBytes: number): number {
    const total = (this.db.prepare('SELECT coalesce(sum(size), 0) AS s FROM log_entries').get() as { s: number }).s;
    let excess = total - maxBytes;
    if (excess <= 0) return 0;
    let cutoff = 0;
    for (const r of this.db.prepare('SELECT id, size FROM log_entries ORDER BY id').iterate() as Iterable<{ id: number; size: number }>) {
      cutoff = r.id;
      excess -= r.size;
      if (excess <= 0) break;
    }
    return cutoff;
  }

  private deleteThrough(cutoff: number): number {
    const slice = this.db.transaction((from: number, to: number) => {
      this.db.prepare('DELETE FROM log_fts WHERE rowid >= ? AND rowid <= ?').run(from, to);
      return this.db.prepare('DELETE FROM log_entries WHERE id >= ? AND id <= ?').run(from, to).changes;
    });
    const first = (this.db.prepare('SELECT min(id) AS id FROM log_entries').get() as { id: number | null }).id;
    if (first === null) return 0;
    let deleted = 0;
    for (let from = first; from <= cutoff; from += PURGE_SLICE) deleted += slice(from, Math.min(cutoff, from + PURGE_SLICE - 1));
    return deleted;
  }
}
