import { Axis } from './axis';

/**
 * How the simulated camera understands each packet body (bytes between header and FF). Written
 * from the Sony command tables independently of src/ptz/visca, so the simulator is a second
 * opinion on the wire format rather than a mirror of the code under test.
 */

export interface SimCameraConfig {
  maxPanSpeed: number;
  maxTiltSpeed: number;
  /** Highest accepted preset number; higher ones are a syntax error. */
  maxPreset: number;
  /** 5 = answer position inquiries and take absolute moves like a BRC-300. */
  panNibbles: 4 | 5;
  version: { vendor: number; model: number; rom: number; maxSocket: number };
  /** Pan/tilt units per second for each step of VV/WW. */
  unitsPerSpeedStep: number;
}

export interface CameraState {
  pan: Axis;
  tilt: Axis;
  zoom: Axis;
  focus: Axis;
  power: boolean;
  focusMode: 'auto' | 'manual';
  presets: Map<number, { pan: number; tilt: number; zoom: number; focus: number }>;
}

export function newCameraState(): CameraState {
  return {
    pan: new Axis(-2448, 2448, 0),
    tilt: new Axis(-432, 1296, 0),
    zoom: new Axis(0, 0x4000, 0),
    focus: new Axis(0x1000, 0xc000, 0x1000),
    power: true,
    focusMode: 'auto',
    presets: new Map(),
  };
}

export type SimCommandKind =
  | 'drive' | 'absolute' | 'relative' | 'home' | 'reset' | 'zoom' | 'zoomDirect' | 'focus'
  | 'focusDirect' | 'focusMode' | 'onePush' | 'preset' | 'power';

export type Interpretation =
  | { type: 'inquiry'; data: number[] }
  /** `start` applies the effect and returns how long the motion takes (ms). */
  | { type: 'command'; kind: SimCommandKind; axes: Axis[]; start(now: number): number }
  | { type: 'error'; code: 0x02 | 0x41 };

const SYNTAX = { type: 'error', code: 0x02 } as const;
const NOT_EXECUTABLE = { type: 'error', code: 0x41 } as const;
const LENS_RATE = 4; // zoom/focus units per ms at standard speed

const nib = (v: number, n: number): number[] => {
  const raw = v < 0 ? v + 16 ** n : v;
  return Array.from({ length: n }, (_, i) => (raw >> (4 * (n - 1 - i))) & 0x0f);
};
const unnib = (b: number[], signed: boolean): number | undefined => {
  if (b.some((x) => x > 0x0f)) return undefined;
  const raw = b.reduce((acc, x) => acc * 16 + x, 0);
  return signed && raw >= 16 ** b.length / 2 ? raw - 16 ** b.length : raw;
};
const same = (b: number[], ...prefix: number[]): boolean => prefix.every((p, i) => b[i] === p);

function inquiry(s: CameraState, c: SimCameraConfig, b: number[], now: number): Interpretation {
  const key = b.slice(1).map((x) => x.toString(16).padStart(2, '0')).join(' ');
  const v = c.version;
  const data: Record<string, () => number[]> = {
    '04 00': () => [s.power ? 0x02 : 0x03],
    '06 12': () => [...nib(s.pan.at(now), c.panNibbles), ...nib(s.tilt.at(now), 4)],
    '06 11': () => [c.maxPanSpeed, c.maxTiltSpeed],
    '04 47': () => nib(s.zoom.at(now), 4),
    '04 48': () => nib(s.focus.at(now), 4),
    '04 38': () => [s.focusMode === 'auto' ? 0x02 : 0x03],
    '00 02': () => [v.vendor >> 8, v.vendor & 0xff, v.model >> 8, v.model & 0xff, v.rom >> 8, v.rom & 0xff, v.maxSocket],
  };
  const fn = data[key];
  return fn ? { type: 'inquiry', data: fn() } : SYNTAX;
}

function panTilt(s: CameraState, c: SimCameraConfig, b: number[]): Interpretation {
  const [, , op, vv = 0, ww = 0] = b;
  const speedsOk = vv >= 1 && vv <= c.maxPanSpeed && ww >= 1 && ww <= c.maxTiltSpeed;
  const rate = (speed: number): number => (speed * c.unitsPerSpeedStep) / 1000;
  const axes = [s.pan, s.tilt];
  if (op === 0x01 && b.length === 7) {
    const dir = (x: number | undefined, neg: number, pos: number): number | undefined => (x === neg ? -1 : x === pos ? 1 : x === 3 ? 0 : undefined);
    const pd = dir(b[5], 0x01, 0x02);
    const td = dir(b[6], 0x02, 0x01);
    if (!speedsOk || pd === undefined || td === undefined) return SYNTAX;
    return { type: 'command', kind: 'drive', axes, start: (now) => (s.pan.drive(now, pd * rate(vv)), s.tilt.drive(now, td * rate(ww)), 0) };
  }
  if ((op === 0x02 || op === 0x03) && b.length === 5 + c.panNibbles + 4) {
    const pan = unnib(b.slice(5, 5 + c.panNibbles), true);
    const tilt = unnib(b.slice(5 + c.panNibbles), true);
    if (!speedsOk || pan === undefined || tilt === undefined) return SYNTAX;
    return {
      type: 'command', kind: op === 0x02 ? 'absolute' : 'relative', axes,
      start: (now) => {
        const [p0, t0] = op === 0x03 ? [s.pan.at(now), s.tilt.at(now)] : [0, 0];
        return Math.max(s.pan.moveTo(now, p0 + pan, rate(vv)), s.tilt.moveTo(now, t0 + tilt, rate(ww)));
      },
    };
  }
  if ((op === 0x04 || op === 0x05) && b.length === 3) {
    const fast = rate(c.maxPanSpeed);
    return { type: 'command', kind: op === 0x04 ? 'home' : 'reset', axes, start: (now) => Math.max(s.pan.moveTo(now, 0, fast), s.tilt.moveTo(now, 0, fast)) };
  }
  return SYNTAX;
}

