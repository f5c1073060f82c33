/**
 * What the device table shows: pure filtering and sorting of the discovered devices, so the
 * table component only renders and the rules are unit-tested.
 */
import type { DiscoveredDevice, DiscoveryProtocolName } from '../../../../src/contract';
import { compareIps } from './ipv4';

/** Which devices the subnet filter keeps. */
export type SubnetFilter = 'all' | 'in' | 'off' | 'conflict';
export const SUBNET_FILTERS: readonly SubnetFilter[] = ['all', 'in', 'off', 'conflict'];

/** Vendor filter: any vendor, devices with no known vendor, or one vendor by name. */
export type VendorFilter = { type: 'any' } | { type: 'unknown' } | { type: 'is'; name: string };

/** Everything the technician can narrow the list by. */
export interface DeviceFilters {
  /** Free text, matched case-insensitively against every identifying field. */
  text: string;
  /** Keep devices answering any of these; empty = no protocol filter. */
  protocols: DiscoveryProtocolName[];
  vendor: VendorFilter;
  subnet: SubnetFilter;
}

export const NO_FILTERS: DeviceFilters = { text: '', protocols: [], vendor: { type: 'any' }, subnet: 'all' };

export const SORT_KEYS = ['status', 'ip', 'mac', 'vendor', 'model', 'name', 'protocols', 'interface', 'subnet', 'lastSeen'] as const;
/** A sortable column. */
export type SortKey = (typeof SORT_KEYS)[number];

export interface DeviceSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export const DEFAULT_SORT: DeviceSort = { key: 'ip', dir: 'asc' };

/** The vendor a person would name: what the device says, else the owner of its MAC's OUI. */
export function vendorOf(d: DiscoveredDevice): string | null {
  return d.manufacturer ?? d.macVendor ?? null;
}

/** The address a device is reached at now (the most recent one). */
export function primaryIp(d: DiscoveredDevice): string | undefined {
  return d.ips[0];
}

/** Vendors present in the list, sorted, for the vendor filter; `unknown` when some device has none. */
export function vendorOptions(devices: readonly DiscoveredDevice[]): { names: string[]; unknown: boolean } {
  const names = new Set<string>();
  let unknown = false;
  for (const d of devices) {
    const v = vendorOf(d);
    if (v === null) unknown = true;
    else names.add(v);
  }
  return { names: [...names].sort((a, b) => a.localeCompare(b)), unknown };
}

function haystack(d: DiscoveredDevice): string {
  return [
    d.id, ...d.ips, d.mac, d.mac?.replace(/[:-]/g, ''), d.macVendor, d.manufacturer, d.model, d.name, d.serial, d.firmware,
    ...d.interfaces, ...d.xaddrs, d.location, d.endpoint, d.udn,
  ]
    .filter((v): v is string => typeof v === 'string')
    .join('\n')
    .toLowerCase();
}

/**
 * The devices that pass every filter. `conflictIps` are the addresses claimed by more than one
 * MAC (see findIpConflicts); the 'conflict' subnet filter keeps the devices holding one.
 */
export function filterDevices(
  devices: readonly DiscoveredDevice[],
  f: DeviceFilters,
  conflictIps: ReadonlySet<string> = new Set(),
): DiscoveredDevice[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return devices.filter((d) => {
    if (f.protocols.length && !d.protocols.some((p) => f.protocols.includes(p))) return false;
    if (f.vendor.type === 'unknown' && vendorOf(d) !== null) return false;
    if (f.vendor.type === 'is' && vendorOf(d) !== f.vendor.name) return false;
    if (f.subnet === 'in' && !d.inSubnet) return false;
    if (f.subnet === 'off' && d.inSubnet) return false;
    if (f.subnet === 'conflict') {
      const ip = primaryIp(d);
      if (ip === undefined || !conflictIps.has(ip)) return false;
    }
    if (words.length) {
      const text = haystack(d);
      // Every word must match somewhere: "hik 198.51" narrows, it does not widen.
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

const text = (v: string | null | undefined): string => v ?? '';
const byText = (a: string | null | undefined, b: string | null | undefined): number =>
  text(a).localeCompare(text(b), undefined, { numeric: true, sensitivity: 'base' });

/** Whether a device lacks the value a column sorts by. */
function missing(key: SortKey, d: DiscoveredDevice): boolean {
  switch (key) {
    case 'ip':
      return d.ips.length === 0;
    case 'mac':
      return !d.mac;
    case 'vendor':
      return !vendorOf(d);
    case 'model':
      return !d.model;
    case 'name':
      return !d.name;
    case 'interface':
      return d.interfaces.length === 0;
    default:
      return false;
  }
}

function compare(key: SortKey, a: DiscoveredDevice, b: DiscoveredDevice): number {
  switch (key) {
    case 'status':
      return Number(b.online) - Number(a.online);
    case 'ip':
      return compareIps(primaryIp(a), primaryIp(b));
    case 'mac':
      return byText(a.mac, b.mac);
    case 'vendor':
      return byText(vendorOf(a), vendorOf(b));
    case 'model':
      return byText(a.model, b.model);
    case 'name':
      return byText(a.name, b.name);
    case 'protocols':
      return b.protocols.length - a.protocols.length || text(a.protocols.join()).localeCompare(b.protocols.join());
    case 'interface':
      return byText(a.interfaces.join(', '), b.interfaces.join(', '));
    case 'subnet':
      return Number(a.inSubnet) - Number(b.inSubnet);
    case 'lastSeen':
      return text(b.lastSeen).localeCompare(text(a.lastSeen));
  }
}

/**
 * A sorted copy. Devices lacking the column's value go last in both directions (a blank model
 * is not "smallest"); ties fall back to IP then id so rows never jump around between renders.
 */
export function sortDevices(devices: readonly DiscoveredDevice[], sort: DeviceSort): DiscoveredDevice[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...devices].sort((a, b) => {
    const ma = missing(sort.key, a);
    const mb = missing(sort.key, b);
    if (ma !== mb) return ma ? 1 : -1;
    return (ma ? 0 : sign * compare(sort.key, a, b)) || compareIps(primaryIp(a), primaryIp(b)) || a.id.localeCompare(b.id);
  });
}

/** Clicking a column header: a new column sorts ascending, the same one flips direction. */
export function nextSort(current: DeviceSort, key: SortKey): DeviceSort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}
