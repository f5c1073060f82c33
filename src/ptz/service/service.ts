import { FieldKitError } from '../../contract/errors';
import type { EventPayload, Handlers } from '../../contract';
import type { PtzConnectionInfo, PtzFrame, PtzOutcome, PtzPosition, PtzTarget } from '../../contract/ptz';
import { systemClock } from '../clock';
import type { Clock } from '../clock';
import type { FrameLogEntry } from '../visca/line';
import { detectBaud } from './detect-baud';
import type { PtzDriver } from './driver';
import { toPtzError } from './errors';
import { FrameRing, framesToCsv, framesToText } from './frame-log';
import { PelcoDriver } from './pelco-driver';
import type { PtzLinkOpener } from './ports';
import { ViscaDriver } from './visca-driver';
import { Wire, wireKey, wireSignature } from './wire';

type PtzTopic = 'ptz.frame' | 'ptz.state' | 'ptz.error';
/** Event sink of the PTZ service (the core's typed emitter). */
export type PtzEmit = <T extends PtzTopic>(topic: T, payload: EventPayload<T>) => void;

/** Dependencies and tunables of {@link PtzService}. */
export interface PtzServiceOptions {
  opener: PtzLinkOpener;
  emit: PtzEmit;
  clock?: Clock;
  /** A jog stops when no heartbeat came for this long. Default 500 ms. */
  deadmanMs?: number;
  /** Delay between attempts to reopen a lost port. Default 1000 ms. */
  reopenMs?: number;
  /** Frames kept per connection. */
  frameCapacity?: number;
  /** Default wait for an ACK or reply. Default 1000 ms. */
  replyTimeoutMs?: number;
}

interface Conn {
  id: string;
  target: PtzTarget;
  wire: Wire;
  address: number;
  driver: PtzDriver;
  ring: FrameRing;
  /** Cancels the deadman timer of a running jog. */
  jog?: () => void;
  position?: PtzPosition;
  closed: boolean;
}

const NO_ADDRESS = -1;

/** Camera address a frame concerns (from its header byte), or NO_ADDRESS for broadcasts and garbage. */
function frameAddress(hex: string, protocol: 'visca' | 'pelco'): number {
  const bytes = hex.split(' ').map((h) => parseInt(h, 16));
  if (protocol === 'pelco' || bytes.length < 2) return NO_ADDRESS;
  const h = bytes[0] as number;
  if (h >= 0x81 && h <= 0x87) return h & 0x07;
  if (h >= 0x90 && h <= 0xf0 && (h & 0x0f) === 0) return (h >> 4) - 8;
  return NO_ADDRESS;
}

/**
 * PTZ control for every host: connections to cameras (several at once; cameras on one daisy
 * chain share the port), the commands, a frame log per connection, and the safety rules: a jog
 * stops when its heartbeats stop, and a lost port is reopened with a stop before anything else.
 */
export class PtzService {
  private readonly conns = new Map<string, Conn>();
  private readonly wires = new Map<string, Wire>();
  private readonly clock: Clock;
  private readonly deadmanMs: number;
  private seq = 0;

  constructor(private readonly opts: PtzServiceOptions) {
    this.clock = opts.clock ?? systemClock;
    this.deadmanMs = opts.deadmanMs ?? 500;
  }

