import type { LogRetention } from '../../contract/logs';
import type { WireBatch } from './rows';
import type { WriteSide } from './write-side';
import type { BatchSink, WriteResult } from './writer';

/** A {@link BatchSink} that also owns retention and can be closed: where the capture's writes go. */
export interface StoreSink extends BatchSink {
  applyRetention(policy: LogRetention, now: number): Promise<{ deleted: number; maxId: number }>;
  close(): Promise<void>;
}

/**
 * Writes on the calling thread's connection. Used for in-memory databases (a second connection
 * could not see them) and when asked for (`writer.thread: 'inline'`); each batch blocks the event
 * loop while it commits, which is what the writer thread avoids.
 */
export class InlineSink implements StoreSink {
  constructor(private readonly side: WriteSide) {}

  write(batch: WireBatch, _epoch: number, done: (r: WriteResult) => void): void {
    let firstId: number;
    try {
      firstId = this.side.insert(batch);
    } catch (error) {
      done({ ok: false, error });
      return;
    }
    done({ ok: true, firstId });
  }

  async applyRetention(policy: LogRetention, now: number): Promise<{ deleted: number; maxId: number }> {
    return this.side.applyRetention(policy, now);
  }

  async close(): Promise<void> {}
}
