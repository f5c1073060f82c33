/**
 * The one device list. Observations from every protocol are merged by MAC, then ONVIF endpoint
 * uuid, then UPnP UDN, then serial number; two records that turn out to be one device (a MAC
 * learnt later) are folded together under the older id, so ids survive IP changes and merges.
 */
import { DISCOVERY_PROTOCOLS, type DiscoveredDevice, type DiscoveryProtocolName } from '../contract/discovery';
import type { DeviceFields, Observation } from './observation';
import { macVendor } from './oui/lookup';
import type { DeviceRecord, SourceKey } from './record';
import { subnetState, type LaptopAddress } from './subnet';

/** Which source wins for each field, best first. */
const PRIORITY: { [K in keyof Required<DeviceFields>]: SourceKey[] } = {
  manufacturer: ['upnp', 'dhip', 'onvif', 'sadp'],
  model: ['sadp', 'dhip', 'upnp', 'onvif'],
  name: ['onvif', 'dhip', 'upnp', 'sadp'],
  serial: ['sadp', 'dhip', 'upnp'],
  firmware: ['sadp', 'dhip', 'upnp'],
  mask: ['sadp', 'dhip'],
  gateway: ['sadp', 'dhip'],
  xaddrs: ['onvif'],
  location: ['upnp', 'ssdp'],
  activated: ['sadp'],
  dhcp: ['sadp', 'dhip'],
  httpPort: ['sadp', 'dhip'],
};

/** Result of one observation. */
export interface ObserveResult {
  id: string;
  /** 'unchanged' when only the last-seen time moved (a duplicate reply). */
  change: 'added' | 'updated' | 'unchanged';
  /** Ids folded into `id` (their rows must disappear from lists and the store). */
  absorbed: string[];
  /** Set when online/offline flipped. */
  presence?: 'online' | 'offline';
}

/** Reports this close to a device's newest one count as its current address (one scan's replies). */
const FRESH_IP_MS = 30_000;

/** A serial worth matching on: long enough and not a placeholder like 00000000. */
function identitySerial(s: string | undefined): string | null {
  if (!s || s.length < 6 || /^(.)\1*$/.test(s) || /^(unknown|none|null|n\/a)$/i.test(s)) return null;
  return s;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/^urn:uuid:|^uuid:/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 100);
}

function newId(obs: Observation, serial: string | null): string {
  if (obs.mac) return `mac-${obs.mac.replace(/:/g, '')}`;
  if (obs.endpoint) return `onvif-${slug(obs.endpoint)}`;
  if (obs.udn) return `upnp-${slug(obs.udn)}`;
  if (serial) return `sn-${slug(serial)}`;
  return `ip-${slug(obs.ip)}-${obs.protocol}`;
}

const UUID_IN = /^(?:urn:)?uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The UUID of an ONVIF endpoint (`urn:uuid:…`) or a UPnP UDN (`uuid:…`); null for other forms. */
function uuidIn(id: string | null | undefined): string | null {
  return (id && UUID_IN.exec(id)?.[1]) ?? null;
}

/** True when two records cannot be one device: different own MACs, uuids, UDNs or serials. */
function conflicting(a: DeviceRecord, b: DeviceRecord): boolean {
  const differ = (x: string | null, y: string | null): boolean => x !== null && y !== null && x !== y;
  return (differ(a.mac, b.mac) && !a.macWeak && !b.macWeak) || differ(a.endpoint, b.endpoint) || differ(a.udn, b.udn) || differ(a.serial, b.serial);
}

function sourceOf(obs: Observation): SourceKey {
  return obs.cause === 'description' ? 'upnp' : obs.protocol;
}

/** The merged device list. Not thread-safe by design: the event loop serialises observations. */
export class DeviceRegistry {
  private readonly records = new Map<string, DeviceRecord>();
  private laptop: LaptopAddress[] = [];

