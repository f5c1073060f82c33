import type { Clock } from '../../../src/ptz/clock';

/** Lets queued microtasks and I/O callbacks run (memory links deliver on microtasks). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that moves only when told. Timers fire in due order during {@link advance}, with the
 * event loop drained after each one, so a session and a simulated camera sharing this clock play
 * out deterministically: no real waiting and no timing thresholds in assertions.
 */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = 1000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return () => void this.timers.delete(id);
  }

  /** Timers still scheduled. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order and settling after each. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }

  private nextDue(end: number): [number, { at: number; fn: () => void }] | undefined {
    let best: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of this.timers) {
      if (entry[1].at <= end && (!best || entry[1].at < best[1].at || (entry[1].at === best[1].at && entry[0] < best[0]))) best = entry;
    }
    return best;
  }
}
