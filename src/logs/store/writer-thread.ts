import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { LogRetention } from '../../contract/logs';
import { NUMERIC_COLUMNS, ROW_COLUMNS, type WireBatch } from './rows';
import { createWriteSide, writeSideDeps, type WriteSide } from './write-side';
import type { StoreSink } from './sink';
import type { WriteResult } from './writer';

/** How the writer thread drives SQLite. */
export interface WriterTuning {
  /** Page cache of the writer's connection, KiB. Default 32 768. */
  cacheKb: number;
  /**
   * FTS5 `automerge`: index segments per level before a merge runs inside an insert transaction.
   * Higher means less merging while busy (16 saves ~10% of the insert cost); the idle merges
   * below bring the segment count back down. Default 16.
   */
  automerge: number;
  /** Quiet time after the last batch before the thread checkpoints the WAL and merges the index, ms. Default 500. */
  idleMs: number;
  /** Rows committed between PASSIVE checkpoints while busy, which bound the WAL in a long burst. Default 200 000. */
  checkpointRows: number;
  /** Pages of FTS merge work per idle step (each its own short transaction). Default 200. */
  mergePages: number;
  /** A PASSIVE checkpoint at least this often, ms, for what other services commit. Default 30 000. */
  checkpointEveryMs: number;
}

export const DEFAULT_TUNING: WriterTuning = {
  cacheKb: 32_768, automerge: 16, idleMs: 500, checkpointRows: 200_000, mergePages: 200, checkpointEveryMs: 30_000,
};

/** What the thread is started with (structured-cloned). */
interface ThreadData {
  file: string;
  sqlitePath: string;
  columns: readonly string[];
  numeric: readonly boolean[];
  tuning: WriterTuning;
}

/** Messages to the thread. */
type ToThread =
  | { t: 'write'; seq: number; epoch: number; batch: WireBatch }
  | { t: 'retention'; seq: number; policy: LogRetention; now: number }
  | { t: 'close'; seq: number };

/** Messages from the thread. */
type FromThread =
  | { t: 'ready' }
  | { t: 'fatal'; message: string }
  | { t: 'written'; seq: number; firstId: number }
  | { t: 'failed'; seq: number; message: string; refused: boolean }
  | { t: 'retention'; seq: number; deleted: number; maxId: number }
  | { t: 'retentionFailed'; seq: number; message: string }
  | { t: 'closed'; seq: number }
  | { t: 'warning'; message: string };

interface ThreadPort {
  on(event: 'message', cb: (m: ToThread) => void): void;
  postMessage(m: FromThread): void;
}

interface ThreadEnv {
  port: ThreadPort;
  data: ThreadData;
  Database: typeof Database;
  createWriteSide: typeof createWriteSide;
}

/**
 * The writer thread's body. Self-contained like createWriteSide: the thread runs its source text.
 * It owns one connection, commits each batch in one transaction, refuses the rest of an epoch after
 * a failure (so the main thread can resend in order), and when idle checkpoints the WAL (PASSIVE:
 * never waits for readers) and merges FTS segments in small steps.
 */
