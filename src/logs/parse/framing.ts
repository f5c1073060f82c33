import { ByteAccumulator } from './bytes';
import { completeUtf8Length } from './utf8';

/** RFC 6587 framing: octet counting (`LEN SP MSG`) or non-transparent (MSG ended by LF or NUL). */
export type Framing = 'octet-counting' | 'non-transparent';

/** One syslog message cut from the stream. */
export interface FrameMessage {
  type: 'message';
  bytes: Uint8Array;
  framing: Framing;
  /** The message was longer than the cap: `bytes` holds its start (cut on a UTF-8 boundary), the rest was skipped. */
  truncated: boolean;
  /** The connection closed before the frame ended (octet count not reached, or no trailing LF). */
  incomplete: boolean;
  /** The octet count the sender declared; null for non-transparent framing. */
  declaredLength: number | null;
}

/** Bytes that are not a frame (bad octet count, junk between frames), reported rather than dropped. */
export interface FrameGarbage {
  type: 'garbage';
  bytes: Uint8Array;
  reason: string;
}

export type DeframeEvent = FrameMessage | FrameGarbage;

/** Options for {@link SyslogDeframer}. */
export interface DeframerOptions {
  /** Longest message kept, in bytes (default 64 KiB). Longer ones are truncated and flagged. */
  maxMessageBytes?: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
/** Nine digits allow 999 MB, far beyond any cap, while a run of junk digits is still caught. */
const MAX_LEN_DIGITS = 9;
const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SP = 0x20;
const LT = 0x3c;
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;
/** Bytes some senders leave between frames (a LF after each octet-counted frame); skipped silently. */
const isFiller = (b: number): boolean => b === LF || b === CR || b === NUL || b === SP || b === 0x09;
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

type State = 'start' | 'header' | 'body' | 'line' | 'discard' | 'garbage';

/**
 * Cuts a TCP syslog byte stream into messages (RFC 6587), one instance per connection. The framing is
 * decided by the connection's first frame: digits then a space mean octet counting, anything else
 * means LF/NUL-terminated lines. Chunks may split anywhere, even inside an octet count. Over-long
 * messages are truncated and flagged and the stream continues with the next frame; in octet-counting
 * mode a bad header is reported as garbage and the deframer resynchronises at the next LF or at the
 * next `LEN SP <`.
 */
export class SyslogDeframer {
  /** The connection's framing, once its first frame has shown it. */
  framing: Framing | null = null;
  private state: State = 'start';
  private readonly max: number;
  private readonly acc: ByteAccumulator;
  private digits = '';
  private remaining = 0;
  private declared = 0;
  private garbageReason = '';
  /** In garbage: where the latest digit run starts in `acc`, its length, and whether a SP followed it. */
  private run = { start: 0, len: 0, spaced: false };
  private out: DeframeEvent[] = [];

