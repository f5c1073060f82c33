/**
 * The IP plan: N devices, a pool of addresses, one address per device in order, skipping every
 * address known or probed to be in use. Pure; the slice probes the addresses a plan picked and
 * plans again with what the probes found, until every picked address answered "free".
 */
import { compareIps, inPrefix, ipToInt, maskToPrefix } from '../../devices/ipv4';
import { isReserved } from './addresses';

/** A device to renumber. */
export interface PlanDevice {
  id: string;
  /** How a person recognises it (name, model). */
  label: string;
  ip: string;
  mac: string | null;
  xaddr: string | null;
  /** Its current prefix when it told us. */
  prefix: number | null;
}

/** Why an address of the pool was not used. */
export type SkipReason =
  | { kind: 'duplicate' }
  | { kind: 'reserved' }
  | { kind: 'gateway' }
  | { kind: 'laptop' }
  | { kind: 'device'; label: string }
  | { kind: 'sweep'; macs: string[] }
  | { kind: 'probe'; macs: string[] };

export interface PlanRow {
  device: PlanDevice;
  /** The new address, or null when the pool ran out. */
  to: string | null;
}

export interface PlanPreview {
  rows: PlanRow[];
  /** Pool addresses passed over before the last one used, with why. */
  skipped: Array<{ ip: string; reason: SkipReason }>;
  /** Devices left without an address. */
  short: number;
}

export interface PlanInput {
  devices: readonly PlanDevice[];
  pool: readonly string[];
  prefix: number;
  gateway: string | null;
  /** Addresses in use and who uses them. */
  inUse: ReadonlyMap<string, SkipReason>;
}

/**
 * Assigns pool addresses to devices in the order given. An address is skipped when it appears
 * twice, is the network/broadcast address of its subnet, is the gateway, or is in use (by the
 * laptop, by any discovered device including the selected ones, by a sweep answer or a probe).
 */
export function planIpAssignments(input: PlanInput): PlanPreview {
  const skipped: PlanPreview['skipped'] = [];
  const seen = new Set<string>();
  const rows: PlanRow[] = [];
  let next = 0;
  for (const device of input.devices) {
    let to: string | null = null;
    while (next < input.pool.length && to === null) {
      const ip = input.pool[next++]!;
      let reason: SkipReason | undefined;
      if (seen.has(ip)) reason = { kind: 'duplicate' };
      else if (isReserved(ip, input.prefix)) reason = { kind: 'reserved' };
      else if (input.gateway !== null && ip === input.gateway) reason = { kind: 'gateway' };
      else reason = input.inUse.get(ip);
      seen.add(ip);
      if (reason) skipped.push({ ip, reason });
      else to = ip;
    }
    rows.push({ device, to });
  }
  return { rows, skipped, short: rows.filter((r) => r.to === null).length };
}

/** Plan-level problems, as translation keys under `network.ipPlan.errors`. */
export type PlanError = 'noDevices' | 'noPool' | 'invalidPrefix' | 'invalidGateway' | 'gatewayOutside' | 'noIface' | 'noUser';

/** Checks the plan form before a preview. `gateway` must share the subnet of every address planned. */
export function planFormErrors(f: { deviceCount: number; pool: readonly string[] | null; prefix: string; gateway: string; iface: string; username: string }): PlanError[] {
  const out: PlanError[] = [];
  if (f.deviceCount === 0) out.push('noDevices');
  if (!f.pool || f.pool.length === 0) out.push('noPool');
  const prefix = /^\d{1,2}$/.test(f.prefix.trim()) ? Number(f.prefix) : NaN;
  if (!(prefix >= 1 && prefix <= 32)) out.push('invalidPrefix');
  const gw = f.gateway.trim();
  if (gw && ipToInt(gw) === null) out.push('invalidGateway');
  else if (gw && f.pool && prefix >= 1 && prefix <= 32 && f.pool.some((ip) => !inPrefix(gw, ip, prefix))) out.push('gatewayOutside');
  if (!f.iface) out.push('noIface');
  if (!f.username.trim()) out.push('noUser');
  return out;
}

/** The devices in a stable order for the plan: by current address, then id. */
export function orderPlanDevices(devices: readonly PlanDevice[]): PlanDevice[] {
  return [...devices].sort((a, b) => compareIps(a.ip, b.ip) || a.id.localeCompare(b.id));
}

/** A discovered device as a plan row's subject; null when it has no address to start from. */
export function planDeviceOf(d: {
  id: string; ips: readonly string[]; mac: string | null; name: string | null; model: string | null; mask: string | null; xaddrs: readonly string[];
}): PlanDevice | null {
  const ip = d.ips[0];
  if (ip === undefined || ipToInt(ip) === null) return null;
  const xaddr = d.xaddrs.find((x) => {
    try {
      return new URL(x).hostname === ip;
    } catch {
      return false;
    }
  });
  return {
    id: d.id,
    label: d.name ?? d.model ?? d.mac ?? ip,
    ip,
    mac: d.mac === null ? null : d.mac.toLowerCase().replace(/-/g, ':'),
    xaddr: xaddr ?? null,
    prefix: d.mask === null ? null : maskToPrefix(d.mask),
  };
}