function writerThreadMain(env: ThreadEnv): void {
  const { port, data } = env;
  const tuning = data.tuning;
  const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
  let db: Database.Database;
  let side: WriteSide;
  try {
    db = new env.Database(data.file);
    db.pragma('journal_mode = WAL');
    // Committed transactions survive a killed process; only power loss can take the last ones.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${Math.max(1024, Math.floor(tuning.cacheKb))}`);
    // This thread checkpoints itself: when idle, and every checkpointRows while busy.
    db.pragma('wal_autocheckpoint = 0');
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    db.pragma('temp_store = MEMORY');
    const am = (db.prepare("SELECT v FROM log_fts_config WHERE k = 'automerge'").get() as { v: number } | undefined)?.v;
    const automerge = Math.max(0, Math.min(64, Math.floor(tuning.automerge)));
    // FTS5 configuration values cannot be bound parameters; a clamped integer is safe to inline.
    if (am !== automerge) db.exec(`INSERT INTO log_fts(log_fts, rank) VALUES ('automerge', ${automerge})`);
    side = env.createWriteSide(db, { columns: data.columns, numeric: data.numeric });
  } catch (err) {
    port.postMessage({ t: 'fatal', message: errText(err) });
    return;
  }
  const mergeStmt = db.prepare("INSERT INTO log_fts(log_fts, rank) VALUES ('merge', ?)");
  const changes = db.prepare('SELECT total_changes() AS n');
  let failedEpoch = -1;
  let rowsSinceCheckpoint = 0;
  let dirty = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const checkpoint = (): void => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      port.postMessage({ t: 'warning', message: `WAL checkpoint failed: ${errText(err)}` });
    }
    rowsSinceCheckpoint = 0;
  };

  // One merge step per turn of the event loop, so a batch arriving meanwhile goes first.
  const mergeStep = (): void => {
    idleTimer = null;
    if (closed) return;
    let worked = false;
    try {
      const before = (changes.get() as { n: number }).n;
      mergeStmt.run(tuning.mergePages);
      worked = (changes.get() as { n: number }).n - before > 1;
    } catch (err) {
      port.postMessage({ t: 'warning', message: `index merge failed: ${errText(err)}` });
    }
    if (worked) idleTimer = setTimeout(mergeStep, 0);
    else {
      checkpoint();
      dirty = false;
    }
  };

  // The main connection does not checkpoint while this thread runs (see WriterThread): other
  // services' commits are checkpointed here too, now and then.
  const periodic = setInterval(() => {
    if (idleTimer === null) checkpoint();
  }, tuning.checkpointEveryMs);

  const armIdle = (): void => {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = dirty ? setTimeout(mergeStep, tuning.idleMs) : null;
  };

  port.on('message', (m) => {
    if (closed) return;
    if (m.t === 'write') {
      if (m.epoch === failedEpoch) {
        port.postMessage({ t: 'failed', seq: m.seq, message: 'refused after an earlier failure', refused: true });
        return;
      }
      try {
        const firstId = side.insert(m.batch);
        port.postMessage({ t: 'written', seq: m.seq, firstId });
        dirty = true;
        rowsSinceCheckpoint += m.batch.count;
        if (rowsSinceCheckpoint >= tuning.checkpointRows) checkpoint();
      } catch (err) {
        failedEpoch = m.epoch;
        port.postMessage({ t: 'failed', seq: m.seq, message: errText(err), refused: false });
      }
      armIdle();
    } else if (m.t === 'retention') {
      try {
        const r = side.applyRetention(m.policy, m.now);
        port.postMessage({ t: 'retention', seq: m.seq, deleted: r.deleted, maxId: r.maxId });
        if (r.deleted > 0) dirty = true;
      } catch (err) {
        port.postMessage({ t: 'retentionFailed', seq: m.seq, message: errText(err) });
      }
      armIdle();
    } else if (m.t === 'close') {
      closed = true;
      clearInterval(periodic);
      if (idleTimer !== null) clearTimeout(idleTimer);
      if (dirty) checkpoint();
      try {
        db.close();
      } catch {
        // Closing cannot lose anything: every batch was committed or refused.
      }
      port.postMessage({ t: 'closed', seq: m.seq });
    }
  });
  port.postMessage({ t: 'ready' });
}

/**
 * The file of the better-sqlite3 that opened the main connection, for the thread to require. It is
 * loaded already, so its path is in the CommonJS module cache whichever bundle or loader runs this
 * module (tsx, the ESM CLI bundle, the CJS Electron bundle), without `import.meta`, which a CJS
 * bundle empties.
 */
function sqliteModulePath(): string {
  const req = createRequire(join(process.cwd(), 'fieldkit.js'));
  for (const file of Object.keys(req.cache)) if (/[\\/]better-sqlite3[\\/]lib[\\/]index\.js$/.test(file)) return file;
  return req.resolve('better-sqlite3');
}

/**
 * The thread's program: the self-contained functions' source, so it survives any bundler (nothing
 * is loaded from a path that bundling would move). Only better-sqlite3 is required, by its resolved
 * path.
 */
function threadSource(): string {
  return [
    "'use strict';",
    "const { parentPort, workerData } = require('node:worker_threads');",
    // esbuild's keepNames (tsx uses it) wraps named functions in __name(); the copied source needs it.
    'var __name = (fn) => fn;',
    `const createWriteSide = (${createWriteSide.toString()});`,
    `(${writerThreadMain.toString()})({ port: parentPort, data: workerData, Database: require(workerData.sqlitePath), createWriteSide });`,
  ].join('\n');
}

type Pending =
  | { kind: 'write'; rows: number; done: (r: WriteResult) => void }
  | { kind: 'retention'; resolve: (r: { deleted: number; maxId: number }) => void; reject: (e: Error) => void }
  | { kind: 'close'; resolve: () => void };

