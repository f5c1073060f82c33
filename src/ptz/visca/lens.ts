import { cameraPacket, checkRange, encodeNibbles } from './packet';
import type { ViscaCommand, ViscaInquiry } from './types';

/** Zoom and focus encoders (category 04). */

/** Zoom drive: stop, standard tele/wide, or variable speed 0 (slow)..7 (fast). */
export type ZoomAction = 'stop' | 'tele' | 'wide';
/** Focus drive: stop, standard far/near, or variable speed 0..7. */
export type FocusAction = 'stop' | 'far' | 'near';
/** Focus mode commands of `8x 01 04 38 ..`. */
export type FocusMode = 'auto' | 'manual' | 'toggle';

const DRIVE = { stop: 0x00, tele: 0x02, far: 0x02, wide: 0x03, near: 0x03 } as const;
const FOCUS_MODE = { auto: 0x02, manual: 0x03, toggle: 0x10 } as const;

function command(address: number, body: number[]): ViscaCommand {
  return { type: 'command', address, bytes: cameraPacket(address, body) };
}

function drive(address: number, op: 0x07 | 0x08, action: 'stop' | 'tele' | 'wide' | 'far' | 'near', speed?: number): ViscaCommand {
  let p: number = DRIVE[action];
  // Variable speed puts the direction in the high nibble: 2p (tele/far), 3p (wide/near).
  if (speed !== undefined && action !== 'stop') {
    checkRange(op === 0x07 ? 'zoom speed' : 'focus speed', speed, 0, 7);
    p = (p << 4) | speed;
  }
  return command(address, [0x01, 0x04, op, p]);
}

/** Zoom `8x 01 04 07 00|02|03 FF`, or `2p`/`3p` when a speed is given. */
export function zoom(address: number, action: ZoomAction, speed?: number): ViscaCommand {
  return drive(address, 0x07, action, speed);
}

/** Zoom direct `8x 01 04 47 0p 0q 0r 0s FF` (0x0000 wide end .. model-specific tele end). */
export function zoomDirect(address: number, position: number): ViscaCommand {
  return command(address, [0x01, 0x04, 0x47, ...encodeNibbles('zoom position', position, 4, false)]);
}

/** Zoom position inquiry `8x 09 04 47 FF`. */
export function zoomPositionInquiry(address: number): ViscaInquiry<'zoomPosition'> {
  return { type: 'inquiry', kind: 'zoomPosition', address, bytes: cameraPacket(address, [0x09, 0x04, 0x47]) };
}

/** Focus `8x 01 04 08 00|02|03 FF`, or `2p`/`3p` when a speed is given. */
export function focus(address: number, action: FocusAction, speed?: number): ViscaCommand {
  return drive(address, 0x08, action, speed);
}

/** Focus direct `8x 01 04 48 0p 0q 0r 0s FF`. */
export function focusDirect(address: number, position: number): ViscaCommand {
  return command(address, [0x01, 0x04, 0x48, ...encodeNibbles('focus position', position, 4, false)]);
}

/** Focus position inquiry `8x 09 04 48 FF`. */
export function focusPositionInquiry(address: number): ViscaInquiry<'focusPosition'> {
  return { type: 'inquiry', kind: 'focusPosition', address, bytes: cameraPacket(address, [0x09, 0x04, 0x48]) };
}

/** Focus mode `8x 01 04 38 02|03|10 FF` (auto, manual, toggle). */
export function focusMode(address: number, mode: FocusMode): ViscaCommand {
  return command(address, [0x01, 0x04, 0x38, FOCUS_MODE[mode]]);
}

/** One-push autofocus trigger `8x 01 04 18 01 FF` (used in manual focus mode). */
export function focusOnePush(address: number): ViscaCommand {
  return command(address, [0x01, 0x04, 0x18, 0x01]);
}

/** Focus mode inquiry `8x 09 04 38 FF`. */
export function focusModeInquiry(address: number): ViscaInquiry<'focusMode'> {
  return { type: 'inquiry', kind: 'focusMode', address, bytes: cameraPacket(address, [0x09, 0x04, 0x38]) };
}
