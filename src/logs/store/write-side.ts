import type Database from 'better-sqlite3';
import type { LogRetention } from '../../contract/logs';
import { NUMERIC_COLUMNS, ROW_COLUMNS, type WireBatch } from './rows';

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
  /** Which of them are numeric (see rows.ts `NUMERIC_COLUMNS`). */
  numeric: readonly boolean[];
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
  // Rows per INSERT statement: each statement run costs a round trip through the driver, which a
  // multi-row INSERT pays once per chunk.
  const CHUNK = 32;
  const cols = deps.columns;
  const numeric = deps.numeric;
  const width = cols.length;
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const head = `INSERT INTO log_entries (${cols.join(', ')}) VALUES `;
  const insertRow = db.prepare(head + tuple);
  const insertChunk = db.prepare(head + new Array(CHUNK).fill(tuple).join(', '));
  const insertFts = db.prepare('INSERT INTO log_fts (rowid, text, host, source) VALUES (?, ?, ?, ?)');
  const maxIdStmt = db.prepare('SELECT coalesce(max(id), 0) AS id FROM log_entries');
  const params: (string | number | null)[] = new Array(CHUNK * width);
  const nanToNull = (v: number): number | null => (v !== v ? null : v);
  const one: (string | number | null)[] = new Array(width);

  const slots = numeric.filter((x) => !x).length + 3; // string values per row (rows.ts STRINGS_PER_ROW)
  const strs: (string | null)[] = new Array(slots).fill(null);

  // Decodes a WireBatch (see rows.ts; lens codes: -1 null, -2 same as the row above, -3 same as the
  // slot before) into `into` at `at`, and the row's three index texts into `index` at 3 * row.
  const insertTx = db.transaction((batch: WireBatch): number => {
    const { count, text, lens, nums } = batch;
    const index: string[] = new Array(count * 3);
    let pos = 0;
    let s = 0;
    let k = 0;
    const decodeRow = (row: number, into: (string | number | null)[], at: number): void => {
      for (let x = 0; x < slots; x++) {
        const code = lens[s++]!;
        if (code >= 0) {
          strs[x] = text.slice(pos, pos + code);
          pos += code;
        } else if (code === -1) strs[x] = null;
        else if (code === -3) strs[x] = strs[x - 1]!;
        // -2: strs[x] still holds the row above's value
      }
      let x = 0;
      for (let c = 0; c < width; c++) into[at + c] = numeric[c] ? nanToNull(nums[k++]!) : strs[x++]!;
      index[row * 3] = strs[slots - 3] ?? '';
      index[row * 3 + 1] = strs[slots - 2] ?? '';
      index[row * 3 + 2] = strs[slots - 1] ?? '';
    };
    let first = 0;
    let next = 0; // the id the next row must get
    let i = 0;
    for (; i + CHUNK <= count; i += CHUNK) {
      for (let r = 0; r < CHUNK; r++) decodeRow(i + r, params, r * width);
      const last = Number(insertChunk.run(params).lastInsertRowid);
      if (i === 0) first = next = last - CHUNK + 1;
      if (last !== next + CHUNK - 1) throw new Error(`log ids not consecutive (${last - CHUNK + 1} after ${next - 1})`);
      next = last + 1;
    }
    for (; i < count; i++) {
      decodeRow(i, one, 0);
      const id = Number(insertRow.run(one).lastInsertRowid);
      if (i === 0) first = next = id;
      if (id !== next) throw new Error(`log ids not consecutive (${id} after ${next - 1})`);
      next = id + 1;
    }
    for (let r = 0; r < count; r++) insertFts.run(first + r, index[r * 3]!, index[r * 3 + 1]!, index[r * 3 + 2]!);
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

  // One slice of the entries received before a time: the oldest by receive time (ties by id), so
  // the FTS delete and the entries delete, run in one transaction, select the same rows. Reads the
  // received_at index.
  const agedSlice = 'SELECT id FROM log_entries WHERE received_at < ? ORDER BY received_at, id LIMIT ?';
  const agedFts = db.prepare(`DELETE FROM log_fts WHERE rowid IN (${agedSlice})`);
  const agedEntries = db.prepare(`DELETE FROM log_entries WHERE id IN (${agedSlice})`);
  const agedTx = db.transaction((before: number): number => {
    agedFts.run(before, PURGE_SLICE);
    return agedEntries.run(before, PURGE_SLICE).changes;
  });

  /**
   * Deletes the entries received before `before`. By receive time, not by id: after the laptop
   * clock stepped back and was corrected, a recent entry can have a smaller id than an old one.
   */
  const deleteReceivedBefore = (before: number): number => {
    let deleted = 0;
    for (;;) {
      const n = agedTx(before);
      deleted += n;
      if (n < PURGE_SLICE) return deleted;
    }
  };

  const deleteThrough = (cutoff: number): number => {
    const first = (db.prepare('SELECT min(id) AS id FROM log_entries').get() as { id: number | null }).id;
    if (first === null) return 0;
    let deleted = 0;
    for (let from = first; from <= cutoff; from += PURGE_SLICE) deleted += slice(from, Math.min(cutoff, from + PURGE_SLICE - 1));
    return deleted;
  };

  return {
    insert: (batch) => (batch.count ? insertTx(batch) : 0),
    maxId,
    applyRetention(policy, now) {
      let deleted = policy.maxAgeDays !== null ? deleteReceivedBefore(now - policy.maxAgeDays * 86_400_000) : 0;
      // Count and size limits keep the newest stored: delete ids <= cutoff.
      let cutoff = 0;
      if (policy.maxEntries !== null) {
        const excess = count() - policy.maxEntries;
        if (excess > 0) {
          const r = db.prepare('SELECT id FROM log_entries ORDER BY id LIMIT 1 OFFSET ?').get(excess - 1) as { id: number };
          cutoff = Math.max(cutoff, r.id);
        }
      }
      if (policy.maxBytes !== null) cutoff = Math.max(cutoff, sizeCutoff(policy.maxBytes));
      if (cutoff > 0) deleted += deleteThrough(cutoff);
      return { deleted, maxId: maxId() };
    },
  };
}

/** The write side's dependencies on the calling thread. */
export function writeSideDeps(): WriteSideDeps {
  return { columns: ROW_COLUMNS, numeric: NUMERIC_COLUMNS };
}