  /** Opens a camera target (or joins the port another connection has open). */
  async connect(target: PtzTarget, o: { replyTimeoutMs?: number; completionTimeoutMs?: number; maxPreset?: number } = {}): Promise<PtzConnectionInfo> {
    const address = 'address' in target ? target.address : 1;
    const key = wireKey(target);
    let wire = this.wires.get(key);
    if (wire && wireSignature(wire.target) !== wireSignature(target)) {
      throw new FieldKitError('conflict', `${key} is already open as ${wireSignature(wire.target)}; disconnect it first`);
    }
    if (wire && [...this.conns.values()].some((c) => c.wire === wire && c.address === address)) {
      throw new FieldKitError('conflict', `camera ${address} on ${key} is already connected`);
    }
    if (!wire) {
      const w: Wire = new Wire(
        target,
        {
          opener: this.opts.opener,
          clock: this.clock,
          replyTimeoutMs: o.replyTimeoutMs ?? this.opts.replyTimeoutMs ?? 1000,
          session: { completionTimeoutMs: o.completionTimeoutMs ?? 15_000 },
          reopenMs: this.opts.reopenMs ?? 1000,
        },
        {
          onFrame: (e) => this.onFrame(w, e),
          onLost: (reason) => this.onLost(w, reason),
          beforeReady: () => this.stopAll(w),
          onReady: () => this.onWire(w, (c) => this.emitState(c)),
          onReopenFailed: (err) => this.onWire(w, (c) => this.opts.emit('ptz.error', { connId: c.id, code: 'reopen-failed', message: `${key} is still unavailable: ${err.message}` })),
        },
      );
      this.wires.set(key, w);
      try {
        await w.open();
      } catch (err) {
        this.wires.delete(key);
        await w.close();
        throw err;
      }
      wire = w;
    }
    const id = `ptz-${++this.seq}`;
    const w = wire;
    const maxPreset = o.maxPreset ?? 0x0f;
    const driver: PtzDriver =
      w.protocol === 'pelco'
        ? new PelcoDriver(() => w.pelco(), address)
        : new ViscaDriver({ address, maxPreset, line: () => w.line(), session: () => w.session(address) });
    const conn: Conn = { id, target, wire: w, address, driver, ring: new FrameRing(this.opts.frameCapacity), closed: false };
    this.conns.set(id, conn);
    this.emitState(conn);
    return this.info(conn);
  }

  async disconnect(connId: string): Promise<{ closed: boolean }> {
    const c = this.conns.get(connId);
    if (!c) return { closed: false };
    // Gone before the stop is awaited: a drive arriving meanwhile (a key repeat, a quit) is refused
    // instead of going out after the stop onto a port about to close, with no deadman left to stop it.
    c.closed = true;
    this.conns.delete(connId);
    if (c.jog) {
      this.endJog(c);
      await c.driver.stop().catch(() => undefined);
    }
    if (![...this.conns.values()].some((x) => x.wire === c.wire)) {
      this.wires.delete(c.wire.key);
      await c.wire.close();
    }
    this.emitState(c);
    return { closed: true };
  }

  connections(): PtzConnectionInfo[] {
    return [...this.conns.values()].map((c) => this.info(c));
  }

  /** Starts a drive; with the deadman, stop follows unless heartbeats keep coming. */
  drive(connId: string, d: { direction: Parameters<PtzDriver['drive']>[0]; panSpeed?: number; tiltSpeed?: number; deadman: boolean }): Promise<PtzOutcome> {
    return this.op(connId, async (c) => {
      // Armed before the bytes leave: a camera slow to ACK is still covered.
      if (d.deadman) this.armJog(c);
      else this.endJog(c);
      try {
        await c.driver.drive(d.direction, d.panSpeed, d.tiltSpeed);
      } catch (err) {
        this.endJog(c);
        throw err;
      }
      return {};
    });
  }

  heartbeat(connId: string): { jogging: boolean } {
    const c = this.get(connId);
    if (c.jog) this.armJog(c);
    return { jogging: !!c.jog };
  }

  stop(connId: string): Promise<PtzOutcome> {
    return this.op(connId, async (c) => {
      this.endJog(c);
      await c.driver.stop();
      return {};
    });
  }

  /** Runs one driver call with the frame bookkeeping every outcome carries. */
  run(connId: string, fn: (d: PtzDriver) => Promise<unknown>): Promise<PtzOutcome> {
    return this.op(connId, async (c) => {
      await fn(c.driver);
      return {};
    });
  }

