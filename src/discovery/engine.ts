/**
 * The wire side of discovery: sockets on every chosen interface at once, probes out, datagrams in,
 * observations out. One engine per scan or watch; it knows nothing about the merged list.
 *
 * Sockets, per interface: one bound to the interface's address on an ephemeral port per protocol
 * (multicast goes out of that interface; unicast replies, including from devices on other subnets,
 * come back to it). Shared: one listener per protocol on its well-known port on 0.0.0.0, joined to
 * the group on every interface, for Hello/Bye, NOTIFY and replies sent to the group. Nothing is
 * filtered by source subnet.
 */
import { randomUUID } from 'node:crypto';
import type { DiscoveryProtocolName, ScanStats } from '../contract/discovery';
import type { UdpPeer, UdpSocketFactory, UdpSocketHandle } from '../platform/discovery-ports';
import type { Logger } from '../platform/ports';
import type { DescriptionCache } from './description-cache';
import { inPrefix } from './ipv4';
import { fromDescription, fromDhip, fromSadp, fromSsdp, fromWsdMatch, isOnvifMatch, urlHostIs, type Heard } from './normalise';
import type { Observation } from './observation';
import { buildDhipDiscover, decodeDhipPackets, DHIP_MULTICAST_V4, DHIP_PORT, dhipMethod, parseDhipDeviceInfo } from './protocols/dhip';
import { DiscoveryParseError } from './protocols/errors';
import { buildSadpProbe, parseSadpMessage, SADP_MULTICAST_V4, SADP_PORT } from './protocols/sadp';
import { buildMSearch, parseSsdpMessage, SSDP_MULTICAST_V4, SSDP_PORT } from './protocols/ssdp';
import { buildProbe, buildResolve, parseWsdMessage, WSD_MULTICAST_V4, WSD_PORT } from './protocols/wsdiscovery';

/** A laptop interface to probe from. */
export interface ProbeInterface {
  name: string;
  /** Its (first) IPv4 address. */
  address: string;
  prefix: number;
}

export interface EngineDeps {
  udp: UdpSocketFactory;
  descriptions: DescriptionCache;
  now: () => number;
  logger: Logger;
}

export interface EngineOptions {
  interfaces: ProbeInterface[];
  protocols: readonly DiscoveryProtocolName[];
  onObservation: (obs: Observation) => void;
  /** Open the shared well-known-port listeners (default true). */
  listen?: boolean;
  /** Search target for M-SEARCH (default ssdp:all). */
  ssdpTarget?: string;
}

const GROUP: Record<DiscoveryProtocolName, string> = { onvif: WSD_MULTICAST_V4, ssdp: SSDP_MULTICAST_V4, sadp: SADP_MULTICAST_V4, dhip: DHIP_MULTICAST_V4 };
const PORT: Record<DiscoveryProtocolName, number> = { onvif: WSD_PORT, ssdp: SSDP_PORT, sadp: SADP_PORT, dhip: DHIP_PORT };
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Sockets and parsers for one scan or watch. Call {@link close} when done. */
export class DiscoveryEngine {
  readonly stats: ScanStats = { sent: 0, received: 0, malformed: 0, descriptions: 0, descriptionErrors: 0 };
  readonly warnings: string[] = [];
  private readonly sockets: Array<{ proto: DiscoveryProtocolName; iface: ProbeInterface | null; socket: UdpSocketHandle }> = [];
  private readonly sadpProbes = new Map<string, string>();
  private readonly resolved = new Set<string>();
  private readonly described = new Set<string>();
  private closed = false;

  private constructor(
    private readonly deps: EngineDeps,
    private readonly opts: EngineOptions,
  ) {}

  /** Binds every socket; failures (a port in use, an address gone) become warnings, not errors. */
  static async open(deps: EngineDeps, opts: EngineOptions): Promise<DiscoveryEngine> {
    const engine = new DiscoveryEngine(deps, opts);
    await engine.bindAll();
    return engine;
  }

  get interfaces(): readonly ProbeInterface[] {
    return this.opts.interfaces;
  }

  private async bindAll(): Promise<void> {
    const binds: Array<Promise<void>> = [];
    for (const proto of this.opts.protocols) {
      for (const iface of this.opts.interfaces) {
        binds.push(this.bindOne(proto, iface, { address: iface.address, port: 0 }));
      }
      if (this.opts.listen !== false && this.opts.interfaces.length > 0) {
        binds.push(this.bindOne(proto, null, { address: '0.0.0.0', port: PORT[proto], reuseAddr: true }));
      }
    }
    await Promise.all(binds);
  }

  private async bindOne(proto: DiscoveryProtocolName, iface: ProbeInterface | null, at: { address: string; port: number; reuseAddr?: boolean }): Promise<void> {
    let socket: UdpSocketHandle;
    try {
      socket = await this.deps.udp.bind(at);
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
      else for (const i of this.opts.interfaces) socket.addMembership(GROUP[proto], i.address);
    } catch (e) {
      this.warnings.push(`multicast setup for ${proto}${iface ? ` on ${iface.name}` : ''} failed: ${(e as Error).message}`);
    }
    socket.onError((e) => this.deps.logger.debug('discovery socket error', { proto, error: e.message }));
    socket.onMessage((data, from) => this.handle(proto, iface, data, from));
    this.sockets.push({ proto, iface, socket });
  }

