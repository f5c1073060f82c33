import type { ByteLink } from './link';

/** Options for {@link memoryLinkPair}. */
export interface MemoryLinkOptions {
  /**
   * Splits every write into chunks of at most this many bytes before delivery, the way a UART
   * or a TCP stream may. Default: deliver each write whole.
   */
  chunkSize?: number;
}

/**
 * Two connected in-process ByteLinks: bytes written to one arrive at the other on a later
 * microtask (never synchronously, like real I/O). Used by tests and demo mode to put a simulated
 * camera on the other end of a PTZ session.
 */
export function memoryLinkPair(opts: MemoryLinkOptions = {}): [ByteLink, ByteLink] {
  const data = [new Set<(b: Uint8Array) => void>(), new Set<(b: Uint8Array) => void>()] as const;
  const closers = [new Set<(e?: Error) => void>(), new Set<(e?: Error) => void>()] as const;
  let closed = false;

  const closeBoth = (): void => {
    if (closed) return;
    closed = true;
    queueMicrotask(() => {
      for (const set of closers) for (const cb of [...set]) cb();
    });
  };

  const make = (self: 0 | 1): ByteLink => {
    const peer = self === 0 ? 1 : 0;
    return {
      async write(bytes) {
        if (closed) throw new Error('memory link is closed');
        const copy = Uint8Array.from(bytes);
        const size = opts.chunkSize && opts.chunkSize > 0 ? opts.chunkSize : copy.length || 1;
        for (let i = 0; i < copy.length; i += size) {
          const chunk = copy.subarray(i, i + size);
          queueMicrotask(() => {
            if (!closed) for (const cb of [...data[peer]]) cb(chunk);
          });
        }
      },
      onData(cb) {
        data[self].add(cb);
        return () => void data[self].delete(cb);
      },
      onClose(cb) {
        closers[self].add(cb);
        return () => void closers[self].delete(cb);
      },
      async close() {
        closeBoth();
      },
    };
  };
  return [make(0), make(1)];
}
