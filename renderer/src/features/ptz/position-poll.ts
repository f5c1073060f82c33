import type { PtzConnectionInfo } from '../../../../src/contract';

/** Position inquiries go out this often while the camera moves (four inquiries each: modest even at 9600 baud). */
export const POLL_WHILE_MOVING_MS = 500;
/** Keep polling this long after the last motion: a recall or a stopped drive still coasts to rest. */
export const SETTLE_MS = 3000;

/** What decides whether a position poll is due now. */
export interface PollInput {
  conn: Pick<PtzConnectionInfo, 'protocol' | 'state'> | undefined;
  /** A position inquiry is already on its way. */
  inFlight: boolean;
  /** A jog or a lens drive is held right now. */
  moving: boolean;
  /** When the last motion command ended or was sent (ms, same clock as `now`); -Infinity if never. */
  lastMotionAt: number;
  lastPollAt: number;
  now: number;
}

/**
 * Polls only while the picture can be changing: during motion and for {@link SETTLE_MS} after,
 * so an idle camera's frame log is not buried under inquiries. Pelco cameras cannot be asked.
 */
export function pollDue(p: PollInput): boolean {
  if (!p.conn || p.conn.protocol !== 'visca' || p.conn.state !== 'open' || p.inFlight) return false;
  const active = p.moving || p.now - p.lastMotionAt < SETTLE_MS;
  return active && p.now - p.lastPollAt >= POLL_WHILE_MOVING_MS;
}
