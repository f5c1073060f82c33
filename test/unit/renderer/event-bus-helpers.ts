// A fake event bus for the renderer store unit tests (not a test file itself).
import type { EventPayload, Topic } from '../../../src/contract';

/**
 * An in-memory stand-in for the RPC client's core events: `on` goes into StoreDeps, `emit` plays a
 * core event to whoever listens, and `listeners` shows what the store subscribed to.
 */
export function fakeEventBus() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const on = <T extends Topic>(topic: T, cb: (p: EventPayload<T>) => void) => {
    const set = listeners.get(topic) ?? new Set();
    listeners.set(topic, set);
    set.add(cb as (p: unknown) => void);
    return () => set.delete(cb as (p: unknown) => void);
  };
  const emit = <T extends Topic>(topic: T, payload: EventPayload<T>) => listeners.get(topic)?.forEach((cb) => cb(payload));
  return { listeners, on, emit };
}
