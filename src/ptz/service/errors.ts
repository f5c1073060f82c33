import { FieldKitError } from '../../contract/errors';
import type { PtzCameraErrorName, PtzFrame } from '../../contract/ptz';
import type { ViscaErrorName } from '../visca/constants';
import { ViscaCameraError, ViscaTimeoutError } from '../visca/errors';

const BY_VISCA: Record<ViscaErrorName, PtzCameraErrorName> = {
  syntax: 'syntax',
  // A packet too long for the camera is a malformed command as far as the user can act on it.
  messageLength: 'syntax',
  bufferFull: 'buffer-full',
  cancelled: 'canceled',
  noSocket: 'no-socket',
  notExecutable: 'not-executable',
  unknown: 'not-executable',
};

/** Details of a failed PTZ call: the camera's error name (if the camera answered or stayed silent) and the frames. */
export interface PtzErrorDetails {
  camera?: PtzCameraErrorName;
  /** The raw VISCA error code, for codes outside the standard table. */
  viscaCode?: number;
  frames: PtzFrame[];
}

/** The camera-error name of a failure, if it is one (timeouts included). */
export function cameraErrorName(err: unknown): PtzCameraErrorName | undefined {
  if (err instanceof ViscaCameraError) return BY_VISCA[err.viscaName];
  if (err instanceof ViscaTimeoutError) return 'timeout';
  if (err instanceof FieldKitError && err.code === 'timeout') return 'timeout';
  return undefined;
}

/**
 * Rewraps any failure as a FieldKitError carrying the frames exchanged, so the UI and the CLI
 * can show what went over the wire when something went wrong. Unknown exceptions stay bugs.
 */
export function toPtzError(err: unknown, frames: PtzFrame[]): unknown {
  if (!(err instanceof FieldKitError)) return err;
  const camera = cameraErrorName(err);
  const details: PtzErrorDetails = { frames };
  if (camera) details.camera = camera;
  if (err instanceof ViscaCameraError) details.viscaCode = err.viscaCode;
  return new FieldKitError(err.code, err.message, details);
}
