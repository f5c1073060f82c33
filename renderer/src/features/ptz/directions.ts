import type { PtzDirection } from '../../../../src/contract';

/** The arrow keys the joystick pad answers to. */
export const ARROW_KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'] as const;
export type ArrowKey = (typeof ARROW_KEYS)[number];

export const isArrowKey = (key: string): key is ArrowKey => (ARROW_KEYS as readonly string[]).includes(key);

/** Combines a vertical and a horizontal sign (-1, 0, 1; up and left negative) into a direction. */
export function directionFromSigns(v: number, h: number): PtzDirection | null {
  const vert = v < 0 ? 'up' : v > 0 ? 'down' : '';
  const horiz = h < 0 ? 'left' : h > 0 ? 'right' : '';
  if (vert && horiz) return `${vert}-${horiz}` as PtzDirection;
  return (vert || horiz || null) as PtzDirection | null;
}

/**
 * The direction of the arrow keys held down: two neighbouring arrows make a diagonal, and
 * opposite arrows cancel out (held together they mean "neither", not the last one pressed).
 */
export function directionFromKeys(held: Iterable<ArrowKey>): PtzDirection | null {
  const keys = new Set(held);
  const v = (keys.has('ArrowDown') ? 1 : 0) - (keys.has('ArrowUp') ? 1 : 0);
  const h = (keys.has('ArrowRight') ? 1 : 0) - (keys.has('ArrowLeft') ? 1 : 0);
  return directionFromSigns(v, h);
}

/**
 * The pad cell under a pointer at (x, y) inside a `width`×`height` pad laid out as a 3×3 grid;
 * the middle cell is null (hold still). A pointer dragged outside the pad keeps the edge cell's
 * direction, so a thumb sliding off a touch screen keeps driving until it lifts.
 */
export function directionAt(x: number, y: number, width: number, height: number): PtzDirection | null {
  if (!(width > 0 && height > 0)) return null;
  const cell = (pos: number, size: number): number => {
    const t = pos / size;
    return t < 1 / 3 ? -1 : t >= 2 / 3 ? 1 : 0;
  };
  return directionFromSigns(cell(y, height), cell(x, width));
}

/** The cells of the pad in reading order (null = the centre stop cell). */
export const PAD_CELLS: readonly (PtzDirection | null)[] = [
  'up-left',
  'up',
  'up-right',
  'left',
  null,
  'right',
  'down-left',
  'down',
  'down-right',
];

/** Highest protocol-native pan/tilt speeds FieldKit sends (VISCA: the common Sony maxima; Pelco-D/P: 0x3F). */
export const MAX_SPEEDS = {
  visca: { pan: 0x18, tilt: 0x14 },
  pelco: { pan: 0x3f, tilt: 0x3f },
} as const;

/** Protocol-native pan and tilt speeds for a speed setting in percent (1..100); never 0 (0 means "stop" to some cameras). */
export function speedFor(protocol: 'visca' | 'pelco', percent: number): { panSpeed: number; tiltSpeed: number } {
  const p = Math.min(100, Math.max(1, Number.isFinite(percent) ? percent : 50)) / 100;
  const max = MAX_SPEEDS[protocol];
  return { panSpeed: Math.max(1, Math.round(p * max.pan)), tiltSpeed: Math.max(1, Math.round(p * max.tilt)) };
}
