import { inPrefix, ipToInt } from '../discovery/ipv4';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A strict dotted-quad check (no leading zeros, 0..255). */
export function isIpv4(v: string): boolean {
  return IPV4.test(v);
}

/** `a.b.c.d/p` → parts, or null when not a host address with a usable prefix. */
export function parseCidr(v: string): { ip: string; prefix: number } | null {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(v.trim());
  if (!m || !isIpv4(m[1]!)) return null;
  const prefix = Number(m[2]);
  if (prefix < 1 || prefix > 32) return null;
  return { ip: m[1]!, prefix };
}

/** Is `ip` the network or broadcast address of its /prefix (not usable for a camera)? */
export function isNetworkOrBroadcast(ip: string, prefix: number): boolean {
  if (prefix >= 31) return false;
  const n = ipToInt(ip)!;
  const size = 2 ** (32 - prefix);
  const off = n % size;
  return off === 0 || off === size - 1;
}

export { inPrefix };
