/**
 * The socket side of discovery: binds every socket, sends probes, and hands raw datagrams to one
 * sink. It imports only the probe builders (no XML parser, no database), so the CLI can open it and
 * put the first probes on the wire while the rest of FieldKit is still loading; the engine then
 * adopts it and replays what arrived meanwhile (see src/hosts/cli/early-discovery.ts).
 *
 * Sockets, per interface: one bound to the interface's address on an ephemeral port per protocol
 * (multicast goes out of that interface; unicast replies, including from devices on other subnets,
 * come back to it). Shared: one listener per protocol on its well-known port on 0.0.0.0, joined to
 * the group on every interface, for Hello/Bye, NOTIFY and replies sent to the group.
 */
import { randomUUID } from 'node:crypto';
import type { DiscoveryProtocolName } from '../contract/discovery-protocols';
import type { UdpPeer, UdpSocketFactory, UdpSocketHandle } from '../platform/discovery-ports';
import { buildDhipDiscover, DHIP_MULTICAST_V4, DHIP_PORT } from './protocols/dhip';
import { buildSadpProbe, SADP_MULTICAST_V4, SADP_PORT } from './protocols/sadp-probe';
import { buildMSearch, SSDP_MULTICAST_V4, SSDP_PORT } from './protocols/ssdp';
import { buildProbe, WSD_MULTICAST_V4, WSD_PORT } from './protocols/wsd-probe';

/** A laptop interface to probe from. */
export interface ProbeInterface {
  name: string;
  /** Its (first) IPv4 address. */
  address: string;
  prefix: number;
}

/** One datagram as it arrived, with the socket's protocol and interface (null: a shared listener). */
export interface Datagram {
  proto: DiscoveryProtocolName;
  iface: ProbeInterface | null;
  data: Uint8Array;
  from: UdpPeer;
  /** Arrival time (the wire's clock), kept so replayed datagrams keep their real first-seen time. */
  at: number;
}

export interface WireOptions {
  interfaces: ProbeInterface[];
  protocols: readonly DiscoveryProtocolName[];
  /** Open the shared well-known-port listeners (default true). */
  listen?: boolean;
  /** Search target for M-SEARCH (default ssdp:all). */
  ssdpTarget?: string;
}

export const GROUP: Record<DiscoveryProtocolName, string> = { onvif: WSD_MULTICAST_V4, ssdp: SSDP_MULTICAST_V4, sadp: SADP_MULTICAST_V4, dhip: DHIP_MULTICAST_V4 };
export const PORT: Record<DiscoveryProtocolName, number> = { onvif: WSD_PORT, ssdp: SSDP_PORT, sadp: SADP_PORT, dhip: DHIP_PORT };
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * What is kept while no sink is attached (only during start-up): at most this many datagrams and
 * this many bytes of them, so a flood on a busy LAN cannot grow the process; the rest are counted
 * and dropped, and the count becomes a warning when the sink attaches.
 */
export const BACKLOG_LIMIT = { datagrams: 50_000, bytes: 16 * 1024 * 1024 };

/** Sockets for one scan or watch. Call {@link close} when done. */
export class DiscoveryWire {
  readonly warnings: string[] = [];
  /** Probes and resolves sent. */
  sent = 0;
  /** When the first probe round went out (null before). */
  firstProbeAt: number | null = null;
  private readonly sockets: Array<{ proto: DiscoveryProtocolName; iface: ProbeInterface | null; socket: UdpSocketHandle }> = [];
  private readonly sadpProbes = new Map<string, string>();
  private sink: ((d: Datagram) => void) | null = null;
  private backlog: Datagram[] = [];
  private backlogBytes = 0;
  private dropped = 0;
  private closed = false;

  private constructor(
    private readonly udp: UdpSocketFactory,
    private readonly now: () => number,
    readonly options: WireOptions,
  ) {}

  /** Binds every socket; failures (a port in use, an address gone) become warnings, not errors. */
  static async open(deps: { udp: UdpSocketFactory; now: () => number }, options: WireOptions): Promise<DiscoveryWire> {
    const wire = new DiscoveryWire(deps.udp, deps.now, options);
    await wire.bindAll();
    return wire;
  }

  get interfaces(): readonly ProbeInterface[] {
    return this.options.interfaces;
  }

  get protocols(): readonly DiscoveryProtocolName[] {
    return this.options.protocols;
  }