  constructor(options: DeframerOptions = {}) {
    this.max = Math.max(1, options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
    this.acc = new ByteAccumulator(this.max);
  }

  /** Feed the next chunk received on the connection; returns the messages and garbage it completed. */
  push(chunk: Uint8Array): DeframeEvent[] {
    let i = 0;
    while (i < chunk.length) i = this.step(chunk, i);
    return this.drain();
  }

  /** The connection closed: returns whatever partial frame or garbage was still buffered. */
  end(): DeframeEvent[] {
    const closedIn = 'connection closed inside an octet count';
    if ((this.state === 'start' || this.state === 'header') && this.digits) this.garbage(ascii(this.digits), closedIn);
    if (this.state === 'body') this.emitFrame('octet-counting', true, this.declared > this.max);
    if (this.state === 'line' && this.acc.length > 0) this.emitLine(true);
    if (this.state === 'garbage' && this.acc.length > 0) this.garbage(this.acc.take(), this.garbageReason);
    this.state = 'start';
    this.digits = '';
    return this.drain();
  }

  private drain(): DeframeEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Handle input at `chunk[i]`; returns the index to continue at (always progresses, or changes state). */
  private step(chunk: Uint8Array, i: number): number {
    const b = chunk[i] ?? 0;
    switch (this.state) {
      case 'start':
      case 'header':
        return this.stepHeader(b, i);
      case 'body': {
        const n = Math.min(this.remaining, chunk.length - i);
        this.acc.append(chunk, i, i + n);
        this.remaining -= n;
        if (this.remaining === 0) {
          this.emitFrame('octet-counting', false, this.declared > this.max);
          this.state = 'header';
        }
        return i + n;
      }
      case 'line':
        return this.stepLine(chunk, i);
      case 'discard': {
        const j = findTerminator(chunk, i);
        if (j === -1) return chunk.length;
        this.state = 'line';
        return j + 1;
      }
      case 'garbage':
        this.stepGarbage(b);
        return i + 1;
    }
  }

  private stepHeader(b: number, i: number): number {
    const first = this.state === 'start';
    if (this.digits === '' && isFiller(b)) return i + 1;
    if (isDigit(b) && this.digits.length < MAX_LEN_DIGITS) {
      this.digits += String.fromCharCode(b);
      return i + 1;
    }
    const len = Number(this.digits);
    if (b === SP && len > 0 && this.digits.length <= MAX_LEN_DIGITS) {
      this.framing = 'octet-counting';
      this.declared = len;
      this.remaining = len;
      this.digits = '';
      this.state = 'body';
      return i + 1;
    }
    const seen = ascii(this.digits);
    this.digits = '';
    if (first) {
      // Not `LEN SP`: the connection uses LF framing, and what was read is the start of a line.
      this.framing = 'non-transparent';
      this.state = 'line';
      this.acc.append(seen);
      return i;
    }
    this.state = 'garbage';
    this.garbageReason = isDigit(b) ? 'octet count longer than 9 digits'
      : len === 0 && b === SP ? 'octet count of 0' : 'expected an octet count (digits then a space)';
    this.run = { start: 0, len: 0, spaced: false };
    for (const d of seen) this.stepGarbage(d);
    return i;
  }

  private stepLine(chunk: Uint8Array, i: number): number {
    const j = findTerminator(chunk, i);
    const end = j === -1 ? chunk.length : j;
    // A CR right before the LF is part of the line end, so it does not count toward the cap.
    const content = j > i && chunk[j - 1] === CR ? j - 1 : end;
    if (this.acc.length + (content - i) > this.max) {
      const taken = this.acc.append(chunk, i, content);
      this.emitFrame('non-transparent', false, true);
      this.state = 'discard';
      return i + taken;
    }
    this.acc.append(chunk, i, end);
    if (j === -1) return chunk.length;
    this.emitLine(false);
    return j + 1;
  }

  /** Collect a garbage byte, ending the garbage at LF/NUL or at a `LEN SP <` that looks like a frame. */
  private stepGarbage(b: number): void {
    const run = this.run;
    if (b === LF || b === NUL) {
      if (this.acc.length > 0) this.garbage(this.acc.take(), this.garbageReason);
      this.state = 'header';
      return;
    }
    if (b === LT && run.spaced && run.len > 0 && run.len <= MAX_LEN_DIGITS) {
      let digits = '';
      for (let k = run.start; k < run.start + run.len; k++) digits += String.fromCharCode(this.acc.at(k) ?? 0);
      if (Number(digits) > 0) {
        const before = this.acc.take(0, run.start);
        if (before.length > 0) this.garbage(before, this.garbageReason);
        this.framing = 'octet-counting';
        this.declared = Number(digits);
        this.remaining = this.declared - 1;
        this.acc.pushByte(b);
        this.state = 'body';
        if (this.remaining === 0) {
          this.emitFrame('octet-counting', false, false);
          this.state = 'header';
        }
        return;
      }
    }
    if (this.acc.full) {
      this.garbage(this.acc.take(), this.garbageReason);
      this.run = { start: 0, len: 0, spaced: false };
    }
    this.acc.pushByte(b);
    if (isDigit(b)) {
      if (run.len === 0 || run.spaced) this.run = { start: this.acc.length - 1, len: 1, spaced: false };
      else run.len++;
    } else if (b === SP && run.len > 0 && !run.spaced) run.spaced = true;
    else this.run = { start: 0, len: 0, spaced: false };
  }

  private garbage(bytes: Uint8Array, reason: string): void {
    this.out.push({ type: 'garbage', bytes, reason });
  }

  private emitLine(incomplete: boolean): void {
    if (this.acc.at(this.acc.length - 1) === CR) this.acc.drop(1);
    if (this.acc.length > 0) this.emitFrame('non-transparent', incomplete, false);
  }

  private emitFrame(framing: Framing, incomplete: boolean, truncated: boolean): void {
    const all = this.acc.take();
    const bytes = truncated ? all.slice(0, completeUtf8Length(all)) : all;
    const declaredLength = framing === 'octet-counting' ? this.declared : null;
    this.out.push({ type: 'message', bytes, framing, truncated, incomplete, declaredLength });
  }
}

function findTerminator(chunk: Uint8Array, from: number): number {
  for (let j = from; j < chunk.length; j++) if (chunk[j] === LF || chunk[j] === NUL) return j;
  return -1;
}