  position(connId: string): Promise<PtzOutcome & PtzPosition> {
    return this.op(connId, async (c) => {
      const p = await c.driver.position();
      c.position = p;
      this.emitState(c);
      return p;
    });
  }

  powerStatus(connId: string): Promise<PtzOutcome & { power: 'on' | 'off' | 'error' }> {
    return this.op(connId, async (c) => ({ power: await c.driver.powerStatus() }));
  }

  version(connId: string): Promise<PtzOutcome & Awaited<ReturnType<PtzDriver['version']>>> {
    return this.op(connId, (c) => c.driver.version());
  }

  addressSet(connId: string): Promise<PtzOutcome & { cameras: number }> {
    return this.op(connId, async (c) => ({ cameras: await c.driver.addressSet() }));
  }

  detectBaud(req: { path: string; address: number; timeoutMs: number }): ReturnType<typeof detectBaud> {
    if (this.wires.has(`serial:${req.path}`)) {
      return Promise.reject(new FieldKitError('conflict', `${req.path} is open in a PTZ connection; disconnect it before detecting the baud rate`));
    }
    return detectBaud(this.opts.opener, this.clock, req, (e) => this.toFrame(e));
  }

  frameLog(connId: string, limit?: number): PtzFrame[] {
    return this.get(connId).ring.list(limit);
  }

  exportLog(connId: string, format: 'csv' | 'text'): { filename: string; mimeType: string; content: string } {
    const frames = this.get(connId).ring.list();
    const stamp = new Date(this.clock.now()).toISOString().replace(/[:.]/g, '-');
    return format === 'csv'
      ? { filename: `fieldkit-ptz-${connId}-${stamp}.csv`, mimeType: 'text/csv', content: framesToCsv(frames) }
      : { filename: `fieldkit-ptz-${connId}-${stamp}.txt`, mimeType: 'text/plain', content: framesToText(frames) };
  }

  /** Stops every jog (sending stop), closes every port. */
  async close(): Promise<void> {
    await Promise.all([...this.conns.keys()].map((id) => this.disconnect(id).catch(() => undefined)));
    for (const w of this.wires.values()) await w.close();
    this.wires.clear();
  }

  private get(connId: string): Conn {
    const c = this.conns.get(connId);
    if (!c) throw new FieldKitError('not_found', `no PTZ connection "${connId}" (connect first)`);
    return c;
  }

  private async op<T extends object>(connId: string, fn: (c: Conn) => Promise<T>): Promise<T & PtzOutcome> {
    const c = this.get(connId);
    const mark = c.ring.total;
    const t0 = this.clock.now();
    try {
      if (c.wire.state !== 'open') {
        throw new FieldKitError('unavailable', `${c.wire.key} is ${c.wire.state === 'lost' ? 'lost; FieldKit reopens it when it returns' : c.wire.state}`);
      }
      const value = await fn(c);
      return { ...value, frames: c.ring.since(mark), latencyMs: this.clock.now() - t0 };
    } catch (err) {
      throw toPtzError(err, c.ring.since(mark));
    }
  }

  private armJog(c: Conn): void {
    c.jog?.();
    const wasJogging = !!c.jog;
    const cancel = this.clock.setTimer(() => {
      if (c.jog !== cancel) return;
      c.jog = undefined;
      this.opts.emit('ptz.error', { connId: c.id, code: 'deadman', message: `no heartbeat for ${this.deadmanMs} ms: sent stop` });
      this.emitState(c);
      c.driver.stop().catch((err: unknown) => this.opts.emit('ptz.error', { connId: c.id, code: 'stop-failed', message: `deadman stop failed: ${(err as Error).message}` }));
    }, this.deadmanMs);
    c.jog = cancel;
    if (!wasJogging) this.emitState(c);
  }

  private endJog(c: Conn): void {
    if (!c.jog) return;
    c.jog();
    c.jog = undefined;
    this.emitState(c);
  }

