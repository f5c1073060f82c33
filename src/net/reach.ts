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
 * already shares its subnet, except that another operation's temporary alias
 * gets this operation's journaled reference (`shared`), so it stays until both
 * are done; otherwise a free address of that subnet (probed with RFC 5227
 * first, from the top of the range down) is added to the NIC through the
 * change set, so it is journaled and removed afterwards.
 */
export async function ensureReachable(
  deps: { net: NetConfig; info: NetworkInfo },
  changes: ChangeSet,
  iface: string,
  ip: string,
  prefix: number,
  avoid: readonly string[] = [],
): Promise<{ alias: string | null; shared?: string }> {
  const mine = await laptopAddresses(deps.info, iface);
  const inSubnet = mine.filter((a) => inPrefix(ip, a.address, a.prefix) && inPrefix(a.address, ip, prefix)).map((a) => `${a.address}/${a.prefix}`);
  if (inSubnet.length) {
    const held = changes.reference(iface, inSubnet);
    if (held?.use === 'permanent') return { alias: null };
    if (held) return { alias: null, shared: held.cidr };
    // Each is another operation's alias on its way out: add one of our own beside it.
  }
  const size = 2 ** (32 - prefix);
  const base = (ipToInt(ip)! & ~(size - 1)) >>> 0;
  const skip = new Set([ip, ...avoid, ...mine.map((a) => a.address)]);
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