  /** Restores records (from the store). */
  load(records: Iterable<DeviceRecord>): void {
    for (const r of records) this.records.set(r.id, { ...r, online: false });
  }

  /** Laptop addresses the in-subnet check compares against. */
  setLaptopAddresses(addresses: LaptopAddress[]): void {
    this.laptop = [...addresses];
  }

  get size(): number {
    return this.records.size;
  }

  record(id: string): DeviceRecord | undefined {
    return this.records.get(id);
  }

  allRecords(): DeviceRecord[] {
    return [...this.records.values()];
  }

  /** Every device, most recently seen first. */
  list(): DiscoveredDevice[] {
    return this.allRecords().sort((a, b) => b.lastSeen - a.lastSeen || a.id.localeCompare(b.id)).map((r) => this.view(r));
  }

  get(id: string): DiscoveredDevice | undefined {
    const r = this.records.get(id);
    return r && this.view(r);
  }

  remove(id: string): boolean {
    return this.records.delete(id);
  }

  clear(): number {
    const n = this.records.size;
    this.records.clear();
    return n;
  }

  private find(pred: (r: DeviceRecord) => boolean): DeviceRecord[] {
    const out: DeviceRecord[] = [];
    for (const r of this.records.values()) if (pred(r)) out.push(r);
    return out;
  }

  /** Merges one observation into the list; a Bye/byebye from a device never listed is ignored. */
  observe(obs: Observation): ObserveResult | undefined {
    const serial = identitySerial(obs.fields.serial);
    const byPriority: DeviceRecord[] = [];
    const add = (rs: DeviceRecord[]): void => {
      for (const r of rs) if (!byPriority.includes(r)) byPriority.push(r);
    };
    if (obs.mac) add(this.find((r) => r.mac === obs.mac));
    if (obs.endpoint) add(this.find((r) => r.endpoint === obs.endpoint));
    if (obs.udn) add(this.find((r) => r.udn === obs.udn));
    // A device that uses one UUID as its ONVIF endpoint and its UPnP UDN (many do) is one device,
    // known before its UPnP description (with the serial) has been fetched.
    const epUuid = uuidIn(obs.endpoint);
    const udnUuid = uuidIn(obs.udn);
    if (epUuid) add(this.find((r) => uuidIn(r.udn) === epUuid));
    if (udnUuid) add(this.find((r) => uuidIn(r.endpoint) === udnUuid));
    if (serial) add(this.find((r) => r.serial === serial));
    // Nothing to know it by (no MAC, endpoint, UDN or serial: an empty EndpointReference, a UPnP
    // description without UDN): it is the row this protocol already has at this address, not a
    // new row per reply.
    if (!obs.mac && !obs.endpoint && !obs.udn && !serial) {
      add(this.find((r) => r.mac === null && r.endpoint === null && r.udn === null && r.serial === null && r.ipBySource[sourceOf(obs)]?.ip === obs.ip));
    }
    // A different MAC is a different device, whatever else matches (cloned firmware shares uuids).
    const candidates = byPriority.filter((r) => !(r.mac && !r.macWeak && obs.mac && r.mac !== obs.mac));
    if (candidates.length === 0 && (obs.cause === 'bye' || obs.cause === 'byebye')) return undefined;
    let target = candidates[0];
    const absorbed: string[] = [];
    for (const other of candidates.slice(1)) {
      if (!target || conflicting(target, other)) continue;
      const [keep, drop] = other.firstSeen < target.firstSeen ? [other, target] : [target, other];
      this.absorb(keep, drop);
      absorbed.push(drop.id);
      target = keep;
    }
    const before = target ? JSON.stringify(this.view(target, true)) : undefined;
    const wasOnline = target?.online ?? false;
    if (!target) {
      let id = newId(obs, serial);
      for (let n = 2; this.records.has(id); n++) id = `${newId(obs, serial)}-${n}`;
      target = {
        id, mac: null, endpoint: null, udn: null, serial: null, ipBySource: {}, interfaces: [], protocols: [], sources: {},
        firstSeen: obs.at, lastSeen: obs.at, online: false,
      };
      this.records.set(id, target);
    }
    this.apply(target, obs, serial);
    const after = JSON.stringify(this.view(target, true));
    const result: ObserveResult = { id: target.id, change: before === undefined ? 'added' : before === after && absorbed.length === 0 ? 'unchanged' : 'updated', absorbed };
    if (wasOnline !== target.online) result.presence = target.online ? 'online' : 'offline';
    return result;
  }

