import type { PtzFrame } from '../../contract/ptz';

/** Default number of frames kept per connection (older ones are dropped first). */
export const FRAME_LOG_CAPACITY = 5000;

/**
 * A bounded ring of frames for one connection: the live log keeps the last `capacity` frames so
 * a camera chatting for hours cannot grow memory without bound.
 */
export class FrameRing {
  private readonly buf: PtzFrame[] = [];
  private start = 0;
  /** Frames ever pushed (a cursor that survives wrap-around). */
  total = 0;

  constructor(readonly capacity = FRAME_LOG_CAPACITY) {}

  push(f: PtzFrame): void {
    if (this.buf.length < this.capacity) this.buf.push(f);
    else {
      this.buf[this.start] = f;
      this.start = (this.start + 1) % this.capacity;
    }
    this.total++;
  }

  /** Frames oldest first; `limit` keeps only the newest ones. */
  list(limit?: number): PtzFrame[] {
    const all = [...this.buf.slice(this.start), ...this.buf.slice(0, this.start)];
    return limit !== undefined && limit < all.length ? all.slice(all.length - limit) : all;
  }

  /** Frames pushed since cursor `since` (a previous `total`), as far as the ring still holds them. */
  since(since: number): PtzFrame[] {
    const n = Math.min(this.total - since, this.buf.length);
    return n <= 0 ? [] : this.list(n);
  }
}

const csvCell = (v: string): string => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV with a header row; cells are quoted when needed and formula-looking text is quoted too. */
export function framesToCsv(frames: PtzFrame[]): string {
  const rows = [['time', 'dir', 'bytes', 'meaning', 'latency_ms', 'discarded']];
  for (const f of frames) rows.push([f.at, f.dir, f.hex, f.meaning, f.latencyMs === undefined ? '' : String(f.latencyMs), f.discarded ? 'yes' : '']);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One line per frame: `time  TX  81 01 06 01 ..  meaning  (12 ms)`. */
export function framesToText(frames: PtzFrame[]): string {
  const width = Math.max(0, ...frames.map((f) => f.hex.length));
  return frames
    .map((f) => `${f.at}  ${f.dir.toUpperCase()}  ${f.hex.padEnd(width)}  ${f.meaning}${f.latencyMs === undefined ? '' : `  (${f.latencyMs} ms)`}`)
    .join('\n') + (frames.length ? '\n' : '');
}
