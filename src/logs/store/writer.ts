import type { LogEntry } from '../../contract/logs';
import type { NewLogEntry } from '../entry';

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

/** Options for {@link LogWriter}. */
export interface LogWriterOptions {
  /** Most entries waiting; beyond it droppable (UDP) entries are dropped and counted. Default 50 000. */
  capacity?: number;
  /** A batch is written once this many entries wait. Default 500. */
  batchSize?: number;
  /**
   * Most entries in one transaction. When the writer falls behind, a transaction takes the backlog
   * up to this many (default 10 × batchSize): fewer commits and index flushes is what lets it catch up.
   */
  maxBatch?: number;
  /** Longest an entry waits before its batch is written, in ms. Default 100. */
  intervalMs?: number;
  timers?: WriterTimers;
  /** Called after each commit with the stored entries (ids assigned). */
  onCommitted?: (entries: LogEntry[]) => void;
  /** Called when a write fails; the entries stay queued and are retried. */
  onError?: (err: unknown) => void;
}

/** The store side the writer needs (LogStore implements it). */
export interface BatchSink {
  insert(batch: NewLogEntry[]): LogEntry[];
}

/**
 * A bounded queue in front of the store, written in batches by count and by time. Receivers call
 * {@link offer}: a droppable (UDP) entry is refused and counted when the queue is full; a TCP entry
 * is always taken (it was already read from the socket) and the receiver pauses its sockets while
 * {@link pressure} is true, resuming on the `drain` callback, so TCP loses nothing.
 */
export class LogWriter {
  private queue: NewLogEntry[] = [];
  private timer: unknown = null;
  private deferred = false;
  private closed = false;
  private readonly capacity: number;
  private readonly batchSize: number;
  private readonly maxBatch: number;
  private readonly intervalMs: number;
  private readonly timers: WriterTimers;
  private readonly drainListeners = new Set<() => void>();
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
    this.intervalMs = Math.max(0, opts.intervalMs ?? 100);
    this.timers = opts.timers ?? nodeTimers;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** True while the queue is at or above capacity: stream receivers should stop reading. */
  get pressure(): boolean {
    return this.queue.length >= this.capacity;
  }

  /** Subscribe to the queue falling back below half its capacity after pressure. Returns unsubscribe. */
  onDrain(cb: () => void): () => void {
    this.drainListeners.add(cb);
    return () => this.drainListeners.delete(cb);
  }

  /** Queue an entry. Returns false (and counts a drop) when it is droppable and the queue is full. */
  offer(entry: NewLogEntry, droppable: boolean): boolean {
    if (this.closed) throw new Error('log writer is closed');
    if (droppable && this.queue.length >= this.capacity) {
      this.dropped++;
      return false;
    }
    this.queue.push(entry);
    if (this.pressure) this.wasPressured = true;
    if (this.queue.length >= this.batchSize) this.scheduleSoon();
    else if (this.timer === null) this.timer = this.timers.setTimeout(() => this.tick(), this.intervalMs);
    return true;
  }

  /** Writes everything queued now, synchronously (shutdown, tests). */
  flush(): void {
    while (this.queue.length > 0) if (!this.writeOne()) break;
  }

  /** Flushes and refuses further entries. */
  close(): void {
    this.clearTimer();
    this.flush();
    this.closed = true;
  }

  private scheduleSoon(): void {
    if (this.deferred) return;
    this.deferred = true;
    // Deferred rather than inline so the receive callbacks already queued by the OS join this batch.
    this.timers.defer(() => {
      this.deferred = false;
      this.tick();
    });
  }

  private tick(): void {
    this.clearTimer();
    if (this.closed) return;
    const ok = this.writeOne();
    if (this.queue.length === 0) return;
    if (ok && this.queue.length >= this.batchSize) this.scheduleSoon();
    else this.timer = this.timers.setTimeout(() => this.tick(), this.intervalMs);
  }

  /** One transaction of up to maxBatch entries. False when the write failed (entries kept). */
  private writeOne(): boolean {
    const batch = this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
    let stored;
    try {
      stored = this.sink.insert(batch);
    } catch (err) {
      this.opts.onError?.(err);
      return false;
    }
    this.queue = this.queue.slice(batch.length);
    this.stored += stored.length;
    this.opts.onCommitted?.(stored);
    if (this.wasPressured && this.queue.length <= this.capacity / 2) {
      this.wasPressured = false;
      for (const cb of this.drainListeners) cb();
    }
    return true;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
