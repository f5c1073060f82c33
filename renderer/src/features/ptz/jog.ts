import type { PtzDirection } from '../../../../src/contract';

/** What a jog sends; the slice binds it to the selected connection and the speed setting. */
export interface JogSender {
  drive(direction: PtzDirection): Promise<unknown>;
  stop(): Promise<unknown>;
  /** Resolves with whether the core still considers the jog running. */
  heartbeat(): Promise<{ jogging: boolean }>;
}

/** What a jog reports back to the UI. */
export interface JogEvents {
  /** The direction being driven changed (null: stopped). */
  onDirection(direction: PtzDirection | null): void;
  /** The core ended the jog on its own (deadman fired, port lost, drive refused) while still held. */
  onInterrupted(): void;
  onError(err: unknown): void;
}

/** Timer functions, injectable so tests run on fake time. */
export interface JogTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Heartbeat period: three beats fit in the core's 500 ms deadman, so one late beat is not a stop. */
export const HEARTBEAT_MS = 150;

/**
 * Drive while held, stop on release. Several inputs (the pointer, the arrow keys) may hold the
 * jog at once; the one pressed last decides the direction, and the camera stops only when none
 * is left. While a jog runs, a heartbeat goes to the core every {@link HEARTBEAT_MS}; if the UI
 * vanishes (tab closed, renderer crashed, link lost) the beats stop and the core's deadman stops
 * the camera. Calls go out in order on one link, so a stop can never overtake its drive.
 */
export class JogController {
  private readonly held = new Map<string, PtzDirection | null>();
  private driving: PtzDirection | null = null;
  private beat: unknown = null;
  private beatInFlight = false;
  /** Set when the core ended the jog: nothing is sent again until every input is released. */
  private interrupted = false;

  constructor(
    private readonly send: JogSender,
    private readonly events: JogEvents,
    private readonly timers: JogTimers = { setInterval: (fn, ms) => globalThis.setInterval(fn, ms), clearInterval: (h) => globalThis.clearInterval(h as number) },
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** The direction the camera is being driven in, if any. */
  get direction(): PtzDirection | null {
    return this.driving;
  }

  /** Whether any input is holding the jog (even one resting on the centre cell). */
  get active(): boolean {
    return this.held.size > 0;
  }

  /**
   * Input `source` now holds `direction` (null: held on the stop cell, which stops the camera
   * but keeps the hold). Pressing again with the same direction sends nothing (key repeat).
   */
  press(source: string, direction: PtzDirection | null): void {
    if (this.held.get(source) === direction && this.held.has(source)) return;
    // Re-inserting moves the source to the end: the latest input wins.
    this.held.delete(source);
    this.held.set(source, direction);
    this.apply();
  }

  /** Input `source` let go. */
  release(source: string): void {
    if (!this.held.delete(source)) return;
    this.apply();
  }

  /** Sends the current drive again (the speed setting changed mid-jog). */
  refresh(): void {
    if (this.driving) this.send.drive(this.driving).catch((err: unknown) => this.fail(err));
  }

  /** Every input let go at once: window blur, page hidden, disconnect, unmount. */
  releaseAll(): void {
    if (this.held.size === 0 && this.driving === null) return;
    this.held.clear();
    this.apply();
  }

  private wanted(): PtzDirection | null {
    let last: PtzDirection | null = null;
    for (const d of this.held.values()) last = d;
    return last;
  }

  private apply(): void {
    if (this.held.size === 0) this.interrupted = false;
    const next = this.interrupted ? null : this.wanted();
    if (next === this.driving) return;
    this.driving = next;
    if (next) {
      this.send.drive(next).catch((err: unknown) => this.fail(err));
      this.startBeat();
    } else {
      this.stopBeat();
      this.send.stop().catch((err: unknown) => this.events.onError(err));
    }
    this.events.onDirection(next);
  }

  /** The drive was refused or the core stopped the jog: stop beating and wait for a release. */
  private fail(err: unknown): void {
    if (!this.driving) return;
    this.interrupted = true;
    this.driving = null;
    this.stopBeat();
    this.events.onDirection(null);
    if (err !== undefined) this.events.onError(err);
    this.events.onInterrupted();
  }

  private startBeat(): void {
    if (this.beat !== null) return;
    this.beat = this.timers.setInterval(() => this.tick(), this.heartbeatMs);
  }

  private stopBeat(): void {
    if (this.beat === null) return;
    this.timers.clearInterval(this.beat);
    this.beat = null;
  }

  private tick(): void {
    // A slow link must not pile up beats; the next tick tries again.
    if (this.beatInFlight || !this.driving) return;
    this.beatInFlight = true;
    const beatFor = this.driving;
    this.send
      .heartbeat()
      .then((r) => {
        if (!r.jogging && this.driving === beatFor) this.fail(undefined);
      })
      .catch((err: unknown) => this.fail(err))
      .finally(() => {
        this.beatInFlight = false;
      });
  }
}