/** Options for {@link WriterThread}. */
export interface WriterThreadOptions {
  /** The main thread's connection to the same file: it reads what a crashed thread committed. */
  db: Database.Database;
  tuning?: Partial<WriterTuning>;
  /** Thread crashes in a row (no commit in between) it restarts after; then it writes on this thread. Default 3. */
  maxRestarts?: number;
  /** Problems worth a log line: crashes, the fallback, failed checkpoints. */
  onError?: (msg: string, err: unknown) => void;
}

/**
 * A sink (see writer.ts `BatchSink`) that commits in a worker thread with its own connection (WAL
 * allows one writer beside the readers), so commits, checkpoints and index merges never stall the
 * sockets.
 *
 * If the thread dies, what it had committed is read back from the database (ids are consecutive,
 * so the largest id says which batches made it), the rest is refused and resent by the writer, and
 * the thread is restarted. After `maxRestarts` crashes in a row it gives up on threads, says so
 * through `onError`, and writes on the main thread instead (slower, but nothing is lost).
 */
export class WriterThread implements StoreSink {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  /** The largest id known to be committed. */
  private lastId: number;
  private crashesInARow = 0;
  private lastThreadError: unknown = null;
  private fallback: WriteSide | null = null;
  private closing = false;
  private readonly tuning: WriterTuning;
  private readonly maxRestarts: number;
  private restoreAutocheckpoint: number | null = null;
  /** Threads started so far (1 + restarts). */
  starts = 0;
  /** Batches a dead thread had committed without acknowledging them, acknowledged from the database. */
  recovered = 0;

  constructor(private readonly opts: WriterThreadOptions) {
    if (opts.db.memory || !opts.db.name) throw new Error('the writer thread needs a database file, not :memory:');
    this.tuning = { ...DEFAULT_TUNING, ...opts.tuning };
    this.maxRestarts = Math.max(0, opts.maxRestarts ?? 3);
    // Started on the first write: one-shot commands (a search, an export) never need it.
    this.lastId = 0;
  }

  /** The running thread (null before the first write, after close, or after the fallback). For diagnostics and crash tests. */
  get thread(): Worker | null {
    return this.worker;
  }

  /** True once it gave up on threads and writes on the main thread. */
  get onMainThread(): boolean {
    return this.fallback !== null;
  }

  write(batch: WireBatch, epoch: number, done: (r: WriteResult) => void): void {
    if (this.fallback) {
      let firstId: number;
      try {
        firstId = this.fallback.insert(batch);
      } catch (error) {
        done({ ok: false, error });
        return;
      }
      this.lastId = firstId + batch.count - 1;
      done({ ok: true, firstId });
      return;
    }
    if (this.closing) {
      done({ ok: false, error: new Error('log writer thread is closed') });
      return;
    }
    const worker = this.ensureThread();
    const seq = ++this.seq;
    this.track(seq, { kind: 'write', rows: batch.count, done });
    // The arrays are moved, not copied: the batch is not used again here (a resend encodes anew).
    worker.postMessage({ t: 'write', seq, epoch, batch } satisfies ToThread, [batch.lens.buffer, batch.nums.buffer]);
  }

  /** Applies retention in the writer (it deletes, so it belongs with the writes). */
  applyRetention(policy: LogRetention, now: number): Promise<{ deleted: number; maxId: number }> {
    if (this.fallback) {
      try {
        return Promise.resolve(this.fallback.applyRetention(policy, now));
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    if (this.closing) return Promise.reject(new Error('log writer thread is closed'));
    const worker = this.ensureThread();
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.track(seq, { kind: 'retention', resolve, reject });
      worker.postMessage({ t: 'retention', seq, policy, now } satisfies ToThread);
    });
  }

  /** Checkpoints and closes the thread's connection, then ends the thread. Call after the last write. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const w = this.worker;
    if (w) {
      const seq = ++this.seq;
      await new Promise<void>((resolve) => {
        this.track(seq, { kind: 'close', resolve });
        w.postMessage({ t: 'close', seq } satisfies ToThread);
      });
      this.worker = null;
      await w.terminate();
    }
    this.restoreCheckpoints();
  }

  /** The running thread, started (the first time, or after a crash) when needed. */
  private ensureThread(): Worker {
    if (this.worker) return this.worker;
    if (this.restoreAutocheckpoint === null) {
      // The main connection must not checkpoint a WAL that a burst made large: a commit of another
      // service would then copy it back on the UI thread. The writer thread checkpoints instead.
      this.restoreAutocheckpoint = this.opts.db.pragma('wal_autocheckpoint', { simple: true }) as number;
      this.opts.db.pragma('wal_autocheckpoint = 0');
    }
    this.lastId = this.maxIdOnMain();
    this.startThread();
    return this.worker!;
  }

