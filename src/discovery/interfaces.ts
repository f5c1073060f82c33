import type { NetInterface } from '../contract';
import { FieldKitError } from '../contract/errors';
import type { ProbeInterface } from './engine';
import type { LaptopAddress } from './subnet';

/** Kinds probed when the user names no interface: wired and wireless NICs, never virtual ones. */
const DEFAULT_KINDS = new Set(['physical', 'wireless']);

/** The interfaces a scan will use. */
export interface InterfaceChoice {
  chosen: ProbeInterface[];
  warnings: string[];
}

function ipv4Of(i: NetInterface): Array<{ address: string; prefix: number }> {
  return i.addresses.filter((a) => a.family === 'IPv4').map((a) => ({ address: a.address, prefix: a.prefix }));
}

/**
 * Picks interfaces: the named ones (any kind, so a technician can include a bridge or VPN on
 * purpose), else every up physical or wireless interface with an IPv4 address. Throws
 * invalid_input for a name that does not exist.
 */
export function chooseInterfaces(all: NetInterface[], names: readonly string[]): InterfaceChoice {
  const warnings: string[] = [];
  let picked: NetInterface[];
  if (names.length > 0) {
    picked = [];
    for (const name of new Set(names)) {
      const i = all.find((x) => x.name === name);
      if (!i) {
        const known = all.map((x) => x.name).join(', ') || 'none';
        throw new FieldKitError('invalid_input', `No interface named "${name}" (this machine has: ${known}).`);
      }
      if (!i.up) warnings.push(`${name} is down: it is not probed`);
      else if (ipv4Of(i).length === 0) warnings.push(`${name} has no IPv4 address: it is not probed`);
      else picked.push(i);
    }
  } else {
    picked = all.filter((i) => i.up && DEFAULT_KINDS.has(i.kind) && ipv4Of(i).length > 0);
    for (const i of all) {
      if (i.up && !DEFAULT_KINDS.has(i.kind) && i.kind !== 'loopback' && ipv4Of(i).length > 0) {
        warnings.push(`${i.name} skipped (${i.kind}: ${i.kindReason}); name it with --iface to include it`);
      }
    }
  }
  const chosen: ProbeInterface[] = picked.map((i) => ({ name: i.name, ...ipv4Of(i)[0]! }));
  return { chosen, warnings };
}

/**
 * The laptop addresses the in-subnet check compares against: every up interface's IPv4 addresses,
 * not only the probed ones, so a scan or watch on one NIC never makes the cameras of another
 * NIC's subnet read off-subnet (and the answer is the same whatever runs).
 */
export function laptopAddresses(all: readonly NetInterface[]): LaptopAddress[] {
  return all.filter((i) => i.up && i.kind !== 'loopback').flatMap((i) => ipv4Of(i).map((a) => ({ ...a, iface: i.name })));
}