  /**
   * Gives MAC-less devices heard at `ip` the MAC the OS neighbour table has for it (a weak MAC:
   * the device's own report replaces it). Merges with the record owning that MAC unless their
   * ONVIF uuids, UDNs or serials differ (several IPs behind one MAC: a router, an alias). Returns
   * the ids that changed.
   */
  learnMac(ip: string, mac: string): ObserveResult[] {
    return this.learnMacs([{ ip, mac }]);
  }

  /** {@link learnMac} for a whole neighbour table in one pass. */
  learnMacs(entries: ReadonlyArray<{ ip: string; mac: string }>): ObserveResult[] {
    const byIp = new Map<string, DeviceRecord[]>();
    for (const r of this.records.values()) {
      if (r.mac !== null) continue;
      const ip = this.currentIps(r)[0];
      if (ip !== undefined) byIp.set(ip, [...(byIp.get(ip) ?? []), r]);
    }
    const out: ObserveResult[] = [];
    for (const { ip, mac } of entries) out.push(...this.learnOne(byIp.get(ip) ?? [], mac));
    return out;
  }

  private learnOne(macless: DeviceRecord[], mac: string): ObserveResult[] {
    const out: ObserveResult[] = [];
    for (const r of macless) {
      if (!this.records.has(r.id) || r.mac !== null) continue;
      const before = JSON.stringify(this.view(r, true));
      const owner = this.find((x) => x.mac === mac && x !== r && !conflicting(x, r))[0];
      if (owner) {
        const [keep, drop] = owner.firstSeen <= r.firstSeen ? [owner, r] : [r, owner];
        this.absorb(keep, drop);
        out.push({ id: keep.id, change: 'updated', absorbed: [drop.id] });
        continue;
      }
      r.mac = mac;
      r.macWeak = true;
      out.push({ id: r.id, change: JSON.stringify(this.view(r, true)) === before ? 'unchanged' : 'updated', absorbed: [] });
    }
    return out;
  }

  /** Marks a device offline (watch timeout); true when it was online. */
  markOffline(id: string): boolean {
    const r = this.records.get(id);
    if (!r || !r.online) return false;
    r.online = false;
    return true;
  }

  private absorb(keep: DeviceRecord, drop: DeviceRecord): void {
    if (keep.mac === null || (keep.macWeak && drop.mac && !drop.macWeak)) {
      keep.mac = drop.mac;
      if (drop.macWeak) keep.macWeak = true;
      else delete keep.macWeak;
    }
    keep.endpoint ??= drop.endpoint;
    keep.udn ??= drop.udn;
    keep.serial ??= drop.serial;
    for (const [k, v] of Object.entries(drop.ipBySource) as Array<[SourceKey, { ip: string; at: number }]>) {
      const mine = keep.ipBySource[k];
      if (!mine || mine.at < v.at) keep.ipBySource[k] = v;
    }
    keep.interfaces = [...new Set([...keep.interfaces, ...drop.interfaces])];
    keep.protocols = [...new Set([...keep.protocols, ...drop.protocols])];
    for (const [k, v] of Object.entries(drop.sources) as Array<[SourceKey, DeviceFields]>) keep.sources[k] = { ...v, ...keep.sources[k] };
    keep.firstSeen = Math.min(keep.firstSeen, drop.firstSeen);
    keep.lastSeen = Math.max(keep.lastSeen, drop.lastSeen);
    keep.online = keep.online || drop.online;
    this.records.delete(drop.id);
  }