  /** Sends one round of probes for `protocols` (default: all of this engine's) on every interface. */
  async probe(protocols: readonly DiscoveryProtocolName[] = this.opts.protocols): Promise<void> {
    const sends: Array<Promise<void>> = [];
    for (const { proto, iface, socket } of this.sockets) {
      if (!iface || !protocols.includes(proto)) continue;
      const payload = this.probePayload(proto, iface);
      this.stats.sent++;
      sends.push(socket.send(payload, PORT[proto], GROUP[proto]).catch((e: Error) => {
        this.warnings.push(`${proto} probe on ${iface.name} failed: ${e.message}`);
      }));
    }
    await Promise.all(sends);
  }

  private probePayload(proto: DiscoveryProtocolName, iface: ProbeInterface): Uint8Array {
    if (proto === 'onvif') return enc(buildProbe({ messageId: randomUUID() }));
    if (proto === 'ssdp') return enc(buildMSearch(this.opts.ssdpTarget ?? 'ssdp:all', 1));
    if (proto === 'dhip') return buildDhipDiscover();
    const uuid = randomUUID().toUpperCase();
    this.sadpProbes.set(uuid, iface.name);
    return enc(buildSadpProbe(uuid));
  }

  /** The interface a datagram belongs to: the socket's, else the one whose subnet holds the sender. */
  private ifaceFor(socketIface: ProbeInterface | null, from: string): string | null {
    if (socketIface) return socketIface.name;
    const match = this.opts.interfaces.find((i) => inPrefix(from, i.address, i.prefix));
    if (match) return match.name;
    return this.opts.interfaces.length === 1 ? this.opts.interfaces[0]!.name : null;
  }

  private handle(proto: DiscoveryProtocolName, iface: ProbeInterface | null, data: Uint8Array, from: UdpPeer): void {
    if (this.closed) return;
    const heard: Heard = { at: this.deps.now(), from: from.address, iface: this.ifaceFor(iface, from.address) };
    try {
      if (proto === 'onvif') this.onWsd(data, heard, iface);
      else if (proto === 'ssdp') this.onSsdp(data, heard);
      else if (proto === 'sadp') this.onSadp(data, heard);
      else this.onDhip(data, heard);
    } catch (e) {
      if (!(e instanceof DiscoveryParseError)) this.deps.logger.warn('discovery: unexpected error handling a datagram', { proto, error: String(e) });
      this.stats.malformed++;
      this.deps.logger.debug('discovery: ignored malformed datagram', { proto, from: from.address, error: (e as Error).message });
    }
  }

  private emit(obs: Observation): void {
    this.stats.received++;
    this.opts.onObservation(obs);
  }

  private onWsd(data: Uint8Array, heard: Heard, iface: ProbeInterface | null): void {
    const msg = parseWsdMessage(data);
    if (msg.kind === 'probe' || msg.kind === 'resolve') return; // ours looped back, or another client's
    const cause = msg.kind === 'hello' ? 'hello' : msg.kind === 'bye' ? 'bye' : 'reply';
    for (const match of msg.matches) {
      // A Bye usually carries no Types: accept it for anything with an endpoint; the registry
      // only changes presence of devices it knows.
      if (cause !== 'bye' && !isOnvifMatch(match)) continue;
      if (cause === 'bye' && match.address === '') continue;
      this.emit(fromWsdMatch(match, cause, heard));
      if (cause !== 'bye' && match.xaddrs.length === 0 && match.address) this.resolve(match.address, heard.from, iface);
    }
  }

  private resolve(address: string, ip: string, iface: ProbeInterface | null): void {
    if (this.resolved.has(address)) return;
    this.resolved.add(address);
    const entry = this.sockets.find((s) => s.proto === 'onvif' && s.iface && (iface === null || s.iface === iface));
    if (!entry) return;
    this.stats.sent++;
    entry.socket.send(enc(buildResolve({ messageId: randomUUID(), address })), WSD_PORT, ip).catch(() => undefined);
  }

  private onSsdp(data: Uint8Array, heard: Heard): void {
    const msg = parseSsdpMessage(data);
    if (msg.kind === 'search') return;
    const obs = fromSsdp(msg, heard);
    if (!obs) return;
    this.emit(obs);
    const location = obs.fields.location;
    if (!location || obs.cause === 'byebye' || this.described.has(location)) return;
    this.described.add(location);
    // Only from the device that answered: a LOCATION pointing elsewhere would make us fetch
    // arbitrary hosts on a stranger's say-so.
    if (!urlHostIs(location, heard.from)) {
      this.stats.descriptionErrors++;
      this.deps.logger.debug('discovery: LOCATION names another host; not fetched', { from: heard.from, location });
      return;
    }
    this.deps.descriptions.get(location).then(
      (desc) => {
        if (this.closed) return;
        this.stats.descriptions++;
        this.opts.onObservation(fromDescription(desc, location, { ...heard, at: this.deps.now() }));
      },
      (e: Error) => {
        this.stats.descriptionErrors++;
        if (e instanceof DiscoveryParseError) this.stats.malformed++;
        this.deps.logger.debug('discovery: description failed', { location, error: e.message });
      },
    );
  }

  private onSadp(data: Uint8Array, heard: Heard): void {
    const msg = parseSadpMessage(data);
    if (msg.kind === 'probe') return;
    const probedOn = msg.device.uuid ? this.sadpProbes.get(msg.device.uuid.toUpperCase()) : undefined;
    this.emit(fromSadp(msg.device, probedOn && heard.iface === null ? { ...heard, iface: probedOn } : heard));
  }

  private onDhip(data: Uint8Array, heard: Heard): void {
    for (const packet of decodeDhipPackets(data)) {
      if (dhipMethod(packet.json) === 'DHDiscover.search') continue;
      this.emit(fromDhip(parseDhipDeviceInfo(packet.json), heard));
    }
  }

  /** Closes every socket; late datagrams and descriptions are dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.sockets.splice(0).map((s) => s.socket.close()));
  }
}