  /**
   * Delivers every datagram to `sink`: first those that arrived before (in arrival order), then
   * live ones. One sink per wire.
   */
  attach(sink: (d: Datagram) => void): void {
    if (this.sink) throw new Error('discovery wire already has a sink');
    this.sink = sink;
    const waiting = this.backlog;
    this.backlog = [];
    this.backlogBytes = 0;
    if (this.dropped) this.warnings.push(`${this.dropped} datagram(s) arrived while FieldKit was starting and were dropped`);
    for (const d of waiting) if (!this.closed) sink(d);
  }

  private async bindAll(): Promise<void> {
    const binds: Array<Promise<void>> = [];
    for (const proto of this.options.protocols) {
      for (const iface of this.options.interfaces) {
        binds.push(this.bindOne(proto, iface, { address: iface.address, port: 0 }));
      }
      if (this.options.listen !== false && this.options.interfaces.length > 0) {
        binds.push(this.bindOne(proto, null, { address: '0.0.0.0', port: PORT[proto], reuseAddr: true }));
      }
    }
    await Promise.all(binds);
  }

  private async bindOne(proto: DiscoveryProtocolName, iface: ProbeInterface | null, at: { address: string; port: number; reuseAddr?: boolean }): Promise<void> {
    let socket: UdpSocketHandle;
    try {
      socket = await this.udp.bind(at);
    } catch (e) {
      const what = iface ? `${proto} on ${iface.name} (${iface.address})` : `${proto} listener on UDP ${at.port}`;
      this.warnings.push(`cannot open ${what}: ${(e as Error).message}`);
      return;
    }
    if (this.closed) {
      await socket.close();
      return;
    }
    try {
      if (iface) socket.setMulticastInterface(iface.address);
      else for (const i of this.options.interfaces) socket.addMembership(GROUP[proto], i.address);
    } catch (e) {
      this.warnings.push(`multicast setup for ${proto}${iface ? ` on ${iface.name}` : ''} failed: ${(e as Error).message}`);
    }
    // Socket errors after binding (ICMP unreachable and the like) change nothing for a scan.
    socket.onError(() => undefined);
    socket.onMessage((data, from) => this.deliver({ proto, iface, data, from, at: this.now() }));
    this.sockets.push({ proto, iface, socket });
  }

  private deliver(d: Datagram): void {
    if (this.closed) return;
    if (this.sink) this.sink(d);
    else if (this.backlog.length < BACKLOG_LIMIT.datagrams && this.backlogBytes + d.data.byteLength <= BACKLOG_LIMIT.bytes) {
      this.backlog.push(d);
      this.backlogBytes += d.data.byteLength;
    } else this.dropped++;
  }

  /** Sends one round of probes for `protocols` (default: all of this wire's) on every interface. */
  async probe(protocols: readonly DiscoveryProtocolName[] = this.options.protocols): Promise<void> {
    this.firstProbeAt ??= this.now();
    const sends: Array<Promise<void>> = [];
    for (const { proto, iface, socket } of this.sockets) {
      if (!iface || !protocols.includes(proto)) continue;
      const payload = this.probePayload(proto, iface);
      this.sent++;
      sends.push(socket.send(payload, PORT[proto], GROUP[proto]).catch((e: Error) => {
        this.warnings.push(`${proto} probe on ${iface.name} failed: ${e.message}`);
      }));
    }
    await Promise.all(sends);
  }

  private probePayload(proto: DiscoveryProtocolName, iface: ProbeInterface): Uint8Array {
    if (proto === 'onvif') return enc(buildProbe({ messageId: randomUUID() }));
    if (proto === 'ssdp') return enc(buildMSearch(this.options.ssdpTarget ?? 'ssdp:all', 1));
    if (proto === 'dhip') return buildDhipDiscover();
    const uuid = randomUUID().toUpperCase();
    this.sadpProbes.set(uuid, iface.name);
    return enc(buildSadpProbe(uuid));
  }

  /** The interface a SADP probe with this uuid went out of (SADP replies go to the group). */
  sadpProbeInterface(uuid: string): string | undefined {
    return this.sadpProbes.get(uuid.toUpperCase());
  }

  /** Sends a unicast from `proto`'s socket on `iface` (any interface when null); false when there is none. */
  sendFrom(proto: DiscoveryProtocolName, iface: ProbeInterface | null, payload: Uint8Array, port: number, address: string): boolean {
    const entry = this.sockets.find((s) => s.proto === proto && s.iface && (iface === null || s.iface === iface));
    if (!entry || this.closed) return false;
    this.sent++;
    entry.socket.send(payload, port, address).catch(() => undefined);
    return true;
  }

  /** Closes every socket; later datagrams are dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.backlog = [];
    this.backlogBytes = 0;
    await Promise.all(this.sockets.splice(0).map((s) => s.socket.close()));
  }
}
