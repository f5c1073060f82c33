/** Commands shared by Pelco-D and Pelco-P (same meanings, different bit positions and framing). */

/** Speed 0x00..0x3F, or 'turbo' (Pelco-D 0xFF, Pelco-P 0x40) for pan only. */
export type PelcoSpeed = number | 'turbo';

export type PelcoCommand =
  /** All motion stops (every command byte zero). */
  | { type: 'stop' }
  /** Any mix of pan, tilt, zoom and focus motion; omitted axes stay still. */
  | {
      type: 'move';
      pan?: 'left' | 'right';
      tilt?: 'up' | 'down';
      zoom?: 'tele' | 'wide';
      focus?: 'near' | 'far';
      /** Default 0x20 when panning, else 0. */
      panSpeed?: PelcoSpeed;
      /** Default 0x20 when tilting, else 0. */
      tiltSpeed?: number;
    }
  | { type: 'preset'; action: 'set' | 'clear' | 'go'; preset: number };

/** A decoded packet whose command bytes FieldKit does not model (iris, aux, queries, replies). */
export interface PelcoOther {
  type: 'other';
  /** The four command/data bytes between address and checksum framing. */
  bytes: [number, number, number, number];
}

/** Outcome of decoding one Pelco packet. */
export type PelcoDecode =
  | { ok: true; address: number; command: PelcoCommand | PelcoOther }
  | { ok: false; error: 'length' | 'sync' | 'checksum'; message: string; expected?: number; actual?: number };

export const PRESET_ACTIONS = { set: 0x03, clear: 0x05, go: 0x07 } as const;
export const DEFAULT_SPEED = 0x20;
export const MAX_SPEED = 0x3f;

/** Thrown by the Pelco encoders for out-of-range addresses, speeds or presets. */
export class PelcoEncodeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'PelcoEncodeError';
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function checkPelcoRange(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PelcoEncodeError(`${what} must be ${min}..${max}, got ${value}`);
  }
}

/**
 * Speed byte of one axis: 0 when the axis is still, the default when unspecified, `turbo`
 * mapped to the protocol's turbo value (pan only: pass `turbo` undefined for tilt).
 */
export function pelcoSpeed(what: string, s: PelcoSpeed | undefined, moving: boolean, turbo: number | undefined): number {
  if (!moving) return 0;
  if (s === 'turbo') {
    if (turbo === undefined) throw new PelcoEncodeError(`${what}: turbo exists for pan only`);
    return turbo;
  }
  const v = s ?? DEFAULT_SPEED;
  checkPelcoRange(what, v, 0, MAX_SPEED);
  return v;
}

/** Direction bits common to Pelco-D cmd2 and Pelco-P data2. */
export const MOTION_BITS = { right: 0x02, left: 0x04, up: 0x08, down: 0x10, tele: 0x20, wide: 0x40 } as const;

/** Builds the direction byte and speeds of a move; focus bits are added by each protocol. */
export function motionByte(cmd: Extract<PelcoCommand, { type: 'move' }>): number {
  let b = 0;
  if (cmd.pan) b |= MOTION_BITS[cmd.pan];
  if (cmd.tilt) b |= MOTION_BITS[cmd.tilt];
  if (cmd.zoom) b |= MOTION_BITS[cmd.zoom];
  return b;
}

/** Reads pan/tilt/zoom back from a direction byte; undefined when contradictory (left+right). */
export function readMotion(b: number): Pick<Extract<PelcoCommand, { type: 'move' }>, 'pan' | 'tilt' | 'zoom'> | undefined {
  const both = (x: number, y: number): boolean => (b & x) !== 0 && (b & y) !== 0;
  if (both(0x02, 0x04) || both(0x08, 0x10) || both(0x20, 0x40)) return undefined;
  const out: Pick<Extract<PelcoCommand, { type: 'move' }>, 'pan' | 'tilt' | 'zoom'> = {};
  if (b & 0x02) out.pan = 'right';
  if (b & 0x04) out.pan = 'left';
  if (b & 0x08) out.tilt = 'up';
  if (b & 0x10) out.tilt = 'down';
  if (b & 0x20) out.zoom = 'tele';
  if (b & 0x40) out.zoom = 'wide';
  return out;
}
