/**
 * A simulated VISCA camera on one end of a socat pty pair, for the PTZ e2e spec and the UI
 * benchmark: FieldKit (the browser host) opens the other end as if it were a USB adapter. Every
 * chunk of bytes is timestamped on arrival (performance.timeOrigin + performance.now(), the same
 * epoch-based clock a browser page reports), and the camera's decoded packets are classified.
 */
import { SerialPort } from 'serialport';
import type { ByteLink } from '../../src/ptz/link';
import { createPtyPair, type PtyPair } from '../lab/pty';
import { SimCameraChain } from '../sim/visca/chain';
import type { SimCamera, SimCameraOptions } from '../sim/visca/camera';
import { serialLink } from '../sim/visca/links';

/** One chunk of bytes as it came off the pty. */
export interface Arrival {
  /** ms since the epoch, sub-millisecond. */
  at: number;
  bytes: Uint8Array;
}

/** What a VISCA packet the camera received asked for, as far as these tests care. */
export type PacketKind =
  | { kind: 'drive'; direction: string }
  | { kind: 'stop' }
  | { kind: 'preset'; action: 'set' | 'recall' | 'reset'; n: number }
  | { kind: 'other' };

const PAN = { 1: 'left', 2: 'right', 3: '' } as Record<number, string>;
const TILT = { 1: 'up', 2: 'down', 3: '' } as Record<number, string>;

/** Classifies `8x 01 06 01 VV WW XX YY FF` (pan-tilt drive) and `8x 01 04 3F 0p NN FF` (preset). */
export function classify(p: Uint8Array): PacketKind {
  if (p.length === 9 && p[1] === 0x01 && p[2] === 0x06 && p[3] === 0x01) {
    const pan = PAN[p[6] as number];
    const tilt = TILT[p[7] as number];
    if (pan === undefined || tilt === undefined) return { kind: 'other' };
    if (!pan && !tilt) return { kind: 'stop' };
    return { kind: 'drive', direction: [tilt, pan].filter(Boolean).join('-') };
  }
  if (p.length === 7 && p[1] === 0x01 && p[2] === 0x04 && p[3] === 0x3f) {
    const action = (['reset', 'set', 'recall'] as const)[p[4] as number];
    if (action) return { kind: 'preset', action, n: p[5] as number };
  }
  return { kind: 'other' };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').replace(/(..)(?!$)/g, '$1 ').toUpperCase();

/** A camera on a pty, its arrivals, and helpers to wait for what it saw. */
export class PtyCamera {
  private constructor(
    readonly pair: PtyPair,
    private readonly port: SerialPort,
    readonly chain: SimCameraChain,
    /** Every chunk that came off the pty, in order. */
    readonly arrivals: Arrival[],
  ) {}

  /** The pty path FieldKit should open (typed into the connection form). */
  get path(): string {
    return this.pair.b;
  }

  get camera(): SimCamera {
    return this.chain.camera;
  }

  static async start(cameras: SimCameraOptions[] = [{}]): Promise<PtyCamera> {
    const pair = await createPtyPair();
    const port = new SerialPort({ path: pair.a, baudRate: 9600, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      await pair.close();
      throw err;
    }
    const base = serialLink(port);
    const arrivals: Arrival[] = [];
    const link: ByteLink = {
      ...base,
      onData: (cb) =>
        base.onData((bytes) => {
          arrivals.push({ at: performance.timeOrigin + performance.now(), bytes });
          cb(bytes);
        }),
    };
    return new PtyCamera(pair, port, new SimCameraChain(link, cameras), arrivals);
  }

  /** Packets camera 1 received, classified, with their index (arrival order). */
  packets(): PacketKind[] {
    return this.camera.received.map(classify);
  }

  /** Hex of every packet camera 1 received (for failure messages). */
  receivedHex(): string[] {
    return this.camera.received.map(hex);
  }

  /** Resolves with the index of the first packet at or after `from` that matches. */
  async waitFor(pred: (p: PacketKind) => boolean, from = 0, timeoutMs = 15_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const i = this.packets().findIndex((p, idx) => idx >= from && pred(p));
      if (i >= 0) return i;
      if (Date.now() > end) throw new Error(`camera never received the expected packet; it got: ${this.receivedHex().slice(from).join(' | ') || 'nothing'}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
    await this.pair.close();
  }
}
