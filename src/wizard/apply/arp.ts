import { ChangeSet, type LaptopJournal } from '../../net/journal';
import { ensureReachable } from '../../net/reach';
import type { ArpReply, NetConfig } from '../../platform/netconfig';
import type { NetworkInfo } from '../../platform/ports';

/**
 * Every MAC answering for `ip`, asked twice and merged. The Linux adapter's
 * arping stops after two replies, so with three or more factory-fresh cameras
 * on one address some are never listed; {@link presentBehindPin} settles those.
 */
export async function arpAll(net: NetConfig, iface: string, ip: string, wanted?: string): Promise<ArpReply[]> {
  const seen = new Map<string, ArpReply>();
  for (let i = 0; i < 2; i++) {
    const replies = await net.arpRequest(iface, ip);
    for (const r of replies) seen.set(r.mac, r);
    if (replies.length < 2 || !wanted || seen.has(wanted)) break;
  }
  return [...seen.values()];
}

/** Where a MAC was proven to hold an address by {@link presentBehindPin}: `ip|mac`. */
export type Sightings = Set<string>;
export const sighting = (ip: string, mac: string) => `${ip}|${mac}`;

/**
 * Is `mac` at `ip` although ARP listed other MACs first? Makes the address
 * reachable (temporary alias) and pins ip → mac in the laptop's neighbour
 * table (both journaled, removed at once), then asks `answers`
 * (an unauthenticated ONVIF request): frames then reach only that MAC, which
 * answers only if it holds the address.
 */
export async function presentBehindPin(
  deps: { journal: LaptopJournal; net: NetConfig; info: NetworkInfo },
  iface: string,
  ip: string,
  mac: string,
  answers: () => Promise<boolean>,
  prefix = 24,
): Promise<boolean> {
  const changes = new ChangeSet(deps.journal, `look for ${mac} at ${ip}`);
  try {
    await ensureReachable(deps, changes, iface, ip, prefix);
    await changes.apply({ kind: 'neighbour', iface, ip, mac });
    return await answers();
  } catch {
    return false;
  } finally {
    await changes.revertAll();
  }
}

/**
 * The NetConfig port for work on camera `mac`: full ARP requests are merged
 * ({@link arpAll}), and a MAC proven present behind a pin is reported as
 * answering, so set-ip's own checks see the camera that arping's cap hides.
 */
export function thoroughArp(net: NetConfig, mac: string, seen: Sightings): NetConfig {
  return {
    ...net,
    async arpRequest(iface, ip, opts) {
      if (opts?.first) return net.arpRequest(iface, ip, opts);
      const replies = await arpAll(net, iface, ip, mac);
      if (replies.length >= 2 && !replies.some((r) => r.mac === mac) && seen.has(sighting(ip, mac))) replies.push({ ip, mac });
      return replies;
    },
  };
}
