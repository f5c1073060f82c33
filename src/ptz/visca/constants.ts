/** Wire constants of VISCA (Sony VISCA command lists, FCB/SRG/BRC technical manuals). */

export const VISCA_TERMINATOR = 0xff;
/** Header of broadcast packets (AddressSet, IF_Clear broadcast) and of their replies. */
export const VISCA_BROADCAST = 0x88;
/** Longest legal packet, header and terminator included. */
export const VISCA_MAX_FRAME = 16;
/** Shortest legal packet (`y0 4s FF`). */
export const VISCA_MIN_FRAME = 3;
export const VISCA_MIN_ADDRESS = 1;
export const VISCA_MAX_ADDRESS = 7;

/** Stable names of the VISCA error codes (`y0 6s ee FF`). */
export type ViscaErrorName =
  | 'messageLength'
  | 'syntax'
  | 'bufferFull'
  | 'cancelled'
  | 'noSocket'
  | 'notExecutable'
  | 'unknown';

/** Error code → name and a message a technician can act on. */
export const VISCA_ERRORS: Readonly<Record<number, { name: ViscaErrorName; message: string }>> = {
  0x01: { name: 'messageLength', message: 'message length error (packet too long)' },
  0x02: { name: 'syntax', message: 'syntax error (command not supported or parameters wrong)' },
  0x03: { name: 'bufferFull', message: 'command buffer full (two commands already executing)' },
  0x04: { name: 'cancelled', message: 'command cancelled' },
  0x05: { name: 'noSocket', message: 'no socket (nothing to cancel in that socket)' },
  0x41: { name: 'notExecutable', message: 'command not executable in the current mode' },
};

/** Looks up an error code, falling back to `unknown` so a new vendor code still decodes. */
export function viscaErrorInfo(code: number): { name: ViscaErrorName; message: string } {
  return VISCA_ERRORS[code] ?? { name: 'unknown', message: `unknown error code 0x${code.toString(16).padStart(2, '0')}` };
}

/** Pan-tilt drive directions and their PP TT bytes. */
export const PAN_TILT_DIRECTIONS = {
  up: [0x03, 0x01],
  down: [0x03, 0x02],
  left: [0x01, 0x03],
  right: [0x02, 0x03],
  'up-left': [0x01, 0x01],
  'up-right': [0x02, 0x01],
  'down-left': [0x01, 0x02],
  'down-right': [0x02, 0x02],
  stop: [0x03, 0x03],
} as const satisfies Record<string, readonly [number, number]>;

export type PanTiltDirection = keyof typeof PAN_TILT_DIRECTIONS;

/** Known vendor ids from version replies. */
export const VISCA_VENDORS: Readonly<Record<number, string>> = {
  0x0001: 'Sony',
  0x0020: 'Sony',
};

/**
 * Per-model limits. Defaults are the most conservative values from protocols.md; a camera
 * profile (or the max-speed inquiry) widens them.
 */
export interface ViscaLimits {
  /** Highest VV of pan-tilt drive (0x18 on every Sony PTZ). */
  maxPanSpeed: number;
  /** Highest WW: 0x14 FCB-style, 0x17 SRG-X400, 0x18 AVer. */
  maxTiltSpeed: number;
  /** Highest preset number: 0x0F Sony FCB, up to 0xFE elsewhere (0xFF is the terminator). */
  maxPreset: number;
  /** Nibbles of pan in absolute/relative/position reply: 4 (most) or 5 (BRC-300). */
  panNibbles: 4 | 5;
}

export const DEFAULT_VISCA_LIMITS: Readonly<ViscaLimits> = {
  maxPanSpeed: 0x18,
  maxTiltSpeed: 0x14,
  maxPreset: 0x0f,
  panNibbles: 4,
};
