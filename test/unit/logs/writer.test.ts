import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/contract/logs';
import { readWire, type WireBatch } from '../../../src/logs/store/rows';
import { LogWriter, type BatchSink, type WriteResult, type WriterTimers } from '../../../src/logs/store/writer';
import { entry } from './helpers';

/** Timers that fire only when the test says. */
class ManualTimers implements WriterTimers {
  timeouts = new Map<number, () => void>();
  deferred: (() => void)[] = [];
  private id = 0;
  setTimeout(fn: () => void): unknown {
    this.timeouts.set(++this.id, fn);
    return this.id;
  }
  clearTimeout(h: unknown): void {
    this.timeouts.delete(h as number);
  }
  defer(fn: () => void): unknown {
    this.deferred.push(fn);
    return null;
  }
  fireTimeouts(): void {
    const fns = [...this.timeouts.values()];
    this.timeouts.clear();
    fns.forEach((f) => f());
  }
  runDeferred(): void {
    const fns = this.deferred;
    this.deferred = [];
    fns.forEach((f) => f());
  }
}

/** Messages of the batches a sink received (the `message` column). */
const messages = (b: WireBatch) => readWire(b).map((r) => r.values[16]);

/**
 * A sink like the writer thread: batches wait until the test acknowledges them, in order; after a
 * failure the rest of that epoch is refused. `sync` answers inside write() like the inline sink.
 */
class Sink implements BatchSink {
  batches: { batch: WireBatch; epoch: number; done: (r: WriteResult) => void }[] = [];
  written: WireBatch[] = [];
  nextId = 1;
  failNext = 0;
  failedEpoch = -1;
  constructor(private readonly sync = false) {}
  write(batch: WireBatch, epoch: number, done: (r: WriteResult) => void): void {
    this.batches.push({ batch, epoch, done });
    if (this.sync) this.ack();
  }
  /** Answers the oldest waiting batch. */
  ack(): void {
    const b = this.batches.shift();
    if (!b) throw new Error('nothing to acknowledge');
    if (b.epoch === this.failedEpoch) return b.done({ ok: false, error: new Error('refused'), refused: true });
    if (this.failNext > 0) {
      this.failNext--;
      this.failedEpoch = b.epoch;
      return b.done({ ok: false, error: new Error('SQLITE_BUSY') });
    }
    this.written.push(b.batch);
    const firstId = this.nextId;
    this.nextId += b.batch.count;
    b.done({ ok: true, firstId });
  }
  ackAll(): void {
    while (this.batches.length) this.ack();
  }
}

