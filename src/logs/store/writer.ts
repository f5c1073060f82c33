import type { LogEntry } from '../../contract/logs';
import type { NewLogEntry } from '../entry';
import { storedEntry, toWire, type WireBatch } from './rows';

/** Timers, injectable so unit tests drive flushes without waiting. */
export interface WriterTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` after pending I/O callbacks (setImmediate in Node). */
  defer(fn: () => void): unknown;
}

export const nodeTimers: WriterTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  defer: (fn) => setImmediate(fn),
};

/** How a batch write ended. */
export type WriteResult =
  | { ok: true; firstId: number }
  /** `refused`: not attempted because an earlier batch of the same epoch failed (order is kept). */
  | { ok: false; error: unknown; refused?: boolean };

/**
 * Where batches are committed: the writer thread, or the store on this thread. Batches are
 * committed in the order given, one transaction each, and `done` is called once per batch in that
 * order (possibly synchronously). Once a batch fails, the sink refuses the later batches of the
 * same epoch; the writer sends them again, in order, with a new epoch.
 */
export interface BatchSink {
  write(batch: WireBatch, epoch: number, done: (result: WriteResult) => void): void;
}

/** Options for {@link LogWriter}. */
export interface LogWriterOptions {
  /**
   * Most entries not yet committed (waiting or being written); beyond it droppable (UDP) entries are
   * dropped and counted and stream receivers are told to pause. Default 50 000.
   */
  capacity?: number;
  /** With no batch being written, one is sent once this many entries wait. Default 500. */
  batchSize?: number;
  /**
   * Most entries in one transaction. When the writer falls behind, a transaction takes the backlog
   * up to this many (default 10 × batchSize): fewer commits and index flushes is what lets it catch up
   * (500 → 5 000 rows per transaction: +30-45%; beyond that the gain is lost in memory and GC).
   */
  maxBatch?: number;
  /**
   * Batches handed to the sink before the first is acknowledged (default 2): a second full batch
   * waits in the writer thread so it never idles while the acknowledgement travels back.
   */
  maxInFlight?: number;
  /** Longest an entry waits before its batch is sent, in ms; also the retry delay after a failure. Default 100. */
  intervalMs?: number;
  /** Consecutive failed writes after which pending flushes give up (the writer keeps retrying). Default 3. */
  flushAttempts?: number;
  timers?: WriterTimers;
  /** Called after each commit with the stored entries (ids assigned), in commit order. */
  onCommitted?: (entries: LogEntry[]) => void;
  /**
   * Called after each commit with the entries as queued and the id of the first (ids are
   * consecutive), in commit order: for callers that need contract entries for only some of them.
   */
  onStored?: (entries: readonly NewLogEntry[], firstId: number) => void;
  /** Called when a write fails; the entries stay queued and are retried. */
  onError?: (err: unknown) => void;
}

interface InFlight {
  entries: NewLogEntry[];
  settled: boolean;
}

interface FlushWaiter {
  target: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * A bounded queue in front of a {@link BatchSink}, sent in batches by count and by time. Receivers
 * call {@link offer}: a droppable (UDP) entry is refused and counted when the writer holds
 * `capacity` uncommitted entries; a stream (TCP, serial) entry is always taken (it was already read)
 * and stream receivers pause while {@link pressure} is true, resuming on the `drain` callback, so
 * TCP loses nothing. An entry counts as `stored` only once the sink acknowledged its commit.
 */
export class LogWriter {
  private queue: NewLogEntry[] = [];
  private inFlight: InFlight[] = [];
  private inFlightEntries = 0;
  private epoch = 0;
  private timer: unknown = null;
  private deferred = false;
  private retryTimer: unknown = null;
  private failures = 0;
  private lastError: unknown = null;
  private closed = false;
  private readonly capacity: number;
  private readonly batchSize: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly intervalMs: number;
  private readonly flushAttempts: number;
  private readonly timers: WriterTimers;
  private readonly drainListeners = new Set<() => void>();
  private flushWaiters: FlushWaiter[] = [];
  private wasPressured = false;
  stored = 0;
  dropped = 0;

  constructor(
    private readonly sink: BatchSink,
    private readonly opts: LogWriterOptions = {},
  ) {
    this.capacity = Math.max(1, opts.capacity ?? 50_000);
    this.batchSize = Math.max(1, opts.batchSize ?? 500);
    this.maxBatch = Math.max(this.batchSize, opts.maxBatch ?? this.batchSize * 10);
    this.maxInFlight = Math.max(1, opts.maxInFlight ?? 2);
    this.intervalMs = Math.max(0, opts.intervalMs ?? 100);
    this.flushAttempts = Math.max(1, opts.flushAttempts ?? 3);
    this.timers = opts.timers ?? nodeTimers;
  }

  /** Entries accepted but not yet committed (waiting plus being written). */
  get queued(): number {
    return this.queue.length + this.inFlightEntries;
  }

  /** Batches handed to the sink and not yet acknowledged. */
  get writing(): number {
    return this.inFlight.length;
  }

  /** True while the uncommitted entries reach the capacity: stream receivers should stop reading. */
  get pressure(): boolean {
    return this.queued >= this.capacity;
  }

  /** Subscribe to the backlog falling back to half the capacity after pressure. Returns unsubscribe. */
  onDrain(cb: () => void): () => void {
    this.drainListeners.add(cb);
    return () => this.drainListeners.delete(cb);
  }

  /** Queue an entry. Returns false (and counts a drop) when it is droppable and the writer is full. */
  offer(entry: NewLogEntry, droppable: boolean): boolean {
    if (this.closed) throw new Error('log writer is closed');
    if (droppable && this.queued >= this.capacity) {
      this.dropped++;
      return false;
    }
    this.queue.push(entry);
    if (this.pressure) this.wasPressured = true;
    this.schedule();
    return true;
  }

  /**
   * Sends everything queued now, without waiting for a full batch, and resolves once every entry
   * accepted before the call is committed. Rejects after `flushAttempts` consecutive failed writes.
   */
  flush(): Promise<void> {
    const target = this.stored + this.queued;
    if (this.stored >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.flushWaiters.push({ target, resolve, reject });
      this.schedule();
    });
  }

  /** Flushes, then refuses further entries. A flush that keeps failing is reported and abandoned. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } catch (err) {
      this.opts.onError?.(err);
    }
    this.closed = true;
    this.clearTimer();
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Decides when the next batch goes: now (deferred), after the interval, or on an acknowledgement. */
  private schedule(): void {
    if (this.retryTimer !== null || this.queue.length === 0) return;
    const slots = this.maxInFlight - this.inFlight.length;
    if (slots <= 0) return; // the next acknowledgement schedules again
    const ready = this.flushWaiters.length > 0 ||
      (this.inFlight.length === 0 ? this.queue.length >= this.batchSize : this.queue.length >= this.maxBatch);
    if (ready) {
      this.clearTimer();
      this.scheduleSoon();
    } else if (this.timer === null && this.inFlight.length === 0) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        this.sendOne();
      }, this.intervalMs);
    }
  }

  private scheduleSoon(): void {
    if (this.deferred) return;
    this.deferred = true;
    // Deferred rather than inline so the receive callbacks already queued by the OS join this batch.
    this.timers.defer(() => {
      this.deferred = false;
      this.sendOne();
    });
  }

  /** Hands one batch of up to maxBatch entries to the sink. */
  private sendOne(): void {
    if (this.closed || this.retryTimer !== null || this.queue.length === 0 || this.inFlight.length >= this.maxInFlight) return;
    this.clearTimer();
    const entries = this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
    this.queue = entries === this.queue ? [] : this.queue.slice(entries.length);
    const rec: InFlight = { entries, settled: false };
    this.inFlight.push(rec);
    this.inFlightEntries += entries.length;
    this.sink.write(toWire(entries), this.epoch, (r) => this.settle(rec, r));
    this.schedule();
  }

  private settle(rec: InFlight, r: WriteResult): void {
    // Already given back by an earlier batch's failure: the sink refused it, it will be sent again.
    if (rec.settled) return;
    rec.settled = true;
    const at = this.inFlight.indexOf(rec);
    if (r.ok) {
      this.inFlight.splice(at, 1);
      this.inFlightEntries -= rec.entries.length;
      this.stored += rec.entries.length;
      this.failures = 0;
      this.opts.onStored?.(rec.entries, r.firstId);
      if (this.opts.onCommitted) this.opts.onCommitted(rec.entries.map((e, i) => storedEntry(e, r.firstId + i)));
      if (this.wasPressured && this.queued <= this.capacity / 2) {
        this.wasPressured = false;
        for (const cb of this.drainListeners) cb();
      }
      this.settleFlushes();
      this.schedule();
      return;
    }
    // Failed: this batch and every later one go back to the front of the queue, in order.
    const back = this.inFlight.splice(at);
    const returned: NewLogEntry[] = [];
    for (const b of back) {
      b.settled = true;
      this.inFlightEntries -= b.entries.length;
      for (const e of b.entries) returned.push(e);
    }
    this.queue = returned.concat(this.queue);
    this.epoch++;
    if (r.refused) return;
    this.failures++;
    this.lastError = r.error;
    this.opts.onError?.(r.error);
    if (this.failures >= this.flushAttempts) this.failFlushes(r.error);
    if (this.closed) return;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.queue.length > 0) this.scheduleSoon();
    }, this.intervalMs);
  }

  private settleFlushes(): void {
    if (this.flushWaiters.length === 0) return;
    const done = this.flushWaiters.filter((w) => this.stored >= w.target);
    if (done.length === 0) return;
    this.flushWaiters = this.flushWaiters.filter((w) => this.stored < w.target);
    for (const w of done) w.resolve();
  }

  private failFlushes(err: unknown): void {
    const waiters = this.flushWaiters;
    this.flushWaiters = [];
    for (const w of waiters) w.reject(err);
  }

  /** The last write error, for diagnostics. */
  get error(): unknown {
    return this.lastError;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
