import { toHex } from '../hex';
import { checkPelcoRange, motionByte, pelcoSpeed, PRESET_ACTIONS, readMotion } from './types';
import type { PelcoCommand, PelcoDecode } from './types';

/**
 * Pelco-P: `A0 addr-1 data1 data2 data3 data4 AF xor`, xor over the first 7 bytes.
 * Camera address 1 travels as 00. Pan speed 00..3F (40 = turbo), tilt 00..3F.
 */

export const PELCO_P_LENGTH = 8;
const STX = 0xa0;
const ETX = 0xaf;
const TURBO = 0x40;

/**
 * Where the focus bits live. Pelco's own spec puts far/near in data1 bits 0/1 ('pelco');
 * many PTZ cameras (Avonic, AVer clones) copy Pelco-D: near = data1 bit0, far = data2 bit7.
 */
export type PelcoPFocusBits = 'pelco' | 'd-style';

/** Options of the Pelco-P codec. */
export interface PelcoPOptions {
  focusBits?: PelcoPFocusBits;
}

/** XOR of bytes 0..6. */
export function pelcoPChecksum(bytes: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i <= 6; i++) x ^= bytes[i] ?? 0;
  return x;
}

function focusBits(mode: PelcoPFocusBits, focus: 'near' | 'far' | undefined): [number, number] {
  if (!focus) return [0, 0];
  if (mode === 'pelco') return [focus === 'far' ? 0x01 : 0x02, 0];
  return focus === 'near' ? [0x01, 0] : [0, 0x80];
}

/** Encodes a command for camera `address` (1..256; sent as address - 1). */
export function encodePelcoP(address: number, cmd: PelcoCommand, opts: PelcoPOptions = {}): Uint8Array {
  checkPelcoRange('Pelco-P address', address, 1, 0x100);
  let data: [number, number, number, number] = [0, 0, 0, 0];
  if (cmd.type === 'preset') {
    checkPelcoRange('preset', cmd.preset, 1, 0xff);
    data = [0x00, PRESET_ACTIONS[cmd.action], 0x00, cmd.preset];
  } else if (cmd.type === 'move') {
    const [f1, f2] = focusBits(opts.focusBits ?? 'pelco', cmd.focus);
    data = [f1, motionByte(cmd) | f2, pelcoSpeed('pan speed', cmd.panSpeed, !!cmd.pan, TURBO), pelcoSpeed('tilt speed', cmd.tiltSpeed, !!cmd.tilt, undefined)];
  }
  const out = Uint8Array.from([STX, address - 1, ...data, ETX, 0]);
  out[7] = pelcoPChecksum(out);
  return out;
}

function readFocus(mode: PelcoPFocusBits, d1: number, d2: number): { focus?: 'near' | 'far'; rest1: number; rest2: number } | undefined {
  const [nearBit, farBit, farIn2] = mode === 'pelco' ? [0x02, 0x01, false] : [0x01, 0x80, true];
  const near = (d1 & nearBit) !== 0;
  const far = farIn2 ? (d2 & farBit) !== 0 : (d1 & farBit) !== 0;
  if (near && far) return undefined;
  const rest1 = d1 & ~nearBit & (farIn2 ? 0xff : ~farBit);
  const rest2 = farIn2 ? d2 & ~farBit : d2;
  return { ...(near ? { focus: 'near' as const } : far ? { focus: 'far' as const } : {}), rest1, rest2 };
}

/** Decodes and validates one 8-byte packet (framing bytes and XOR checksum). */
export function decodePelcoP(bytes: Uint8Array, opts: PelcoPOptions = {}): PelcoDecode {
  if (bytes.length !== PELCO_P_LENGTH) {
    return { ok: false, error: 'length', message: `Pelco-P packets are 8 bytes, got ${bytes.length} (${toHex(bytes)})` };
  }
  if (bytes[0] !== STX || bytes[6] !== ETX) {
    return { ok: false, error: 'sync', message: `expected A0 .. AF framing, got ${toHex(bytes)}` };
  }
  const expected = pelcoPChecksum(bytes);
  const actual = bytes[7] as number;
  if (expected !== actual) {
    return { ok: false, error: 'checksum', message: `checksum ${toHex([actual])} should be ${toHex([expected])}`, expected, actual };
  }
  const [, addr, d1, d2, d3, d4] = bytes as unknown as [number, number, number, number, number, number];
  const address = addr + 1;
  const other = { type: 'other' as const, bytes: [d1, d2, d3, d4] as [number, number, number, number] };
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) return { ok: true, address, command: { type: 'stop' } };
  if (d2 & 0x01) {
    const action = (Object.keys(PRESET_ACTIONS) as Array<keyof typeof PRESET_ACTIONS>).find((k) => PRESET_ACTIONS[k] === d2);
    return { ok: true, address, command: action && d1 === 0 && d3 === 0 ? { type: 'preset', action, preset: d4 } : other };
  }
  const f = readFocus(opts.focusBits ?? 'pelco', d1, d2);
  const motion = f && f.rest1 === 0 ? readMotion(f.rest2) : undefined;
  if (!f || !motion || (f.rest2 & 0x80) !== 0) return { ok: true, address, command: other };
  const move: Extract<PelcoCommand, { type: 'move' }> = { type: 'move', ...motion, ...(f.focus ? { focus: f.focus } : {}) };
  if (motion.pan) move.panSpeed = d3 === TURBO ? 'turbo' : d3;
  if (motion.tilt) move.tiltSpeed = d4;
  return { ok: true, address, command: move };
}