  private restoreCheckpoints(): void {
    if (this.restoreAutocheckpoint !== null && this.opts.db.open) this.opts.db.pragma(`wal_autocheckpoint = ${this.restoreAutocheckpoint}`);
    this.restoreAutocheckpoint = null;
  }

  private startThread(): void {
    this.starts++;
    const data: ThreadData = {
      file: this.opts.db.name,
      sqlitePath: sqliteModulePath(),
      columns: ROW_COLUMNS,
      numeric: NUMERIC_COLUMNS,
      tuning: this.tuning,
    };
    // No execArgv: the thread needs no loader (tsx) and starts faster without one.
    const w = new Worker(threadSource(), { eval: true, workerData: data, execArgv: [] });
    this.worker = w;
    w.unref();
    w.on('message', (m: FromThread) => this.onMessage(m));
    w.on('error', (err) => (this.lastThreadError = err));
    w.on('exit', (code) => {
      if (this.worker === w) this.onCrash(code);
    });
  }

  private track(seq: number, p: Pending): void {
    // A pending request keeps the process alive until its answer arrives; an idle thread does not.
    if (this.pending.size === 0) this.worker?.ref();
    this.pending.set(seq, p);
  }

  private take(seq: number): Pending | undefined {
    const p = this.pending.get(seq);
    this.pending.delete(seq);
    if (this.pending.size === 0) this.worker?.unref();
    return p;
  }

  private onMessage(m: FromThread): void {
    switch (m.t) {
      case 'ready':
        return;
      case 'fatal':
        this.lastThreadError = new Error(m.message);
        return; // the thread ends; 'exit' follows
      case 'warning':
        this.opts.onError?.('log writer thread', new Error(m.message));
        return;
      case 'written': {
        const p = this.take(m.seq);
        if (p?.kind !== 'write') return;
        this.crashesInARow = 0;
        this.lastId = m.firstId + p.rows - 1;
        p.done({ ok: true, firstId: m.firstId });
        return;
      }
      case 'failed': {
        const p = this.take(m.seq);
        if (p?.kind === 'write') p.done({ ok: false, error: new Error(m.message), refused: m.refused });
        return;
      }
      case 'retention': {
        const p = this.take(m.seq);
        this.lastId = m.maxId;
        if (p?.kind === 'retention') p.resolve({ deleted: m.deleted, maxId: m.maxId });
        return;
      }
      case 'retentionFailed': {
        const p = this.take(m.seq);
        if (p?.kind === 'retention') p.reject(new Error(m.message));
        return;
      }
      case 'closed': {
        const p = this.take(m.seq);
        if (p?.kind === 'close') p.resolve();
        return;
      }
    }
  }

  /** The thread ended unexpectedly: settle what it was doing from what the database holds, then restart. */
  private onCrash(code: number): void {
    this.worker = null;
    const err = this.lastThreadError ?? new Error(`log writer thread exited (code ${code})`);
    this.lastThreadError = null;
    this.crashesInARow++;
    const pending = [...this.pending.values()];
    this.pending.clear();
    let committed = this.maxIdOnMain() - this.lastId;
    let failedOne = false;
    for (const p of pending) {
      if (p.kind === 'close') p.resolve();
      else if (p.kind === 'retention') p.reject(new Error(`log writer thread stopped: ${(err as Error).message ?? err}`));
      else if (!failedOne && committed >= p.rows) {
        // Its transaction committed before the thread died: acknowledge it now.
        committed -= p.rows;
        this.recovered++;
        const firstId = this.lastId + 1;
        this.lastId += p.rows;
        p.done({ ok: true, firstId });
      } else {
        p.done({ ok: false, error: err, refused: failedOne });
        failedOne = true;
      }
    }
    if (committed !== 0) {
      // Only retention emptying the table during the crash can cause this: ids were reused.
      this.opts.onError?.(`log writer thread crash: ${committed} committed rows could not be matched to batches`, err);
    }
    if (this.closing) return;
    if (this.crashesInARow > this.maxRestarts) {
      this.opts.onError?.(`log writer thread failed ${this.crashesInARow} times in a row; writing on the main thread from now on (slower)`, err);
      this.fallback = createWriteSide(this.opts.db, writeSideDeps());
      this.restoreCheckpoints();
      return;
    }
    this.opts.onError?.('log writer thread stopped; restarting it', err);
    this.ensureThread();
  }

  private maxIdOnMain(): number {
    return (this.opts.db.prepare('SELECT coalesce(max(id), 0) AS id FROM log_entries').get() as { id: number }).id;
  }
}
