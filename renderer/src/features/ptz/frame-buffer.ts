import type { PtzFrame } from '../../../../src/contract';

/** A frame as the log panel keeps it: numbered so pause and clear can be cursors, not copies. */
export interface LoggedFrame extends PtzFrame {
  seq: number;
}

/** Frames kept per connection in the renderer (the core keeps the same number; export asks the core). */
export const FRAME_BUFFER_CAPACITY = 5000;

/** One connection's frames in the renderer, with the log panel's pause and clear cursors. */
export interface FrameBuffer {
  frames: LoggedFrame[];
  /** Sequence number of the next frame. */
  nextSeq: number;
  /** Frames with seq ≤ this are hidden (Clear). */
  clearedThrough: number;
  /** While paused, frames with seq > this are held back from view (null: live). */
  pausedAt: number | null;
}

export const emptyFrameBuffer = (): FrameBuffer => ({ frames: [], nextSeq: 1, clearedThrough: 0, pausedAt: null });

/** Appends frames, dropping the oldest beyond `capacity`. Returns a new buffer (store state is immutable). */
export function appendFrames(buf: FrameBuffer, frames: readonly PtzFrame[], capacity = FRAME_BUFFER_CAPACITY): FrameBuffer {
  if (frames.length === 0) return buf;
  let seq = buf.nextSeq;
  const added = frames.map((f) => ({ ...f, seq: seq++ }));
  const all = buf.frames.concat(added);
  return { ...buf, frames: all.length > capacity ? all.slice(all.length - capacity) : all, nextSeq: seq };
}

const frameKey = (f: PtzFrame): string => `${f.at}|${f.dir}|${f.hex}|${f.meaning}`;

/**
 * Merges the core's log (`ptz.frameLog`, oldest first) with frames that arrived as events while
 * it was being fetched: the snapshot comes first, then every live frame it does not already hold.
 * Frames are told apart by time, direction, bytes and meaning; two identical frames within one
 * millisecond are rare enough that keeping one of them is the lesser harm than a doubled log.
 */
export function mergeSnapshot(snapshot: readonly PtzFrame[], live: readonly PtzFrame[], capacity = FRAME_BUFFER_CAPACITY): FrameBuffer {
  const seen = new Set(snapshot.map(frameKey));
  const extra = live.filter((f) => !seen.has(frameKey(f)));
  return appendFrames(emptyFrameBuffer(), [...snapshot, ...extra], capacity);
}

/** The frames the panel shows: after the last Clear, and up to the pause point while paused. */
export function visibleFrames(buf: FrameBuffer): LoggedFrame[] {
  const upTo = buf.pausedAt ?? Infinity;
  const from = buf.frames.findIndex((f) => f.seq > buf.clearedThrough);
  if (from < 0) return [];
  const shown = from === 0 ? buf.frames : buf.frames.slice(from);
  if (upTo === Infinity) return shown;
  const end = shown.findIndex((f) => f.seq > upTo);
  return end < 0 ? shown : shown.slice(0, end);
}

/** Frames that arrived since the log was paused (0 when live). */
export function heldBack(buf: FrameBuffer): number {
  if (buf.pausedAt === null) return 0;
  const last = buf.nextSeq - 1;
  return Math.max(0, last - Math.max(buf.pausedAt, buf.clearedThrough));
}

export const pauseFrames = (buf: FrameBuffer): FrameBuffer => (buf.pausedAt === null ? { ...buf, pausedAt: buf.nextSeq - 1 } : buf);
export const resumeFrames = (buf: FrameBuffer): FrameBuffer => (buf.pausedAt === null ? buf : { ...buf, pausedAt: null });
/** Hides everything logged so far; a paused log stays paused but now shows nothing up to the pause point. */
export const clearFrames = (buf: FrameBuffer): FrameBuffer => ({ ...buf, clearedThrough: buf.pausedAt ?? buf.nextSeq - 1 });

/** `14:03:27.123` in local time: the log needs milliseconds, which toLocaleTimeString drops. */
export function frameTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
