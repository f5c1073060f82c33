import { systemClock } from '../../../src/ptz/clock';
import type { Clock } from '../../../src/ptz/clock';
import type { Axis } from './axis';
import { interpret, newCameraState } from './camera-commands';
import type { CameraState, SimCameraConfig, SimCommandKind } from './camera-commands';

export type { SimCommandKind } from './camera-commands';

/** Misbehaviours to switch on per camera, at construction or any time later. */
export interface SimFaults {
  /** Execute nothing visible: no ACK, reply or completion leaves the camera. */
  silent: boolean;
  /** Written just before every reply packet (line noise, a second device on the bus). */
  garbageBeforeReply?: Uint8Array;
  /** Drop this many upcoming reply packets (a lost frame), then behave again. */
  dropReplies: number;
}

/** Options of one simulated camera. */
export interface SimCameraOptions extends Partial<SimCameraConfig> {
  /** Address before any AddressSet; null = not addressed yet. Default 1. */
  address?: number | null;
  clock?: Clock;
  /** Command sockets (Sony: 2). Fewer makes "buffer full" easy to provoke. */
  sockets?: number;
  /** Minimum execution time per command kind (ms); motion takes as long as it takes (drives: 0). */
  execMs?: Partial<Record<SimCommandKind, number>>;
  faults?: Partial<SimFaults>;
}

const DEFAULT_CONFIG: SimCameraConfig = {
  maxPanSpeed: 0x18,
  maxTiltSpeed: 0x14,
  maxPreset: 0x0f,
  panNibbles: 4,
  version: { vendor: 0x0001, model: 0x0513, rom: 0x0100, maxSocket: 0x02 },
  unitsPerSpeedStep: 100,
};

/**
 * A VISCA camera: two command sockets with execution time, ACK/completion/error replies,
 * inquiries, presets and motion. It handles packets addressed to it; routing along a daisy
 * chain and the byte stream live in SimCameraChain.
 */
export class SimCamera {
  address: number | null;
  readonly state: CameraState = newCameraState();
  readonly faults: SimFaults;
  readonly config: SimCameraConfig;
  /** Every packet addressed to this camera, in arrival order. */
  readonly received: Uint8Array[] = [];
  readonly clock: Clock;
  private readonly sockets: Array<{ stop(): void; axes: Axis[] } | undefined>;
  private readonly execMs: Partial<Record<SimCommandKind, number>>;

  constructor(opts: SimCameraOptions = {}) {
    this.address = opts.address === undefined ? 1 : opts.address;
    this.clock = opts.clock ?? systemClock;
    this.config = { ...DEFAULT_CONFIG, ...opts };
    this.execMs = opts.execMs ?? {};
    this.sockets = new Array<undefined>((opts.sockets ?? 2) + 1).fill(undefined);
    this.faults = { silent: false, dropReplies: 0, ...opts.faults };
  }

  /** Current pan/tilt in camera units. */
  position(): { pan: number; tilt: number } {
    const now = this.clock.now();
    return { pan: this.state.pan.at(now), tilt: this.state.tilt.at(now) };
  }

  /** Sockets executing a command right now. */
  get busySockets(): number[] {
    return this.sockets.flatMap((s, i) => (s ? [i] : []));
  }

  /** IF_Clear: drop every executing command without completions. */
  clearAll(): void {
    for (let i = 1; i < this.sockets.length; i++) this.stopSocket(i);
  }

  /** Handles one whole packet addressed to this camera; replies go to `reply`. */
  handle(frame: Uint8Array, reply: (bytes: Uint8Array) => void): void {
    this.received.push(frame);
    const y = 0x80 | ((this.address ?? 0) + 8) << 4;
    const send = (...body: number[]): void => this.send(reply, Uint8Array.from([y, ...body, 0xff]));
    const body = Array.from(frame.subarray(1, frame.length - 1));
    const [first = -1] = body;
    if (body.length === 1 && first >> 4 === 2) {
      const s = first & 0x0f;
      const busy = this.stopSocket(s);
      return send(0x60 | s, busy ? 0x04 : 0x05);
    }
    if (body.length === 3 && first === 0x01 && body[1] === 0x00 && body[2] === 0x01) {
      this.clearAll();
      return send(0x50);
    }
    const now = this.clock.now();
    const it = interpret(this.state, this.config, body, now);
    const free = this.sockets.findIndex((s, i) => i > 0 && !s);
    if (it.type === 'inquiry') return send(0x50, ...it.data);
    if (it.type === 'error') return send(0x60 | (it.code === 0x41 ? Math.max(free, 0) : 0), it.code);
    if (free < 0) return send(0x60, 0x03);
    send(0x40 | free);
    const natural = it.start(now);
    const exec = Math.max(this.execMs[it.kind] ?? 0, natural);
    if (exec <= 0) return send(0x50 | free);
    const cancel = this.clock.setTimer(() => {
      this.sockets[free] = undefined;
      send(0x50 | free);
    }, exec);
    this.sockets[free] = { stop: cancel, axes: it.axes };
  }

  /** Cancels the command in socket `s`; returns whether one was executing. */
  private stopSocket(s: number): boolean {
    const entry = this.sockets[s];
    if (!entry) return false;
    entry.stop();
    const now = this.clock.now();
    for (const axis of entry.axes) axis.stop(now);
    this.sockets[s] = undefined;
    return true;
  }

  private send(reply: (bytes: Uint8Array) => void, bytes: Uint8Array): void {
    if (this.faults.silent) return;
    if (this.faults.dropReplies > 0) {
      this.faults.dropReplies--;
      return;
    }
    if (this.faults.garbageBeforeReply) reply(this.faults.garbageBeforeReply);
    reply(bytes);
  }
}
