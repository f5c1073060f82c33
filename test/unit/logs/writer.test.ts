import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/contract/logs';
import type { NewLogEntry } from '../../../src/logs/entry';
import { LogWriter, type WriterTimers } from '../../../src/logs/store/writer';
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

class Sink {
  batches: NewLogEntry[][] = [];
  fail = 0;
  insert(batch: NewLogEntry[]): LogEntry[] {
    if (this.fail > 0) {
      this.fail--;
      throw new Error('SQLITE_BUSY');
    }
    this.batches.push(batch);
    return batch.map((e, i) => ({ ...e, id: i + 1, receivedAt: new Date(e.receivedAt).toISOString() }));
  }
}

describe('LogWriter', () => {
  it('writes a batch when it reaches the batch size, deferred so concurrent arrivals join it', () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const w = new LogWriter(sink, { batchSize: 3, maxBatch: 3, capacity: 100, timers });
    for (let i = 0; i < 4; i++) w.offer(entry({ message: `m${i}` }), true);
    expect(sink.batches).toHaveLength(0);
    timers.runDeferred();
    expect(sink.batches.map((b) => b.length)).toEqual([3]);
    expect(w.queued).toBe(1);
    timers.fireTimeouts();
    expect(sink.batches.map((b) => b.length)).toEqual([3, 1]);
    expect(w.stored).toBe(4);
  });

  it('takes the whole backlog (up to maxBatch) in one transaction when it fell behind', () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const w = new LogWriter(sink, { batchSize: 2, maxBatch: 5, capacity: 100, timers });
    for (let i = 0; i < 7; i++) w.offer(entry(), true);
    timers.runDeferred();
    timers.runDeferred();
    expect(sink.batches.map((b) => b.length)).toEqual([5, 2]);
  });

  it('writes a partial batch when the interval elapses', () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const committed: number[] = [];
    const w = new LogWriter(sink, { batchSize: 500, timers, onCommitted: (e) => committed.push(e.length) });
    w.offer(entry(), true);
    w.offer(entry(), false);
    expect(timers.timeouts.size).toBe(1);
    timers.fireTimeouts();
    expect(committed).toEqual([2]);
  });

  it('drops and counts droppable entries when full, keeps stream entries and signals pressure and drain', () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const w = new LogWriter(sink, { batchSize: 2, maxBatch: 2, capacity: 4, timers });
    let drains = 0;
    w.onDrain(() => drains++);
    for (let i = 0; i < 6; i++) w.offer(entry(), true);
    expect([w.queued, w.dropped, w.pressure]).toEqual([4, 2, true]);
    expect(w.offer(entry(), false)).toBe(true);
    expect(w.queued).toBe(5);
    timers.runDeferred(); // 3 left: still above half
    expect(drains).toBe(0);
    timers.runDeferred(); // 1 left
    expect(drains).toBe(1);
    w.flush();
    expect([w.stored, w.dropped, w.queued]).toEqual([5, 2, 0]);
  });

  it('keeps entries when a write fails and writes them on the next try; close flushes everything', () => {
    const timers = new ManualTimers();
    const sink = new Sink();
    const errors: unknown[] = [];
    const w = new LogWriter(sink, { batchSize: 10, timers, onError: (e) => errors.push(e) });
    sink.fail = 1;
    w.offer(entry(), true);
    timers.fireTimeouts();
    expect(errors).toHaveLength(1);
    expect(w.queued).toBe(1);
    w.offer(entry(), true);
    w.close();
    expect(w.stored).toBe(2);
    expect(() => w.offer(entry(), true)).toThrow(/closed/);
  });
});
