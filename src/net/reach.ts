import { FieldKitError } from '../contract/errors';
import { cidrOf, inPrefix, intToIp, ipToInt } from '../discovery/ipv4';
import type { NetConfig } from '../platform/netconfig';
import type { NetworkInfo } from '../platform/ports';
import type { ChangeSet } from './journal';

/** The laptop's IPv4 addresses on one interface. */
export async function laptopAddresses(info: NetworkInfo, iface: string): Promise<{ address: string; prefix: number }[]> {
  const nic = (await info.listInterfaces()).find((i) => i.name === iface);
  if (!nic) throw new FieldKitError('not_found', `No network interface "${iface}" on this laptop.`);
  return nic.addresses.filter((a) => a.family === 'IPv4').map((a) => ({ address: a.address, prefix: a.prefix }));
}

/**
 * Makes `ip` reachable from the laptop: nothing to do when a laptop address
 * already shares its subnet; otherwise a free address of that subnet (probed
 * with RFC 5227 first, from the top of the range down) is added to the NIC
 * through the change set, so it is journaled and removed afterwards.
 */
export async function ensureReachable(
  deps: { net: NetConfig; info: NetworkInfo },
  changes: ChangeSet,
  iface: string,
  ip: string,
  prefix: number,
  avoid: readonly string[] = [],
): Promise<{ alias: string | null }> {
  const mine = await laptopAddresses(deps.info, iface);
  if (mine.some((a) => inPrefix(ip, a.address, a.prefix) && inPrefix(a.address, ip, prefix))) return { alias: null };
  const size = 2 ** (32 - prefix);
  const base = (ipToInt(ip)! & ~(size - 1)) >>> 0;
  const skip = new Set([ip, ...avoid]);
  for (let n = base + size - 2, tries = 0; n > base && tries < 12; n--) {
    const candidate = intToIp(n);
    if (skip.has(candidate)) continue;
    tries++;
    if ((await deps.net.probe(iface, candidate)).free) {
      await changes.apply({ kind: 'address', iface, cidr: `${candidate}/${prefix}` });
      return { alias: `${candidate}/${prefix}` };
    }
  }
  throw new FieldKitError('conflict', `No free address found in ${cidrOf(ip, prefix)} for the laptop.`);
}
