/**
 * The Network page's problems list: one entry per address that needs fixing, merged from
 * discovery (off-subnet devices, one address claimed by several MACs) and from the technician's
 * ARP sweep (every MAC that answered an address). Pure, so the merge rules are unit-tested.
 */
import type { DiscoveredDevice, NetHost } from '../../../../../src/contract';
import { primaryIp } from '../../devices/device-view';
import { cidrOf, compareIps, inPrefix, maskToPrefix } from '../../devices/ipv4';
import type { LaptopSubnet } from '../../devices/lan-map';

/** One device at a problem address: a discovery record, or a MAC only the sweep heard. */
export interface ProblemMember {
  /** Lowercase `aa:bb:cc:dd:ee:ff`, or null when discovery never learnt it. */
  mac: string | null;
  deviceId: string | null;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  /** ONVIF device-service URL, when discovery found one. */
  xaddr: string | null;
  /** Prefix length the device told us (SADP/DHIP mask), or null. */
  prefix: number | null;
  gateway: string | null;
  /** Laptop interface it was heard on (discovery) or swept from. */
  iface: string | null;
  /** True when the laptop has no address in the device's subnet. */
  offSubnet: boolean;
  /** The core's English sentence saying why it is off-subnet (discovery only). */
  reason: string | null;
  online: boolean;
  /** Which source saw it. */
  seenBy: Array<'discovery' | 'sweep'>;
}

/** A device moved by a verified fix in this session: `from` → `to`. */
export interface FixedNote {
  memberKey: string;
  mac: string | null;
  from: string;
  to: string;
  at: string;
}

/** One address that needs the technician. */
export interface Problem {
  /** `ip:a.b.c.d`: stable while the address has a problem. */
  key: string;
  ip: string;
  /** The device's subnet, from its mask when it told us, else a /24. */
  subnet: string;
  offSubnet: boolean;
  /** Several MACs answer for the address. */
  conflict: boolean;
  members: ProblemMember[];
  sources: Array<'discovery' | 'sweep'>;
  /** Members already moved by a verified fix. */
  fixed: FixedNote[];
  /** False once the fixes done leave nothing wrong at this address. */
  open: boolean;
}

/** What identifies a member across renders and fixes: its MAC, else its discovery id. */
export function memberKey(m: Pick<ProblemMember, 'mac' | 'deviceId'>): string {
  return m.mac ?? `id:${m.deviceId ?? '?'}`;
}

/** Distinct MACs among members. */
export function distinctMacs(members: readonly ProblemMember[]): string[] {
  return [...new Set(members.map((m) => m.mac).filter((m): m is string => m !== null))].sort();
}

const normMac = (mac: string): string => mac.toLowerCase().replace(/-/g, ':');

function inLaptopSubnet(ip: string, laptop: readonly LaptopSubnet[]): boolean {
  return laptop.some((l) => inPrefix(ip, l.address, l.prefix));
}

function fromDevice(d: DiscoveredDevice, ip: string): ProblemMember {
  const told = d.mask === null ? null : maskToPrefix(d.mask);
  const xaddr = d.xaddrs.find((x) => {
    try {
      return new URL(x).hostname === ip;
    } catch {
      return false;
    }
  });
  return {
    mac: d.mac === null ? null : normMac(d.mac),
    deviceId: d.id,
    name: d.name,
    manufacturer: d.manufacturer,
    model: d.model,
    xaddr: xaddr ?? null,
    prefix: told,
    gateway: d.gateway,
    iface: d.interfaces[0] ?? null,
    offSubnet: !d.inSubnet,
    reason: d.inSubnet ? null : d.inSubnetReason,
    online: d.online,
    seenBy: ['discovery'],
  };
}

export interface ProblemInput {
  devices: readonly DiscoveredDevice[];
  /** The last ARP sweep, or null before one ran. */
  sweep: { iface: string; hosts: readonly NetHost[] } | null;
  laptop: readonly LaptopSubnet[];
  /** Verified fixes of this session, by member key. */
  fixed: Readonly<Record<string, FixedNote>>;
}

/**
 * Every problem address, open ones first, then by address. An address is a problem when a device
 * there is off-subnet or when several MACs answer for it (discovery's records and the sweep's
 * replies merged by MAC). A verified fix marks its member fixed; the problem closes when what is
 * left is one MAC in the laptop's subnet.
 */
export function buildProblems(input: ProblemInput): Problem[] {
  const byIp = new Map<string, ProblemMember[]>();
  const sources = new Map<string, Set<'discovery' | 'sweep'>>();
  const add = (ip: string, m: ProblemMember, source: 'discovery' | 'sweep') => {
    const list = byIp.get(ip) ?? [];
    const same = m.mac === null ? undefined : list.find((x) => x.mac === m.mac);
    if (same) {
      if (!same.seenBy.includes(source)) same.seenBy.push(source);
    } else {
      list.push(m);
    }
    byIp.set(ip, list);
    sources.set(ip, (sources.get(ip) ?? new Set()).add(source));
  };
  for (const d of input.devices) {
    const ip = primaryIp(d);
    if (ip === undefined || cidrOf(ip, 32) === null) continue;
    add(ip, fromDevice(d, ip), 'discovery');
  }
  if (input.sweep) {
    for (const h of input.sweep.hosts) {
      const known = byIp.has(h.ip);
      // A single answer confirms what discovery knows; alone it is no problem, so only add it to known addresses.
      if (h.macs.length < 2 && !known) continue;
      for (const mac of h.macs) {
        add(h.ip, {
          mac: normMac(mac), deviceId: null, name: null, manufacturer: null, model: null, xaddr: null, prefix: null, gateway: null,
          iface: input.sweep.iface, offSubnet: !inLaptopSubnet(h.ip, input.laptop), reason: null, online: true, seenBy: ['sweep'],
        }, 'sweep');
      }
    }
  }

  const out: Problem[] = [];
  for (const [ip, members] of byIp) {
    const conflict = distinctMacs(members).length > 1;
    const offSubnet = members.some((m) => m.offSubnet);
    if (!conflict && !offSubnet) continue;
    const fixed = members.map((m) => input.fixed[memberKey(m)]).filter((f): f is FixedNote => f !== undefined && f.from === ip);
    const done = new Set(fixed.map((f) => f.memberKey));
    const left = members.filter((m) => !done.has(memberKey(m)));
    const open = distinctMacs(left).length > 1 || left.some((m) => m.offSubnet);
    const prefix = members.find((m) => m.prefix !== null)?.prefix ?? 24;
    out.push({
      key: `ip:${ip}`,
      ip,
      subnet: cidrOf(ip, prefix)!,
      offSubnet,
      conflict,
      members,
      sources: (['discovery', 'sweep'] as const).filter((s) => sources.get(ip)?.has(s)),
      fixed,
      open,
    });
  }
  return out.sort((a, b) => Number(b.open) - Number(a.open) || compareIps(a.ip, b.ip));
}

/**
 * Every address known to be taken: the laptop's own, every device discovery knows (all its
 * addresses), every sweep answer, and the addresses fixes of this session moved devices to.
 */
export function knownAddresses(input: {
  devices: readonly DiscoveredDevice[];
  sweepHosts: readonly NetHost[];
  laptop: readonly LaptopSubnet[];
  fixed: Readonly<Record<string, FixedNote>>;
}): Set<string> {
  const out = new Set<string>();
  for (const l of input.laptop) out.add(l.address);
  for (const d of input.devices) for (const ip of d.ips) out.add(ip);
  for (const h of input.sweepHosts) out.add(h.ip);
  for (const f of Object.values(input.fixed)) out.add(f.to);
  return out;
}
