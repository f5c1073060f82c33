import type Database from 'better-sqlite3';
import type { LogRetention } from '../../contract/logs';
import { CJK_CLASS, makeCjkSpacer } from './fts-text';
import { ROW_COLUMNS, type WireBatch } from './rows';

/** Everything that writes to `log_entries` and `log_fts`, on one connection. */
export interface WriteSide {
  /** Inserts a batch in one transaction; returns the first id (ids are consecutive; 0 for an empty batch). */
  insert(batch: WireBatch): number;
  /** Deletes the oldest entries beyond the policy; returns how many went and the largest id left. */
  applyRetention(policy: LogRetention, now: number): { deleted: number; maxId: number };
  /** The largest id stored (0 when empty). */
  maxId(): number;
}

/** What {@link createWriteSide} needs from outside (passed in so it stays self-contained). */
export interface WriteSideDeps {
  /** `log_entries` columns in {@link WireBatch} row order. */
  columns: readonly string[];
  /** Spaces CJK characters so each is a token (see fts-text.ts `makeCjkSpacer`). */
  spaceCjk: (text: string) => string;
}

/**
 * The write statements of the log store. The function is self-contained on purpose: it references
 * nothing but its arguments, so the writer thread can run its source text (see writer-thread.ts)
 * whatever bundler built this file, and the main thread runs the very same code for in-memory
 * databases and tests.
 */
export function createWriteSide(db: Database.Database, deps: WriteSideDeps): WriteSide {
  // Retention deletes in slices so a big purge never holds the write lock for long.
  const PURGE_SLICE = 20_000;
  // Rows per INSERT statement. The table's CHECK (x IN (...)) constraints rebuild their lookup
  // table once per statement run, and each run costs a round trip through the driver: a multi-row
  // INSERT pays both once per chunk (about 2.5 µs of ~6 µs per row for one row per run).
  const CHUNK = 32;
  const cols = deps.columns;
  const width = cols.length;
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const head = `INSERT INTO log_entries (${cols.join(', ')}) VALUES `;
  const insertRow = db.prepare(head + tuple);
  const insertChunk = db.prepare(head + new Array(CHUNK).fill(tuple).join(', '));
  const insertFts = db.prepare('INSERT INTO log_fts (rowid, text, host, source) VALUES (?, ?, ?, ?)');
  const maxIdStmt = db.prepare('SELECT coalesce(max(id), 0) AS id FROM log_entries');
  const space = deps.spaceCjk;
  const params: (string | number | null)[] = new Array(CHUNK * width);

  const insertTx = db.transaction((batch: WireBatch): number => {
    const { rows, text } = batch;
    let first = 0;
    let next = 0; // the id the next row must get
    let i = 0;
    for (; i + CHUNK <= rows.length; i += CHUNK) {
      for (let r = 0; r < CHUNK; r++) {
        const row = rows[i + r]!;
        for (let c = 0; c < width; c++) params[r * width + c] = row[c]!;
      }
      const last = Number(insertChunk.run(params).lastInsertRowid);
      if (i === 0) first = next = last - CHUNK + 1;
      if (last !== next + CHUNK - 1) throw new Error(`log ids not consecutive (${last - CHUNK + 1} after ${next - 1})`);
      next = last + 1;
    }
    for (; i < rows.length; i++) {
      const id = Number(insertRow.run(rows[i]!).lastInsertRowid);
      if (i === 0) first = next = id;
      if (id !== next) throw new Error(`log ids not consecutive (${id} after ${next - 1})`);
      next = id + 1;
    }
    for (let r = 0; r < rows.length; r++) {
      insertFts.run(first + r, space(text[r * 3]!), space(text[r * 3 + 1]!), space(text[r * 3 + 2]!));
    }
    return first;
  });

  const maxId = (): number => (maxIdStmt.get() as { id: number }).id;
  const count = (): number => (db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n;

  /** The id through which entries must go so the rest fit in `maxBytes`; 0 if they already fit. */
  const sizeCutoff = (maxBytes: number): number => {
    const total = (db.prepare('SELECT coalesce(sum(size), 0) AS s FROM log_entries').get() as { s: number }).s;
    let excess = total - maxBytes;
    if (excess <= 0) return 0;
    let cutoff = 0;
    for (const r of db.prepare('SELECT id, size FROM log_entries ORDER BY id').iterate() as Iterable<{ id: number; size: number }>) {
      cutoff = r.id;
      excess -= r.size;
      if (excess <= 0) break;
    }
    return cutoff;
  };

  const slice = db.transaction((from: number, to: number): number => {
    db.prepare('DELETE FROM log_fts WHERE rowid >= ? AND rowid <= ?').run(from, to);
    return db.prepare('DELETE FROM log_entries WHERE id >= ? AND id <= ?').run(from, to).changes;
  });

  const deleteThrough = (cutoff: number): number => {
    const first = (db.prepare('SELECT min(id) AS id FROM log_entries').get() as { id: number | null }).id;
    if (first === null) return 0;
    let deleted = 0;
    for (let from = first; from <= cutoff; from += PURGE_SLICE) deleted += slice(from, Math.min(cutoff, from + PURGE_SLICE - 1));
    return deleted;
  };

  return {
    insert: (batch) => (batch.rows.length ? insertTx(batch) : 0),
    maxId,
    applyRetention(policy, now) {
      let cutoff = 0; // delete ids <= cutoff
      if (policy.maxAgeDays !== null) {
        const before = now - policy.maxAgeDays * 86_400_000;
        const r = db.prepare('SELECT max(id) AS id FROM log_entries WHERE received_at < ?').get(before) as { id: number | null };
        cutoff = Math.max(cutoff, r.id ?? 0);
      }
      if (policy.maxEntries !== null) {
        const excess = count() - policy.maxEntries;
        if (excess > 0) {
          const r = db.prepare('SELECT id FROM log_entries ORDER BY id LIMIT 1 OFFSET ?').get(excess - 1) as { id: number };
          cutoff = Math.max(cutoff, r.id);
        }
      }
      if (policy.maxBytes !== null) cutoff = Math.max(cutoff, sizeCutoff(policy.maxBytes));
      const deleted = cutoff > 0 ? deleteThrough(cutoff) : 0;
      return { deleted, maxId: maxId() };
    },
  };
}

/** The write side's dependencies on the calling thread. */
export function writeSideDeps(): WriteSideDeps {
  return { columns: ROW_COLUMNS, spaceCjk: makeCjkSpacer(CJK_CLASS) };
}
