/**
 * One motorised axis of the simulated camera (pan, tilt, zoom or focus). Position is computed
 * from the clock on demand, so it moves at speed while driven without any ticking timer.
 */
export class Axis {
  private from: number;
  private t0 = 0;
  /** Units per millisecond, signed. */
  private rate = 0;
  private stopAt?: number;

  constructor(
    readonly min: number,
    readonly max: number,
    initial: number,
  ) {
    this.from = this.clamp(initial);
  }

  /** Position at clock time `now`, rounded to whole camera units. */
  at(now: number): number {
    if (this.rate === 0) return this.from;
    let v = this.from + this.rate * (now - this.t0);
    if (this.stopAt !== undefined) v = this.rate > 0 ? Math.min(v, this.stopAt) : Math.max(v, this.stopAt);
    return Math.round(this.clamp(v));
  }

  /** True while the axis is still travelling. */
  moving(now: number): boolean {
    const v = this.at(now);
    return this.rate !== 0 && v !== (this.stopAt ?? (this.rate > 0 ? this.max : this.min));
  }

  /** Runs continuously at `rate` units/ms (negative = towards min) until stopped or at a limit. */
  drive(now: number, rate: number): void {
    this.from = this.at(now);
    this.t0 = now;
    this.rate = rate;
    this.stopAt = undefined;
  }

  /** Travels to `target` at `speed` units/ms; returns the ms it takes. */
  moveTo(now: number, target: number, speed: number): number {
    this.from = this.at(now);
    this.t0 = now;
    const to = this.clamp(target);
    const distance = Math.abs(to - this.from);
    this.stopAt = to;
    this.rate = distance === 0 ? 0 : Math.sign(to - this.from) * speed;
    if (distance === 0) this.from = to;
    return distance === 0 ? 0 : Math.ceil(distance / speed);
  }

  stop(now: number): void {
    this.from = this.at(now);
    this.rate = 0;
    this.stopAt = undefined;
  }

  private clamp(v: number): number {
    return Math.min(this.max, Math.max(this.min, v));
  }
}
