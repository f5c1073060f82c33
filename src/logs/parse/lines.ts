import { ByteAccumulator } from './bytes';
import { completeUtf8Length, decodeUtf8, toHex } from './utf8';

/** Why a console line was emitted. */
export type LineEnd = 'newline' | 'idle' | 'close' | 'max-length';

/** One line from a serial console. */
export interface ConsoleLine {
  /** The line without its line ending, decoded as UTF-8 (bad bytes become U+FFFD). */
  text: string;
  /** Clock time (ms since epoch) when the line's first byte arrived. */
  at: number;
  end: LineEnd;
  /** The line reached `maxLineBytes` and was cut (on a character boundary); the rest follows as the next line. */
  truncated: boolean;
  /** This line carries on from one that was cut or flushed when the console went idle. */
  continuation: boolean;
  invalidUtf8: boolean;
  /** Hex of the line's bytes when they were not valid UTF-8 (wrong baud rate shows up here). */
  rawHex: string | null;
}

/** Time source and timer, injectable so tests can drive idle flushes without waiting. */
export interface LineClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: LineClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Options for {@link LineSplitter}. */
export interface LineSplitterOptions {
  /** Longest line in bytes before it is cut (default 4096). */
  maxLineBytes?: number;
  /** Flush a partial line (a prompt such as `login: `) after this much silence, in ms (default 1000; 0 = never). */
  idleFlushMs?: number;
  clock?: LineClock;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a serial console byte stream into lines. Chunks may split anywhere, including inside a
 * UTF-8 character or between the CR and LF of a CRLF. LF, CRLF and a lone CR all end a line; a CR is
 * acted on at once (so a CR-only console is not delayed) and an LF that follows it, even in a later
 * chunk, is absorbed as part of the same line end, as are extra CRs (`\r\r\n` from a doubled tty
 * translation). Consequence: a console that uses lone CRs cannot produce an empty line with `\r\r`.
 * Lines are delivered to `onLine`, from `push` or later from the idle timer.
 */
export class LineSplitter {
  private readonly acc: ByteAccumulator;
  private readonly max: number;
  private readonly idleMs: number;
  private readonly clock: LineClock;
  private lineAt: number | null = null;
  private afterCr = false;
  /** The next line carries on from a cut or idle-flushed one. */
  private continuing = false;
  private timer: unknown = null;

  constructor(
    private readonly onLine: (line: ConsoleLine) => void,
    options: LineSplitterOptions = {},
  ) {
    this.max = Math.max(4, options.maxLineBytes ?? 4096);
    this.idleMs = options.idleFlushMs ?? 1000;
    this.clock = options.clock ?? systemClock;
    this.acc = new ByteAccumulator(this.max);
  }

  /** Feed bytes as they arrive from the port. */
  push(chunk: Uint8Array): void {
    const now = this.clock.now();
    let i = 0;
    while (i < chunk.length) {
      const b = chunk[i] ?? 0;
      if (b === LF || b === CR) {
        if (!this.afterCr) this.endLine(now);
        // After a CR, further CRs and one LF belong to the same line end, whichever chunk they come in.
        this.afterCr = b === CR;
        i++;
        continue;
      }
      this.afterCr = false;
      let j = i;
      while (j < chunk.length && chunk[j] !== LF && chunk[j] !== CR) j++;
      this.lineAt ??= now;
      while (i < j) {
        if (this.acc.full) this.cut(now);
        i += this.acc.append(chunk, i, j);
      }
    }
    this.armIdle();
  }

  /** The port closed: emit the partial line, if any, and stop the idle timer. */
  close(): void {
    this.disarm();
    if (this.lineAt !== null) this.emit('close', this.acc.take());
    this.continuing = false;
    this.afterCr = false;
  }

  /** A line ending arrived. An ending right after a cut or idle flush only closes that line. */
  private endLine(now: number): void {
    if (this.lineAt === null && this.continuing) {
      this.continuing = false;
      return;
    }
    this.lineAt ??= now;
    this.emit('newline', this.acc.take());
  }

  /** The line hit the cap: emit it up to the last whole character and carry the rest over. */
  private cut(now: number): void {
    const all = this.acc.take();
    const keep = completeUtf8Length(all);
    this.emit('max-length', all.subarray(0, keep));
    this.acc.append(all, keep);
    this.lineAt = now;
  }

  private emit(end: LineEnd, bytes: Uint8Array): void {
    const decoded = decodeUtf8(bytes);
    const line: ConsoleLine = {
      text: decoded.text,
      at: this.lineAt ?? this.clock.now(),
      end,
      truncated: end === 'max-length',
      continuation: this.continuing,
      invalidUtf8: !decoded.valid,
      rawHex: decoded.valid ? null : toHex(bytes),
    };
    this.lineAt = null;
    this.continuing = end === 'max-length' || end === 'idle';
    this.onLine(line);
  }

  private armIdle(): void {
    this.disarm();
    if (this.idleMs <= 0 || this.lineAt === null) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (this.lineAt !== null) this.emit('idle', this.acc.take());
    }, this.idleMs);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
