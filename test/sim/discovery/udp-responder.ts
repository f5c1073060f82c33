import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { assertMulticastAllowed, assertSafeDestination } from './netns-guard';
import type { CameraSimConfig } from './sim-config';

/** Where a datagram goes. */
export interface Target {
  address: string;
  port: number;
}

/** A reply a protocol handler wants sent; the responder applies the fault settings to it. */
export interface Reply {
  payload: Uint8Array;
  /** The malformed variant sent when `faults.malformed` is on. */
  corrupt: (payload: Uint8Array) => Uint8Array;
  targets: Target[];
  /** Copies the device itself sends (WS-Discovery cameras often send 2). */
  copies?: number;
  /** Extra delay for this reply (ms), on top of `faults.lateMs`. */
  delayMs?: number;
}

/** Options for {@link UdpResponder.start}. */
export interface UdpResponderOptions {
  name: string;
  ip: string;
  port: number;
  /** Multicast group joined on `ip` when `multicast` is on. */
  group: string;
  multicast: boolean;
  rootNetns: boolean;
  faults: CameraSimConfig['faults'];
  onDatagram: (data: Buffer, from: RemoteInfo) => Reply[];
  log: (line: string) => void;
}

/**
 * One UDP socket playing one discovery protocol. In unicast mode it binds `ip:port` and never
 * touches multicast; in multicast mode it binds the wildcard address (Linux delivers group
 * traffic only to sockets bound to it or to the group) and joins the group on `ip`.
 */
export class UdpResponder {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Replies dropped so far by `faults.loseReplies`. */
  private lost = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly opts: UdpResponderOptions,
    /** The bound port (useful when 0 was asked for). */
    readonly port: number,
  ) {}

  static async start(opts: UdpResponderOptions): Promise<UdpResponder> {
    if (opts.multicast) assertMulticastAllowed(opts.ip, opts.rootNetns);
    const socket = createSocket({ type: 'udp4', reuseAddr: opts.multicast });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.port, opts.multicast ? '0.0.0.0' : opts.ip, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    if (opts.multicast) {
      socket.addMembership(opts.group, opts.ip);
      socket.setMulticastInterface(opts.ip);
      socket.setMulticastTTL(1);
    }
    const responder = new UdpResponder(socket, opts, socket.address().port);
    socket.on('error', (e) => opts.log(`${opts.name}: socket error ${e.message}`));
    socket.on('message', (data, from) => responder.handle(data, from));
    return responder;
  }

  /** The multicast target for this protocol, if multicast is on. */
  groupTarget(): Target[] {
    return this.opts.multicast ? [{ address: this.opts.group, port: this.port }] : [];
  }

  private handle(data: Buffer, from: RemoteInfo): void {
    let replies: Reply[];
    try {
      replies = this.opts.onDatagram(data, from);
    } catch (e) {
      this.opts.log(`${this.opts.name}: ignored datagram from ${from.address}:${from.port}: ${(e as Error).message}`);
      return;
    }
    const { silent, lateMs, loseReplies } = this.opts.faults;
    if (silent || replies.length === 0) return;
    if (this.lost < loseReplies) {
      this.lost++;
      this.opts.log(`${this.opts.name}: reply to ${from.address}:${from.port} lost on purpose (${this.lost} of ${loseReplies})`);
      return;
    }
    for (const r of replies) {
      const delay = lateMs + (r.delayMs ?? 0);
      if (delay === 0) {
        void this.sendReply(r);
        continue;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.sendReply(r);
      }, delay);
      this.timers.add(timer);
    }
  }

  private sendReply(reply: Reply): Promise<void> {
    const { malformed, duplicates } = this.opts.faults;
    const payload = malformed ? reply.corrupt(reply.payload) : reply.payload;
    return this.sendRaw(payload, reply.targets, (reply.copies ?? 1) + duplicates);
  }

  /** Sends an unsolicited message (Hello/Bye) now; nothing when the camera is silent. */
  announce(payload: Uint8Array, targets: Target[]): Promise<void> {
    return this.opts.faults.silent ? Promise.resolve() : this.sendRaw(payload, targets, 1);
  }

  private async sendRaw(payload: Uint8Array, targets: Target[], copies: number): Promise<void> {
    const sends: Array<Promise<void>> = [];
    for (const t of targets) {
      try {
        assertSafeDestination(t.address, this.opts.rootNetns);
      } catch (e) {
        this.opts.log(`${this.opts.name}: ${(e as Error).message}`);
        continue;
      }
      for (let i = 0; i < copies && !this.closed; i++) {
        sends.push(new Promise((resolve) => {
          this.socket.send(payload, t.port, t.address, (err) => {
            if (err) this.opts.log(`${this.opts.name}: send to ${t.address}:${t.port} failed: ${err.message}`);
            resolve();
          });
        }));
      }
    }
    await Promise.all(sends);
  }

  /** Cancels late replies and closes the socket. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
