/**
 * A growable byte buffer with a hard cap, for assembling one frame or line from chunks without
 * re-concatenating the whole buffer on every chunk.
 */
export class ByteAccumulator {
  private buf: Uint8Array;
  private used = 0;

  constructor(readonly cap: number) {
    this.buf = new Uint8Array(Math.min(cap, 256));
  }

  get length(): number {
    return this.used;
  }

  get full(): boolean {
    return this.used >= this.cap;
  }

  /** Append as much of `src[from, to)` as fits under the cap; returns how many bytes were taken. */
  append(src: Uint8Array, from = 0, to = src.length): number {
    const n = Math.min(to - from, this.cap - this.used);
    if (n <= 0) return 0;
    if (this.used + n > this.buf.length) {
      const grown = new Uint8Array(Math.min(this.cap, Math.max(this.buf.length * 2, this.used + n)));
      grown.set(this.buf.subarray(0, this.used));
      this.buf = grown;
    }
    this.buf.set(src.subarray(from, from + n), this.used);
    this.used += n;
    return n;
  }

  pushByte(b: number): boolean {
    return this.append(Uint8Array.of(b)) === 1;
  }

  at(i: number): number | undefined {
    return i < this.used ? this.buf[i] : undefined;
  }

  /** A copy of bytes `[from, to)`, then forget everything. */
  take(from = 0, to = this.used): Uint8Array {
    const out = this.buf.slice(from, Math.min(to, this.used));
    this.used = 0;
    return out;
  }

  /** Drop the last `n` bytes (a CR before LF). */
  drop(n: number): void {
    this.used = Math.max(0, this.used - n);
  }
}
