/**
 * Time as the PTZ code sees it. Injected so tests (and simulators) can run timeouts, latencies and
 * camera motion on a manual clock instead of real waiting.
 */
export interface Clock {
  /** Milliseconds; the system clock gives Unix time so frame-log timestamps are real dates. */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** The real clock: Date.now() (ms resolution is plenty next to serial byte times), setTimeout for timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};
