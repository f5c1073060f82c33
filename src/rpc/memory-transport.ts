import type { Msg, Transport } from './messages';

/**
 * Two connected in-process transports. Messages go through structuredClone so
 * a test or the CLI sees exactly what a real transport would deliver (no
 * shared references, no non-JSON values sneaking through).
 */
export function memoryTransportPair(): [Transport, Transport] {
  const listeners: [Set<(m: Msg) => void>, Set<(m: Msg) => void>] = [new Set(), new Set()];
  const closers: [Set<() => void>, Set<() => void>] = [new Set(), new Set()];
  const make = (self: 0 | 1): Transport => {
    const peer = self === 0 ? 1 : 0;
    return {
      send(m) {
        const copy = JSON.parse(JSON.stringify(m)) as Msg;
        queueMicrotask(() => listeners[peer].forEach((cb) => cb(copy)));
      },
      onMessage(cb) {
        listeners[self].add(cb);
        return () => listeners[self].delete(cb);
      },
      onClose(cb) {
        closers[self].add(cb);
        return () => closers[self].delete(cb);
      },
    };
  };
  return [make(0), make(1)];
}