  private apply(r: DeviceRecord, obs: Observation, serial: string | null): void {
    const src = sourceOf(obs);
    if (obs.mac && (r.mac === null || r.macWeak)) {
      r.mac = obs.mac;
      delete r.macWeak;
    }
    r.endpoint ??= obs.endpoint ?? null;
    r.udn ??= obs.udn ?? null;
    r.serial ??= serial;
    const prev = r.ipBySource[src];
    if (!prev || prev.at <= obs.at) r.ipBySource[src] = { ip: obs.ip, at: obs.at };
    if (obs.iface && !r.interfaces.includes(obs.iface)) r.interfaces.push(obs.iface);
    if (!r.protocols.includes(obs.protocol)) r.protocols.push(obs.protocol);
    r.sources[src] = { ...r.sources[src], ...obs.fields };
    r.firstSeen = Math.min(r.firstSeen, obs.at);
    r.lastSeen = Math.max(r.lastSeen, obs.at);
    r.online = obs.cause !== 'bye' && obs.cause !== 'byebye';
  }

  private currentIps(r: DeviceRecord): string[] {
    const entries = Object.values(r.ipBySource).filter((x): x is { ip: string; at: number } => !!x);
    return [...new Set(entries.sort((a, b) => b.at - a.at).map((e) => e.ip))];
  }

  /**
   * The addresses the in-subnet check judges: those reported within {@link FRESH_IP_MS} of the newest
   * report. An address another protocol reported before the camera was re-addressed (its reply to
   * this round lost, or that protocol disabled) stays listed but no longer makes it "in subnet".
   */
  private freshIps(r: DeviceRecord): string[] {
    const entries = Object.values(r.ipBySource).filter((x): x is { ip: string; at: number } => !!x);
    const newest = Math.max(...entries.map((e) => e.at));
    return [...new Set(entries.filter((e) => e.at >= newest - FRESH_IP_MS).sort((a, b) => b.at - a.at).map((e) => e.ip))];
  }

  private pick<K extends keyof DeviceFields>(r: DeviceRecord, key: K): DeviceFields[K] | undefined {
    for (const s of PRIORITY[key]) {
      const v = r.sources[s]?.[key];
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** The public view; `stable` leaves out what changes on every packet (for change detection). */
  view(r: DeviceRecord, stable = false): DiscoveredDevice {
    const ips = this.currentIps(r);
    const mask = this.pick(r, 'mask') ?? null;
    const subnet = subnetState(this.freshIps(r), mask, this.laptop);
    const protocols = DISCOVERY_PROTOCOLS.filter((p: DiscoveryProtocolName) => r.protocols.includes(p));
    return {
      id: r.id,
      mac: r.mac,
      macVendor: macVendor(r.mac),
      ips,
      mask,
      gateway: this.pick(r, 'gateway') ?? null,
      interfaces: [...r.interfaces].sort(),
      protocols,
      manufacturer: this.pick(r, 'manufacturer') ?? null,
      model: this.pick(r, 'model') ?? null,
      name: this.pick(r, 'name') ?? null,
      serial: this.pick(r, 'serial') ?? null,
      firmware: this.pick(r, 'firmware') ?? null,
      xaddrs: this.pick(r, 'xaddrs') ?? [],
      endpoint: r.endpoint,
      location: this.pick(r, 'location') ?? null,
      udn: r.udn,
      activated: this.pick(r, 'activated') ?? null,
      dhcp: this.pick(r, 'dhcp') ?? null,
      httpPort: this.pick(r, 'httpPort') ?? null,
      inSubnet: subnet.inSubnet,
      inSubnetReason: subnet.reason,
      online: r.online,
      firstSeen: new Date(r.firstSeen).toISOString(),
      lastSeen: stable ? '' : new Date(r.lastSeen).toISOString(),
    };
  }
}
