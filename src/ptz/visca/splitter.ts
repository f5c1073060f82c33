import { VISCA_BROADCAST, VISCA_MAX_FRAME, VISCA_MIN_FRAME, VISCA_TERMINATOR } from './constants';

/** Why bytes were thrown away. */
export type DiscardReason =
  /** Bytes that cannot start a packet (not a valid header) outside any packet. */
  | 'no-header'
  /** A run longer than 16 bytes without a terminator; dropped up to and including the next FF. */
  | 'too-long'
  /** A terminator too soon after the header (`FF` or `hh FF`). */
  | 'too-short';

/** A run of bytes the splitter skipped, for the frame log. */
export interface Discarded {
  reason: DiscardReason;
  bytes: Uint8Array;
}

/** What one `push` produced: whole packets in arrival order and what was skipped. */
export interface SplitResult {
  frames: Uint8Array[];
  discarded: Discarded[];
}

/** Any byte that may start a packet: MSB set and not the terminator. */
export const isAnyHeader = (b: number): boolean => b >= 0x80 && b !== VISCA_TERMINATOR;
/** Headers a controller can receive: camera replies `y0` (y = 9..F) and broadcasts `88`. */
export const isReplyHeader = (b: number): boolean =>
  b === VISCA_BROADCAST || (b >= 0x90 && b <= 0xf0 && (b & 0x0f) === 0);
/** Headers a camera can receive from a controller: `81`..`87` and `88`. */
export const isCommandHeader = (b: number): boolean => b >= 0x81 && b <= 0x88;

/** Options of {@link ViscaFrameSplitter}. */
export interface SplitterOptions {
  /** Which bytes may start a packet. Default {@link isAnyHeader}. */
  isHeader?: (b: number) => boolean;
  /** Longest packet accepted. Default 16. */
  maxLength?: number;
}

/** Caps what a never-ending garbage run may hold before it is reported in pieces. */
const MAX_DISCARD_BUFFER = 256;

/**
 * Pulls FF-terminated VISCA packets out of a byte stream that may be split at any point.
 * State survives between pushes, so a packet cut across two reads comes out whole.
 */
export class ViscaFrameSplitter {
  private readonly isHeader: (b: number) => boolean;
  private readonly maxLength: number;
  private frame: number[] = [];
  /** Bytes of an over-long run being dropped until the next terminator. */
  private overflow: number[] | null = null;

  constructor(opts: SplitterOptions = {}) {
    this.isHeader = opts.isHeader ?? isAnyHeader;
    this.maxLength = opts.maxLength ?? VISCA_MAX_FRAME;
  }

  /** Feeds received bytes; returns the packets completed by them and the garbage skipped. */
  push(chunk: Uint8Array): SplitResult {
    const frames: Uint8Array[] = [];
    const discarded: Discarded[] = [];
    let garbage: number[] = [];
    const flushGarbage = (): void => {
      if (garbage.length > 0) discarded.push({ reason: 'no-header', bytes: Uint8Array.from(garbage) });
      garbage = [];
    };

    for (const b of chunk) {
      if (this.overflow) {
        this.overflow.push(b);
        if (b === VISCA_TERMINATOR || this.overflow.length >= MAX_DISCARD_BUFFER) {
          discarded.push({ reason: 'too-long', bytes: Uint8Array.from(this.overflow) });
          // A full buffer without FF keeps dropping: only a terminator ends a bad run.
          this.overflow = b === VISCA_TERMINATOR ? null : [];
        }
        continue;
      }
      if (this.frame.length === 0) {
        if (this.isHeader(b)) {
          flushGarbage();
          this.frame.push(b);
        } else {
          garbage.push(b);
        }
        continue;
      }
      this.frame.push(b);
      if (b === VISCA_TERMINATOR) {
        const bytes = Uint8Array.from(this.frame);
        this.frame = [];
        if (bytes.length < VISCA_MIN_FRAME) discarded.push({ reason: 'too-short', bytes });
        else frames.push(bytes);
      } else if (this.frame.length >= this.maxLength) {
        this.overflow = this.frame;
        this.frame = [];
      }
    }
    flushGarbage();
    return { frames, discarded };
  }

  /** Bytes held for an unfinished packet (for diagnostics). */
  get pending(): number {
    return this.frame.length + (this.overflow?.length ?? 0);
  }

  /** Forgets any partial packet, e.g. after a resync; returns what was dropped, if anything. */
  reset(): Discarded | undefined {
    const held = [...this.frame, ...(this.overflow ?? [])];
    const reason: DiscardReason = this.overflow ? 'too-long' : 'no-header';
    this.frame = [];
    this.overflow = null;
    return held.length > 0 ? { reason, bytes: Uint8Array.from(held) } : undefined;
  }
}
