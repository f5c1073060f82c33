/**
 * The LAN map's model: devices grouped by subnet (one group per laptop subnet, then the foreign
 * subnets the laptop has no address in) and the IP conflicts (one address, several MACs).
 */
import type { DiscoveredDevice, NetInterface } from '../../../../src/contract';
import { primaryIp } from './device-view';
import { cidrOf, compareIps, inPrefix, maskToPrefix } from './ipv4';

/** An IPv4 address of the laptop and the subnet it puts the laptop in. */
export interface LaptopSubnet {
  cidr: string;
  iface: string;
  address: string;
  prefix: number;
}

/** A group on the map. */
export interface SubnetGroup {
  /** `cidr`, or '' for devices that reported no address. */
  key: string;
  cidr: string;
  /** laptop: the laptop has an address here; foreign: it has none; noAddress: devices without an IPv4. */
  kind: 'laptop' | 'foreign' | 'noAddress';
  /** Laptop addresses in this subnet (several interfaces can share one). */
  laptop: LaptopSubnet[];
  /** True when a foreign subnet's size is a guess (/24) because no device in it told us its mask. */
  assumedPrefix: boolean;
  devices: DiscoveredDevice[];
}

/** One address claimed by several MACs. */
export interface IpConflict {
  ip: string;
  macs: string[];
  deviceIds: string[];
}

/** Interface kinds discovery probes when none is named (mirrors the core's default). */
const DEFAULT_KINDS = new Set(['physical', 'wireless']);

/**
 * The laptop's subnets: every IPv4 address on an up wired/wireless interface, plus those on the
 * interfaces in `alsoInclude` (the ones a scan probed or a device was heard on, e.g. a bridge
 * or VPN the technician named).
 */
export function laptopSubnets(interfaces: readonly NetInterface[], alsoInclude: readonly string[] = []): LaptopSubnet[] {
  const extra = new Set(alsoInclude);
  const out: LaptopSubnet[] = [];
  const seen = new Set<string>();
  for (const i of interfaces) {
    if (!i.up || i.kind === 'loopback' || !(DEFAULT_KINDS.has(i.kind) || extra.has(i.name))) continue;
    for (const a of i.addresses) {
      if (a.family !== 'IPv4') continue;
      const cidr = cidrOf(a.address, a.prefix);
      const key = `${i.name} ${cidr}`;
      if (cidr === null || seen.has(key)) continue;
      seen.add(key);
      out.push({ cidr, iface: i.name, address: a.address, prefix: a.prefix });
    }
  }
  return out;
}

/**
 * Addresses that more than one MAC answers from. Only each device's current address counts: an
 * address a device used to have and another one took over since is not a live conflict.
 */
export function findIpConflicts(devices: readonly DiscoveredDevice[]): Map<string, IpConflict> {
  const byIp = new Map<string, DiscoveredDevice[]>();
  for (const d of devices) {
    const ip = primaryIp(d);
    if (ip !== undefined) byIp.set(ip, [...(byIp.get(ip) ?? []), d]);
  }
  const out = new Map<string, IpConflict>();
  for (const [ip, list] of byIp) {
    const macs = [...new Set(list.map((d) => d.mac).filter((m): m is string => m !== null))].sort();
    if (macs.length > 1) out.set(ip, { ip, macs, deviceIds: list.map((d) => d.id) });
  }
  return out;
}

/** Groups the devices by subnet: laptop subnets first (even when empty), then foreign ones by address. */
export function groupBySubnet(devices: readonly DiscoveredDevice[], laptop: readonly LaptopSubnet[]): SubnetGroup[] {
  const groups = new Map<string, SubnetGroup>();
  for (const l of laptop) {
    const g = groups.get(l.cidr);
    if (g) g.laptop.push(l);
    else groups.set(l.cidr, { key: l.cidr, cidr: l.cidr, kind: 'laptop', laptop: [l], assumedPrefix: false, devices: [] });
  }
  const foreign = new Map<string, SubnetGroup>();
  const noAddress: DiscoveredDevice[] = [];
  for (const d of devices) {
    const ip = primaryIp(d);
    const home = ip === undefined ? undefined : laptop.find((l) => inPrefix(ip, l.address, l.prefix));
    if (ip === undefined || cidrOf(ip, 32) === null) {
      noAddress.push(d);
    } else if (home) {
      groups.get(home.cidr)!.devices.push(d);
    } else {
      const told = d.mask === null ? null : maskToPrefix(d.mask);
      const cidr = cidrOf(ip, told ?? 24)!;
      const g = foreign.get(cidr) ?? { key: cidr, cidr, kind: 'foreign', laptop: [], assumedPrefix: true, devices: [] };
      if (told !== null) g.assumedPrefix = false;
      g.devices.push(d);
      foreign.set(cidr, g);
    }
  }
  const byIp = (a: DiscoveredDevice, b: DiscoveredDevice) => compareIps(primaryIp(a), primaryIp(b)) || a.id.localeCompare(b.id);
  const out = [...groups.values(), ...[...foreign.values()].sort((a, b) => compareIps(a.cidr.split('/')[0], b.cidr.split('/')[0]))];
  if (noAddress.length) out.push({ key: '', cidr: '', kind: 'noAddress', laptop: [], assumedPrefix: false, devices: noAddress });
  for (const g of out) g.devices.sort(byIp);
  return out;
}
