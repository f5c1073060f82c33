/** IPv4 arithmetic for subnet membership; addresses as unsigned 32-bit numbers. */
import { isIPv4 } from './protocols/values';

/** `a.b.c.d` → number; undefined when not a dotted quad. */
export function ipToInt(ip: string): number | undefined {
  if (!isIPv4(ip)) return undefined;
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0) >>> 0;
}

/** number → `a.b.c.d`. */
export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The mask of a prefix length (0..32). */
export function prefixToMask(prefix: number): number {
  return prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(32, prefix))) >>> 0;
}

/** Prefix length of a contiguous dotted mask; undefined for non-contiguous or invalid masks. */
export function maskToPrefix(mask: string): number | undefined {
  const n = ipToInt(mask);
  if (n === undefined) return undefined;
  const prefix = 32 - Math.log2((~n >>> 0) + 1);
  return Number.isInteger(prefix) ? prefix : undefined;
}

/** `network/prefix` of an address. */
export function cidrOf(ip: string, prefix: number): string {
  const n = ipToInt(ip) ?? 0;
  return `${intToIp((n & prefixToMask(prefix)) >>> 0)}/${prefix}`;
}

/** True when `ip` lies in `network`'s /prefix. */
export function inPrefix(ip: string, network: string, prefix: number): boolean {
  const a = ipToInt(ip);
  const b = ipToInt(network);
  if (a === undefined || b === undefined) return false;
  const m = prefixToMask(prefix);
  return ((a & m) >>> 0) === ((b & m) >>> 0);
}
