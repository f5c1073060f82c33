/**
 * Datagrams in, observations out: parses what the wire (src/discovery/wire.ts) receives, asks for
 * UPnP descriptions and sends Resolves. One engine per scan or watch; it knows nothing about the
 * merged list. Nothing is filtered by source subnet.
 */
import { randomUUID } from 'node:crypto';
import type { DiscoveryProtocolName, ScanStats } from '../contract/discovery';
import type { UdpSocketFactory } from '../platform/discovery-ports';
import type { Logger } from '../platform/ports';
import type { DescriptionCache } from './description-cache';
import { inPrefix } from './ipv4';
import { fromDescription, fromDhip, fromSadp, fromSsdp, fromWsdMatch, isOnvifMatch, urlHostIs, type Heard } from './normalise';
import type { Observation } from './observation';
import { decodeDhipPackets, dhipMethod, parseDhipDeviceInfo } from './protocols/dhip';
import { DiscoveryParseError } from './protocols/errors';
import { parseSadpMessage } from './protocols/sadp';
import { parseSsdpMessage } from './protocols/ssdp';
import { buildResolve, parseWsdMessage, WSD_PORT } from './protocols/wsdiscovery';
import { RepeatCache } from './repeat-cache';
import { DiscoveryWire, type Datagram, type ProbeInterface } from './wire';

export type { ProbeInterface } from './wire';

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
  /**
   * A wire opened earlier for the same interfaces and protocols (the CLI's early probe): adopted
   * instead of binding new sockets; what it received meanwhile is parsed first.
   */
  wire?: DiscoveryWire;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Parsers over one wire, for one scan or watch. Call {@link close} when done. */
export class DiscoveryEngine {
  private readonly counts = { received: 0, malformed: 0, descriptions: 0, descriptionErrors: 0 };
  private readonly resolved = new Set<string>();
  private readonly described = new Set<string>();
  private readonly repeats = new RepeatCache();
  /** Observations of the datagram being parsed, kept for its repeats. */
  private collecting: Observation[] | null = null;
  private closed = false;

  private constructor(
    private readonly deps: EngineDeps,
    private readonly opts: EngineOptions,
    readonly wire: DiscoveryWire,
  ) {}

  /** Binds every socket (or adopts `opts.wire`); failures become warnings, not errors. */
  static async open(deps: EngineDeps, opts: EngineOptions): Promise<DiscoveryEngine> {
    const wire = opts.wire ?? (await DiscoveryWire.open({ udp: deps.udp, now: deps.now }, opts));
    const engine = new DiscoveryEngine(deps, opts, wire);
    wire.attach((d) => engine.handle(d));
    return engine;
  }

  get interfaces(): readonly ProbeInterface[] {
    return this.opts.interfaces;
  }

  get stats(): ScanStats {
    return { sent: this.wire.sent, ...this.counts };
  }

  get warnings(): readonly string[] {
    return this.wire.warnings;
  }

  /** Sends one round of probes for `protocols` (default: all of this engine's) on every interface. */
  probe(protocols: readonly DiscoveryProtocolName[] = this.opts.protocols): Promise<void> {
    return this.wire.probe(protocols);
  }

  /** The interface a datagram belongs to: the socket's, else the one whose subnet holds the sender. */
  private ifaceFor(socketIface: ProbeInterface | null, from: string): string | null {
    if (socketIface) return socketIface.name;
    const match = this.opts.interfaces.find((i) => inPrefix(from, i.address, i.prefix));
    if (match) return match.name;
    return this.opts.interfaces.length === 1 ? this.opts.interfaces[0]!.name : null;
  }

  private handle({ proto, iface, data, from, at }: Datagram): void {
    if (this.closed) return;
    const heard: Heard = { at, from: from.address, iface: this.ifaceFor(iface, from.address) };
    const key = this.repeats.key(proto, heard.iface, from, data);
    const repeat = this.repeats.get(key, at);
    if (repeat === 'malformed') {
      this.counts.malformed++;
      return;
    }
    if (repeat) {
      for (const obs of repeat) this.emit({ ...obs, at });
      return;
    }
    const collected: Observation[] = [];
    this.collecting = collected;
    try {
      if (proto === 'onvif') this.onWsd(data, heard, iface);
      else if (proto === 'ssdp') this.onSsdp(data, heard);
      else if (proto === 'sadp') this.onSadp(data, heard);
      else this.onDhip(data, heard);
      this.repeats.set(key, at, collected);
    } catch (e) {
      if (!(e instanceof DiscoveryParseError)) this.deps.logger.warn('discovery: unexpected error handling a datagram', { proto, error: String(e) });
      this.counts.malformed++;
      this.repeats.set(key, at, 'malformed');
      this.deps.logger.debug('discovery: ignored malformed datagram', { proto, from: from.address, error: (e as Error).message });
    } finally {
      this.collecting = null;
    }
  }

  private emit(obs: Observation): void {
    this.counts.received++;
    this.collecting?.push(obs);
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
    this.wire.sendFrom('onvif', iface, enc(buildResolve({ messageId: randomUUID(), address })), WSD_PORT, ip);
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
      this.counts.descriptionErrors++;
      this.deps.logger.debug('discovery: LOCATION names another host; not fetched', { from: heard.from, location });
      return;
    }
    this.deps.descriptions.get(location).then(
      (desc) => {
        if (this.closed) return;
        this.counts.descriptions++;
        this.opts.onObservation(fromDescription(desc, location, { ...heard, at: this.deps.now() }));
      },
      (e: Error) => {
        this.counts.descriptionErrors++;
        if (e instanceof DiscoveryParseError) this.counts.malformed++;
        this.deps.logger.debug('discovery: description failed', { location, error: e.message });
      },
    );
  }

  private onSadp(data: Uint8Array, heard: Heard): void {
    const msg = parseSadpMessage(data);
    if (msg.kind === 'probe') return;
    const probedOn = msg.device.uuid ? this.wire.sadpProbeInterface(msg.device.uuid) : undefined;
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
    await this.wire.close();
  }
}
