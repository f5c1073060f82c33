import { cidrOf, inPrefix, maskToPrefix } from './ipv4';

/** A laptop IPv4 address with its prefix length. */
export interface LaptopAddress {
  address: string;
  prefix: number;
  iface: string;
}

/**
 * Whether the laptop can talk to a device without a router: some laptop address must contain the
 * device in its subnet, and, when the device told us its mask, the device's subnet must contain
 * that laptop address too (otherwise the device sends its replies to a gateway).
 */
export function subnetState(ips: readonly string[], mask: string | null, laptop: readonly LaptopAddress[]): { inSubnet: boolean; reason: string | null } {
  if (ips.length === 0) return { inSubnet: false, reason: 'the device reported no IPv4 address' };
  if (laptop.length === 0) return { inSubnet: false, reason: 'the laptop has no IPv4 address on an up interface' };
  const devPrefix = mask === null ? undefined : maskToPrefix(mask);
  for (const ip of ips) {
    for (const l of laptop) {
      if (!inPrefix(ip, l.address, l.prefix)) continue;
      if (devPrefix === undefined || inPrefix(l.address, ip, devPrefix)) return { inSubnet: true, reason: null };
    }
  }
  const ip = ips[0]!;
  const laptopNets = [...new Set(laptop.map((l) => cidrOf(l.address, l.prefix)))].join(', ');
  if (devPrefix !== undefined) {
    const devNet = cidrOf(ip, devPrefix);
    const half = laptop.find((l) => inPrefix(ip, l.address, l.prefix));
    if (half) {
      return { inSubnet: false, reason: `the device's mask ${mask} puts it in ${devNet}, which does not contain the laptop address ${half.address}` };
    }
    return { inSubnet: false, reason: `no laptop address in ${devNet} (laptop: ${laptopNets})` };
  }
  return { inSubnet: false, reason: `no laptop address in a subnet containing ${ip} (laptop: ${laptopNets})` };
}
