import { toHex } from '../hex';
import { checkPelcoRange, motionByte, pelcoSpeed, PRESET_ACTIONS, readMotion } from './types';
import type { PelcoCommand, PelcoDecode } from './types';

/**
 * Pelco-D: `FF addr cmd1 cmd2 data1 data2 checksum`, checksum = sum of bytes 2..6 mod 256.
 * cmd1 bit0 = focus near; cmd2 bit7 = focus far; cmd2 bit0 set = extended command (presets).
 */

export const PELCO_D_LENGTH = 7;
const SYNC = 0xff;
const TURBO = 0xff;

/** Sum of address..data2 modulo 256. */
export function pelcoDChecksum(bytes: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 1; i <= 5; i++) sum += bytes[i] ?? 0;
  return sum & 0xff;
}

/** The four command bytes of a command (shared with tests of other byte layouts). */
function body(cmd: PelcoCommand): [number, number, number, number] {
  switch (cmd.type) {
    case 'stop':
      return [0, 0, 0, 0];
    case 'preset':
      checkPelcoRange('preset', cmd.preset, 1, 0xff);
      return [0x00, PRESET_ACTIONS[cmd.action], 0x00, cmd.preset];
    case 'move': {
      const cmd1 = cmd.focus === 'near' ? 0x01 : 0x00;
      const cmd2 = motionByte(cmd) | (cmd.focus === 'far' ? 0x80 : 0x00);
      return [cmd1, cmd2, pelcoSpeed('pan speed', cmd.panSpeed, !!cmd.pan, TURBO), pelcoSpeed('tilt speed', cmd.tiltSpeed, !!cmd.tilt, undefined)];
    }
  }
}

/** Encodes a command for camera `address` (1..255). */
export function encodePelcoD(address: number, cmd: PelcoCommand): Uint8Array {
  checkPelcoRange('Pelco-D address', address, 1, 0xff);
  const out = Uint8Array.from([SYNC, address, ...body(cmd), 0]);
  out[6] = pelcoDChecksum(out);
  return out;
}

/** Decodes and validates one 7-byte packet; a bad checksum is reported, never trusted. */
export function decodePelcoD(bytes: Uint8Array): PelcoDecode {
  if (bytes.length !== PELCO_D_LENGTH) {
    return { ok: false, error: 'length', message: `Pelco-D packets are 7 bytes, got ${bytes.length} (${toHex(bytes)})` };
  }
  if (bytes[0] !== SYNC) return { ok: false, error: 'sync', message: `first byte must be FF, got ${toHex([bytes[0] ?? 0])}` };
  const expected = pelcoDChecksum(bytes);
  const actual = bytes[6] as number;
  if (expected !== actual) {
    return { ok: false, error: 'checksum', message: `checksum ${toHex([actual])} should be ${toHex([expected])}`, expected, actual };
  }
  const [, address, cmd1, cmd2, data1, data2] = bytes as unknown as [number, number, number, number, number, number];
  const other = { type: 'other' as const, bytes: [cmd1, cmd2, data1, data2] as [number, number, number, number] };
  if (cmd1 === 0 && cmd2 === 0 && data1 === 0 && data2 === 0) return { ok: true, address, command: { type: 'stop' } };
  if (cmd2 & 0x01) {
    const action = (Object.keys(PRESET_ACTIONS) as Array<keyof typeof PRESET_ACTIONS>).find((k) => PRESET_ACTIONS[k] === cmd2);
    const command = action && cmd1 === 0 && data1 === 0 ? { type: 'preset' as const, action, preset: data2 } : other;
    return { ok: true, address, command };
  }
  const motion = readMotion(cmd2 & 0x7f);
  if (!motion || (cmd1 & ~0x01) !== 0 || ((cmd1 & 0x01) !== 0 && (cmd2 & 0x80) !== 0)) return { ok: true, address, command: other };
  const focus = cmd1 & 0x01 ? 'near' : cmd2 & 0x80 ? 'far' : undefined;
  const move = { type: 'move' as const, ...motion, ...(focus ? { focus } : {}) } as Extract<PelcoCommand, { type: 'move' }>;
  if (motion.pan) move.panSpeed = data1 === TURBO ? 'turbo' : data1;
  if (motion.tilt) move.tiltSpeed = data2;
  return { ok: true, address, command: move };
}