function lensDrive(axis: Axis, kind: 'zoom' | 'focus', p: number): Interpretation {
  const dir = p === 0 ? 0 : p === 2 || p >> 4 === 2 ? 1 : p === 3 || p >> 4 === 3 ? -1 : undefined;
  if (dir === undefined || (p > 3 && (p & 0x0f) > 7)) return SYNTAX;
  const speed = p > 3 ? (p & 0x0f) + 1 : 4;
  return { type: 'command', kind, axes: [axis], start: (now) => (dir === 0 ? axis.stop(now) : axis.drive(now, (dir * speed * LENS_RATE) / 4), 0) };
}

function camera(s: CameraState, c: SimCameraConfig, b: number[]): Interpretation {
  const [, , op, a = -1, pp = -1] = b;
  if (op === 0x00 && b.length === 4 && (a === 2 || a === 3)) return { type: 'command', kind: 'power', axes: [], start: () => ((s.power = a === 2), 0) };
  if (!s.power) return NOT_EXECUTABLE;
  const manualOnly = (i: Interpretation): Interpretation => (s.focusMode === 'auto' ? NOT_EXECUTABLE : i);
  if (op === 0x07 && b.length === 4) return lensDrive(s.zoom, 'zoom', a);
  if (op === 0x08 && b.length === 4) return manualOnly(lensDrive(s.focus, 'focus', a));
  if ((op === 0x47 || op === 0x48) && b.length === 7) {
    const v = unnib(b.slice(3), false);
    const axis = op === 0x47 ? s.zoom : s.focus;
    if (v === undefined) return SYNTAX;
    const i: Interpretation = { type: 'command', kind: op === 0x47 ? 'zoomDirect' : 'focusDirect', axes: [axis], start: (now) => axis.moveTo(now, v, LENS_RATE) };
    return op === 0x48 ? manualOnly(i) : i;
  }
  if (op === 0x38 && b.length === 4 && [0x02, 0x03, 0x10].includes(a)) {
    const next = a === 0x02 ? 'auto' : a === 0x03 ? 'manual' : s.focusMode === 'auto' ? 'manual' : 'auto';
    return { type: 'command', kind: 'focusMode', axes: [], start: () => ((s.focusMode = next), 0) };
  }
  if (op === 0x18 && b.length === 4 && a === 0x01) return manualOnly({ type: 'command', kind: 'onePush', axes: [s.focus], start: (now) => s.focus.moveTo(now, 0x8000, LENS_RATE) });
  if (op === 0x3f && b.length === 5 && a >= 0 && a <= 2) {
    if (pp > c.maxPreset) return SYNTAX;
    return { type: 'command', kind: 'preset', axes: [s.pan, s.tilt, s.zoom, s.focus], start: (now) => preset(s, c, a, pp, now) };
  }
  return SYNTAX;
}

function preset(s: CameraState, c: SimCameraConfig, op: number, n: number, now: number): number {
  if (op === 0x00) s.presets.delete(n);
  if (op === 0x01) s.presets.set(n, { pan: s.pan.at(now), tilt: s.tilt.at(now), zoom: s.zoom.at(now), focus: s.focus.at(now) });
  const p = s.presets.get(n);
  if (op !== 0x02 || !p) return 0;
  const fast = (c.maxPanSpeed * c.unitsPerSpeedStep) / 1000;
  return Math.max(s.pan.moveTo(now, p.pan, fast), s.tilt.moveTo(now, p.tilt, fast), s.zoom.moveTo(now, p.zoom, LENS_RATE), s.focus.moveTo(now, p.focus, LENS_RATE));
}

/** Interprets a command/inquiry body (`01 ..` or `09 ..`) sent to this camera. */
export function interpret(s: CameraState, c: SimCameraConfig, body: number[], now: number): Interpretation {
  if (same(body, 0x09) && body.length === 3) return inquiry(s, c, body, now);
  if (same(body, 0x01, 0x06)) return s.power ? panTilt(s, c, body) : NOT_EXECUTABLE;
  if (same(body, 0x01, 0x04)) return camera(s, c, body);
  return SYNTAX;
}
