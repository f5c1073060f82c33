import { DEFAULT_VISCA_LIMITS, VISCA_BROADCAST } from './constants';
import { buildPacket, cameraPacket, checkRange, ViscaEncodeError } from './packet';
import type { ViscaCommand, ViscaInquiry } from './types';

/** Interface, power, preset and version encoders. */

function command(address: number, body: number[]): ViscaCommand {
  return { type: 'command', address, bytes: cameraPacket(address, body) };
}

/**
 * AddressSet `88 30 01 FF`: the first camera takes address 1 and passes `88 30 02 FF` on; the
 * controller gets back `88 30 0n FF` with n = last address + 1.
 */
export function addressSet(): Uint8Array {
  return buildPacket(VISCA_BROADCAST, [0x30, 0x01]);
}

/** IF_Clear broadcast `88 01 00 01 FF` (every camera clears its buffers; the packet comes back). */
export function ifClearBroadcast(): Uint8Array {
  return buildPacket(VISCA_BROADCAST, [0x01, 0x00, 0x01]);
}

/** IF_Clear to one camera `8x 01 00 01 FF`, answered `y0 50 FF` without an ACK. */
export function ifClear(address: number): Uint8Array {
  return cameraPacket(address, [0x01, 0x00, 0x01]);
}

/** Cancel the command executing in `socket` (`8x 2s FF`). */
export function cancel(address: number, socket: number): Uint8Array {
  checkRange('socket', socket, 1, 0x0f);
  return cameraPacket(address, [0x20 | socket]);
}

/** Power `8x 01 04 00 02 FF` (on) / `.. 03 FF` (standby). */
export function power(address: number, on: boolean): ViscaCommand {
  return command(address, [0x01, 0x04, 0x00, on ? 0x02 : 0x03]);
}

/** Power inquiry `8x 09 04 00 FF`. */
export function powerInquiry(address: number): ViscaInquiry<'power'> {
  return { type: 'inquiry', kind: 'power', address, bytes: cameraPacket(address, [0x09, 0x04, 0x00]) };
}

/** Preset operations of `8x 01 04 3F 0x pp FF`. */
export type PresetAction = 'reset' | 'set' | 'recall';
const PRESET_OP = { reset: 0x00, set: 0x01, recall: 0x02 } as const;

/**
 * Preset reset/set/recall. `maxPreset` is per model (0x0F Sony FCB; up to 0xFE elsewhere,
 * since 0xFF would end the packet early).
 */
export function preset(
  address: number,
  action: PresetAction,
  presetNumber: number,
  maxPreset: number = DEFAULT_VISCA_LIMITS.maxPreset,
): ViscaCommand {
  if (maxPreset > 0xfe) throw new ViscaEncodeError(`maxPreset ${maxPreset} is above 0xFE (0xFF is the terminator)`);
  checkRange('preset number', presetNumber, 0, maxPreset);
  return command(address, [0x01, 0x04, 0x3f, PRESET_OP[action], presetNumber]);
}

/** Version inquiry `8x 09 00 02 FF` (moves nothing: safe for baud detection). */
export function versionInquiry(address: number): ViscaInquiry<'version'> {
  return { type: 'inquiry', kind: 'version', address, bytes: cameraPacket(address, [0x09, 0x00, 0x02]) };
}