  private onWire(w: Wire, fn: (c: Conn) => void): void {
    for (const c of this.conns.values()) if (c.wire === w) fn(c);
  }

  private onLost(w: Wire, reason: Error): void {
    this.onWire(w, (c) => {
      // The camera hears stop as soon as the port is back (beforeReady); no timer may fire meanwhile.
      c.jog?.();
      c.jog = undefined;
      this.opts.emit('ptz.error', { connId: c.id, code: 'port-lost', message: `${w.key} was lost (${reason.message}); reopening` });
      this.emitState(c);
    });
  }

  private async stopAll(w: Wire): Promise<void> {
    const conns = [...this.conns.values()].filter((c) => c.wire === w);
    for (const c of conns) {
      await c.driver.stop().catch((err: unknown) =>
        this.opts.emit('ptz.error', { connId: c.id, code: 'stop-failed', message: `stop after reopening failed: ${(err as Error).message}` }),
      );
    }
  }

  private toFrame(e: FrameLogEntry): PtzFrame {
    const f: PtzFrame = { dir: e.dir, at: new Date(e.at).toISOString(), hex: e.bytes, meaning: e.meaning };
    if (e.latencyMs !== undefined) f.latencyMs = e.latencyMs;
    if (e.discarded) f.discarded = true;
    return f;
  }

  private onFrame(w: Wire, e: FrameLogEntry): void {
    const f = this.toFrame(e);
    const addr = frameAddress(e.bytes, w.protocol);
    this.onWire(w, (c) => {
      if (addr !== NO_ADDRESS && addr !== c.address) return;
      c.ring.push(f);
      this.opts.emit('ptz.frame', { connId: c.id, ...f });
    });
  }

  private info(c: Conn): PtzConnectionInfo {
    const state = c.closed ? 'closed' : c.wire.state === 'open' ? 'open' : c.wire.state === 'closed' ? 'closed' : 'lost';
    const i: PtzConnectionInfo = { connId: c.id, target: c.target, protocol: c.wire.protocol, state, jogging: !!c.jog };
    if (c.position) i.position = c.position;
    return i;
  }

  private emitState(c: Conn): void {
    this.opts.emit('ptz.state', this.info(c));
  }
}

/** The RPC handlers of `ptz`, validated by the contract before they run. */
export function ptzHandlers(s: PtzService): Handlers['ptz'] {
  return {
    connect: (target, o) => s.connect(target, o),
    disconnect: (id) => s.disconnect(id),
    connections: () => s.connections(),
    drive: (id, d) => s.drive(id, d),
    heartbeat: (id) => s.heartbeat(id),
    stop: (id) => s.stop(id),
    home: (id) => s.run(id, (d) => d.home()),
    reset: (id) => s.run(id, (d) => d.reset()),
    goto: (id, t) => s.run(id, (d) => d.goto(t)),
    zoom: (id, z) => s.run(id, (d) => d.zoom(z.action, z.speed)),
    zoomTo: (id, p) => s.run(id, (d) => d.zoomTo(p)),
    focus: (id, f) => s.run(id, (d) => d.focus(f.action, f.speed)),
    focusTo: (id, p) => s.run(id, (d) => d.focusTo(p)),
    preset: (id, p) => s.run(id, (d) => d.preset(p.action, p.number)),
    position: (id) => s.position(id),
    power: (id, on) => s.run(id, (d) => d.power(on)),
    powerStatus: (id) => s.powerStatus(id),
    version: (id) => s.version(id),
    addressSet: (id) => s.addressSet(id),
    ifClear: (id, o) => s.run(id, (d) => d.ifClear(o?.broadcast ?? false)),
    detectBaud: (req) => s.detectBaud(req),
    frameLog: (id, o) => s.frameLog(id, o?.limit),
    exportLog: (id, format) => s.exportLog(id, format),
  };
}