describe('LogWriter', () => {
  it('sends a batch when it reaches the batch size, deferred so concurrent arrivals join it', () => {
    const timers = new ManualTimers();
    const sink = new Sink(true);
    const w = new LogWriter(sink, { batchSize: 3, maxBatch: 3, capacity: 100, timers });
    for (let i = 0; i < 4; i++) w.offer(entry({ message: `m${i}` }), true);
    expect(sink.written).toHaveLength(0);
    timers.runDeferred();
    expect(sink.written.map(messages)).toEqual([['m0', 'm1', 'm2']]);
    expect(w.queued).toBe(1);
    timers.fireTimeouts();
    expect(sink.written.map((b) => b.count)).toEqual([3, 1]);
    expect(w.stored).toBe(4);
  });

  it('takes the backlog (up to maxBatch) in one transaction when it fell behind', () => {
    const timers = new ManualTimers();
    const sink = new Sink(true);
    const w = new LogWriter(sink, { batchSize: 2, maxBatch: 5, capacity: 100, timers });
    for (let i = 0; i < 7; i++) w.offer(entry(), true);
    timers.runDeferred();
    timers.runDeferred();
    expect(sink.written.map((b) => b.count)).toEqual([5, 2]);
  });

  it('counts an entry as stored only when the sink acknowledges it; ids come from the sink', () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const committed: LogEntry[][] = [];
    const w = new LogWriter(sink, { batchSize: 2, maxBatch: 4, maxInFlight: 2, capacity: 100, timers, onCommitted: (e) => committed.push(e) });
    sink.nextId = 41;
    for (let i = 0; i < 3; i++) w.offer(entry({ message: `a${i}` }), true);
    timers.runDeferred();
    expect(sink.batches).toHaveLength(1);
    expect([w.stored, w.queued, w.writing]).toEqual([0, 3, 1]);
    // While one batch is being written a second goes only once a full one (maxBatch) waits.
    for (let i = 0; i < 3; i++) w.offer(entry({ message: `b${i}` }), true);
    timers.runDeferred();
    expect(sink.batches).toHaveLength(1);
    w.offer(entry({ message: 'b3' }), true);
    timers.runDeferred();
    expect(sink.batches.map((b) => b.batch.count)).toEqual([3, 4]);
    sink.ack();
    expect([w.stored, w.queued]).toEqual([3, 4]);
    expect(committed[0]!.map((e) => [e.id, e.message])).toEqual([[41, 'a0'], [42, 'a1'], [43, 'a2']]);
    expect(committed[0]![0]).toMatchObject({ receivedAt: '2026-03-01T10:00:00.000Z', facilityName: 'kern', severityName: 'info' });
    sink.ack();
    expect(committed.flat().map((e) => e.id)).toEqual([41, 42, 43, 44, 45, 46, 47]);
  });

  it('sends a partial batch when the interval elapses', () => {
    const timers = new ManualTimers();
    const sink = new Sink(true);
    const committed: number[] = [];
    const w = new LogWriter(sink, { batchSize: 500, timers, onCommitted: (e) => committed.push(e.length) });
    w.offer(entry(), true);
    w.offer(entry(), false);
    expect(timers.timeouts.size).toBe(1);
    timers.fireTimeouts();
    expect(committed).toEqual([2]);
  });

  it('drops and counts droppable entries when full (queued and in-flight both count), keeps stream entries, signals pressure and drain', async () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const w = new LogWriter(sink, { batchSize: 2, maxBatch: 2, maxInFlight: 1, capacity: 4, timers });
    let drains = 0;
    w.onDrain(() => drains++);
    for (let i = 0; i < 6; i++) w.offer(entry(), true);
    timers.runDeferred(); // one batch of 2 in flight, 2 waiting
    expect([w.queued, w.dropped, w.pressure, w.writing]).toEqual([4, 2, true, 1]);
    expect(w.offer(entry(), true)).toBe(false);
    expect(w.offer(entry(), false)).toBe(true);
    expect([w.queued, w.dropped]).toEqual([5, 3]);
    sink.ack(); // 3 left: still above half
    expect(drains).toBe(0);
    timers.runDeferred();
    sink.ack(); // 1 left
    expect(drains).toBe(1);
    const flushed = w.flush();
    timers.runDeferred();
    sink.ack();
    await flushed;
    expect([w.stored, w.dropped, w.queued]).toEqual([5, 3, 0]);
  });

  it('after a failure resends the failed batch and the refused later ones, in order, exactly once', async () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const errors: unknown[] = [];
    const committed: string[] = [];
    const w = new LogWriter(sink, {
      batchSize: 2, maxBatch: 2, maxInFlight: 2, capacity: 100, timers,
      onError: (e) => errors.push(e), onCommitted: (es) => committed.push(...es.map((e) => e.message)),
    });
    for (let i = 0; i < 5; i++) w.offer(entry({ message: `m${i}` }), false);
    timers.runDeferred();
    timers.runDeferred();
    expect(sink.batches.map((b) => messages(b.batch))).toEqual([['m0', 'm1'], ['m2', 'm3']]);
    sink.failNext = 1;
    sink.ack(); // fails
    sink.ack(); // refused: same epoch
    expect(errors).toHaveLength(1);
    expect([w.stored, w.queued, w.writing]).toEqual([0, 5, 0]);
    expect(sink.batches).toHaveLength(0);
    timers.fireTimeouts(); // retry delay
    timers.runDeferred();
    timers.runDeferred();
    sink.ackAll();
    timers.fireTimeouts(); // the last one is a partial batch
    sink.ackAll();
    expect(committed).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(sink.written.flatMap(messages)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    await w.flush();
  });

  it('flush resolves once everything accepted before it is stored; a flush that keeps failing rejects', async () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const w = new LogWriter(sink, { batchSize: 500, capacity: 100, flushAttempts: 2, timers, onError: () => {} });
    w.offer(entry(), true);
    let done = false;
    const f = w.flush().then(() => (done = true));
    timers.runDeferred();
    w.offer(entry(), true); // after the flush began: not waited for
    await Promise.resolve();
    expect(done).toBe(false);
    sink.ack();
    await f;
    expect(w.stored).toBe(1);

    const g = w.flush();
    timers.runDeferred();
    sink.failNext = 2;
    sink.ack();
    timers.fireTimeouts();
    timers.runDeferred();
    sink.ack();
    await expect(g).rejects.toThrow(/SQLITE_BUSY/);
    expect(w.queued).toBe(1); // still kept and retried
    timers.fireTimeouts();
    timers.runDeferred();
    sink.ack();
    expect(w.stored).toBe(2);
  });

  it('close flushes everything and then refuses entries', async () => {
    const timers = new ManualTimers();
    const sink = new Sink(true);
    const w = new LogWriter(sink, { batchSize: 10, timers });
    w.offer(entry(), true);
    w.offer(entry(), false);
    const closed = w.close();
    timers.runDeferred();
    await closed;
    expect(w.stored).toBe(2);
    expect(() => w.offer(entry(), true)).toThrow(/closed/);
  });
});
