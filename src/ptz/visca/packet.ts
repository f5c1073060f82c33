import { FieldKitError } from '../../contract/errors';
import { VISCA_MAX_ADDRESS, VISCA_MAX_FRAME, VISCA_MIN_ADDRESS, VISCA_TERMINATOR } from './constants';

/** Thrown by encoders for arguments the camera would reject (address, speed, preset out of range). */
export class ViscaEncodeError extends FieldKitError {
  constructor(message: string) {
    super('invalid_input', message);
    this.name = 'ViscaEncodeError';
  }
}

/** Throws unless `value` is an integer in [min, max]; `what` names it in the message. */
export function checkRange(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const hex = (n: number): string => `0x${n.toString(16).toUpperCase()}`;
    throw new ViscaEncodeError(`${what} must be ${min}..${max} (${hex(min)}..${hex(max)}), got ${value}`);
  }
}

/** Throws unless `address` is a camera address 1..7. */
export function checkAddress(address: number): void {
  checkRange('camera address', address, VISCA_MIN_ADDRESS, VISCA_MAX_ADDRESS);
}

/**
 * Builds `header body.. FF`. Refuses 0xFF inside the body and packets over 16 bytes, because the
 * camera would cut such a packet short and act on the fragment.
 */
export function buildPacket(header: number, body: readonly number[]): Uint8Array {
  if (body.some((b) => !Number.isInteger(b) || b < 0 || b >= VISCA_TERMINATOR)) {
    throw new ViscaEncodeError(`packet body must be bytes 00..FE, got [${body.join(', ')}]`);
  }
  if (body.length + 2 > VISCA_MAX_FRAME) {
    throw new ViscaEncodeError(`packet would be ${body.length + 2} bytes; VISCA allows ${VISCA_MAX_FRAME}`);
  }
  return Uint8Array.from([header, ...body, VISCA_TERMINATOR]);
}

/** Builds a packet from the controller (address 0) to camera `address`. */
export function cameraPacket(address: number, body: readonly number[]): Uint8Array {
  checkAddress(address);
  return buildPacket(0x80 | address, body);
}

/**
 * Splits a value into `count` nibbles, most significant first, one per byte (`0p 0q 0r 0s`).
 * Signed values use two's complement over count*4 bits.
 */
export function encodeNibbles(what: string, value: number, count: number, signed: boolean): number[] {
  const bits = count * 4;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  checkRange(what, value, min, max);
  const raw = value < 0 ? value + 2 ** bits : value;
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(Math.floor(raw / 16 ** i) % 16);
  return out;
}

/** Joins nibble bytes back into a number; undefined when a byte has its high nibble set. */
export function decodeNibbles(bytes: readonly number[], signed: boolean): number | undefined {
  let raw = 0;
  for (const b of bytes) {
    if (b > 0x0f) return undefined;
    raw = raw * 16 + b;
  }
  const bits = bytes.length * 4;
  return signed && raw >= 2 ** (bits - 1) ? raw - 2 ** bits : raw;
}
