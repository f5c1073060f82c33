/**
 * Pure edits of a wizard draft's devices, as the pages make them. The core
 * validates everything again; these only shape what the technician typed.
 */
import type { DiscoveredDevice, DraftDevice, NetworkPlan, PtzPlan, TimePlan } from '../../../../../src/contract';

/** A device as `wizard.update` takes it: everything but the new password (that goes through its own call). */
export type DeviceInput = Omit<DraftDevice, 'newPassword'>;

/** Drops what the client may not send back (the vault reference of a new password). */
export function toDeviceInput(d: DraftDevice): DeviceInput {
  const { newPassword: _secret, ...rest } = d;
  return rest;
}

/** A discovered camera as a fresh draft device: nothing changes until a page says so. */
export function deviceFromDiscovered(dev: DiscoveredDevice): DeviceInput | null {
  if (!dev.mac) return null;
  return {
    mac: dev.mac,
    currentIp: dev.ips[0] ?? null,
    currentPrefix: null,
    label: dev.name ?? dev.model ?? dev.ips[0] ?? null,
    network: { mode: 'keep' },
    time: { mode: 'laptop', timezone: null },
    hostname: null,
    name: null,
    location: null,
    ptz: 'auto',
  };
}

/** Adds the devices not in the list yet and keeps the order: existing first, new after. */
export function mergeDevices(existing: readonly DeviceInput[], add: readonly DeviceInput[]): DeviceInput[] {
  const seen = new Set(existing.map((d) => d.mac.toLowerCase()));
  return [...existing, ...add.filter((d) => !seen.has(d.mac.toLowerCase()))];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The 32-bit value of a dotted IPv4 address, or null. */
export function ipToInt(ip: string): number | null {
  const m = IPV4.exec(ip.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** What the batch IP plan form holds. */
export interface IpPlanForm {
  start: string;
  prefix: string;
  gateway: string;
}

export type IpPlanError = 'start' | 'prefix' | 'gateway' | 'overflow';

/**
 * Gives the devices consecutive static addresses from `start`, skipping the
 * gateway and the subnet's network and broadcast addresses. Returns the first
 * problem with the form instead when there is one.
 */
export function assignAddresses(devices: readonly DeviceInput[], form: IpPlanForm): { devices: DeviceInput[] } | { error: IpPlanError } {
  const start = ipToInt(form.start);
  if (start === null) return { error: 'start' };
  const prefix = Number(form.prefix);
  if (!/^\d{1,2}$/.test(form.prefix.trim()) || prefix < 8 || prefix > 30) return { error: 'prefix' };
  const gwText = form.gateway.trim();
  const gw = gwText ? ipToInt(gwText) : null;
  if (gwText && gw === null) return { error: 'gateway' };
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const net = (start & mask) >>> 0;
  const broadcast = (net | (~mask >>> 0)) >>> 0;
  if (gw !== null && ((gw & mask) >>> 0) !== net) return { error: 'gateway' };
  const out: DeviceInput[] = [];
  let next = start;
  for (const d of devices) {
    while (next === gw || next === net) next++;
    if (next >= broadcast) return { error: 'overflow' };
    out.push({ ...d, network: { mode: 'static', cidr: `${intToIp(next)}/${prefix}`, gateway: gw === null ? null : intToIp(gw) } });
    next++;
  }
  return { devices: out };
}

/** Sets the same network plan on every device (DHCP or keep). */
export function setNetworkAll(devices: readonly DeviceInput[], network: NetworkPlan): DeviceInput[] {
  return devices.map((d) => ({ ...d, network }));
}

export function setTimeAll(devices: readonly DeviceInput[], time: TimePlan): DeviceInput[] {
  return devices.map((d) => ({ ...d, time }));
}

export function setPtzAll(devices: readonly DeviceInput[], ptz: PtzPlan): DeviceInput[] {
  return devices.map((d) => ({ ...d, ptz }));
}

/** Patches one device by MAC. */
export function patchDevice(devices: readonly DeviceInput[], mac: string, patch: Partial<DeviceInput>): DeviceInput[] {
  return devices.map((d) => (d.mac === mac ? { ...d, ...patch } : d));
}

/** Hostnames `prefix-01`, `prefix-02`, ... in list order (empty prefix clears them). */
export function numberHostnames(devices: readonly DeviceInput[], prefix: string): DeviceInput[] {
  const p = prefix.trim();
  const width = Math.max(2, String(devices.length).length);
  return devices.map((d, i) => ({ ...d, hostname: p ? `${p}-${String(i + 1).padStart(width, '0')}` : null }));
}

/** An empty text field means "leave it as it is" (null) in the draft. */
export const orNull = (s: string): string | null => (s.trim() === '' ? null : s);
