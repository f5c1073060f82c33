import { FieldKitError } from '../contract/errors';
import { inPrefix } from '../discovery/ipv4';
import type { NetworkInfo } from '../platform/ports';

/**
 * The interface to use when the technician did not name one: the named one
 * if given (it must exist), else the one whose subnet holds `ip`, else the
 * only up physical/wireless NIC with an IPv4 address.
 */
export async function chooseIface(info: NetworkInfo, named: string | undefined, ip?: string): Promise<string> {
  const all = await info.listInterfaces();
  if (named) {
    if (!all.some((i) => i.name === named)) throw new FieldKitError('not_found', `No network interface "${named}" (see fieldkit interfaces).`);
    return named;
  }
  const v4 = all.filter((i) => i.up && i.kind !== 'loopback' && i.addresses.some((a) => a.family === 'IPv4'));
  if (ip) {
    const holder = v4.find((i) => i.addresses.some((a) => a.family === 'IPv4' && inPrefix(ip, a.address, a.prefix)));
    if (holder) return holder.name;
  }
  const physical = v4.filter((i) => i.kind === 'physical' || i.kind === 'wireless');
  if (physical.length === 1) return physical[0]!.name;
  const candidates = (physical.length ? physical : v4).map((i) => i.name);
  throw new FieldKitError('invalid_input', `Say which interface to use with --iface (candidates: ${candidates.join(', ') || 'none'}).`);
}
