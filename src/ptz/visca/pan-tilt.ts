import { DEFAULT_VISCA_LIMITS, PAN_TILT_DIRECTIONS } from './constants';
import type { PanTiltDirection, ViscaLimits } from './constants';
import { cameraPacket, checkRange, encodeNibbles, ViscaEncodeError } from './packet';
import type { ViscaCommand, ViscaInquiry } from './types';

/** Pan-tilt encoders (category 06). Speeds are checked against the camera's limits. */

type SpeedLimits = Pick<ViscaLimits, 'maxPanSpeed' | 'maxTiltSpeed'>;
type PositionLimits = SpeedLimits & Pick<ViscaLimits, 'panNibbles'>;

function command(address: number, body: number[]): ViscaCommand {
  return { type: 'command', address, bytes: cameraPacket(address, body) };
}

function checkSpeeds(panSpeed: number, tiltSpeed: number, limits: SpeedLimits): void {
  checkRange('pan speed', panSpeed, 1, limits.maxPanSpeed);
  checkRange('tilt speed', tiltSpeed, 1, limits.maxTiltSpeed);
}

/**
 * Pan-tilt drive `8x 01 06 01 VV WW PP TT FF`. Stop still carries (valid) speeds because
 * cameras reject a stop with speed 00 as a syntax error.
 */
export function panTiltDrive(
  address: number,
  direction: PanTiltDirection,
  panSpeed: number,
  tiltSpeed: number,
  limits: SpeedLimits = DEFAULT_VISCA_LIMITS,
): ViscaCommand {
  const pt = PAN_TILT_DIRECTIONS[direction];
  if (!pt) throw new ViscaEncodeError(`unknown pan-tilt direction "${String(direction)}"`);
  checkSpeeds(panSpeed, tiltSpeed, limits);
  return command(address, [0x01, 0x06, 0x01, panSpeed, tiltSpeed, pt[0], pt[1]]);
}

/** Target of an absolute or relative move, in signed camera units. */
export interface PanTiltTarget {
  pan: number;
  tilt: number;
  panSpeed: number;
  tiltSpeed: number;
}

function positionMove(
  address: number,
  op: 0x02 | 0x03,
  t: PanTiltTarget,
  limits: PositionLimits,
): ViscaCommand {
  checkSpeeds(t.panSpeed, t.tiltSpeed, limits);
  const pan = encodeNibbles('pan position', t.pan, limits.panNibbles, true);
  const tilt = encodeNibbles('tilt position', t.tilt, 4, true);
  return command(address, [0x01, 0x06, op, t.panSpeed, t.tiltSpeed, ...pan, ...tilt]);
}

/** Absolute position `8x 01 06 02 VV WW 0Y.. 0Z.. FF` (5 pan nibbles when limits.panNibbles = 5). */
export function panTiltAbsolute(
  address: number,
  target: PanTiltTarget,
  limits: PositionLimits = DEFAULT_VISCA_LIMITS,
): ViscaCommand {
  return positionMove(address, 0x02, target, limits);
}

/** Relative move `8x 01 06 03 ..`: same layout as absolute, values are offsets. */
export function panTiltRelative(
  address: number,
  offset: PanTiltTarget,
  limits: PositionLimits = DEFAULT_VISCA_LIMITS,
): ViscaCommand {
  return positionMove(address, 0x03, offset, limits);
}

/** Home `8x 01 06 04 FF`. */
export function panTiltHome(address: number): ViscaCommand {
  return command(address, [0x01, 0x06, 0x04]);
}

/** Reset (re-initialise the pan-tilt mechanism) `8x 01 06 05 FF`. */
export function panTiltReset(address: number): ViscaCommand {
  return command(address, [0x01, 0x06, 0x05]);
}

/** Position inquiry `8x 09 06 12 FF`. */
export function panTiltPositionInquiry(address: number): ViscaInquiry<'panTiltPosition'> {
  return { type: 'inquiry', kind: 'panTiltPosition', address, bytes: cameraPacket(address, [0x09, 0x06, 0x12]) };
}

/** Max-speed inquiry `8x 09 06 11 FF`: tells the WW limit of this model. */
export function panTiltMaxSpeedInquiry(address: number): ViscaInquiry<'panTiltMaxSpeed'> {
  return { type: 'inquiry', kind: 'panTiltMaxSpeed', address, bytes: cameraPacket(address, [0x09, 0x06, 0x11]) };
}
