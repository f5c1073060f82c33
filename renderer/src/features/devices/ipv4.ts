/**
 * IPv4 arithmetic for the Devices page (sorting, grouping by subnet, conflicts). The renderer
 * reaches the core only over RPC, so this small copy lives here rather than importing src/.
 */

/** `a.b.c.d` → unsigned 32-bit number; null when not a dotted quad. */
export function ipToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    n = n * 256 + octet;
  }
  return n >>> 0;
}

/** number → `a.b.c.d`. */
export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The mask of a prefix length (0..32) as a number. */
export function prefixMask(prefix: number): number {
  return prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(32, prefix))) >>> 0;
}

/** Prefix length of a contiguous dotted mask; null for a non-contiguous or invalid one. */
export function maskToPrefix(mask: string): number | null {
  const n = ipToInt(mask);
  if (n === null) return null;
  const prefix = 32 - Math.log2((~n >>> 0) + 1);
  return Number.isInteger(prefix) ? prefix : null;
}

/** `network/prefix` containing `ip`; null for an invalid address. */
export function cidrOf(ip: string, prefix: number): string | null {
  const n = ipToInt(ip);
  return n === null ? null : `${intToIp((n & prefixMask(prefix)) >>> 0)}/${prefix}`;
}

/** True when `ip` lies in the /prefix around `network`. */
export function inPrefix(ip: string, network: string, prefix: number): boolean {
  const a = ipToInt(ip);
  const b = ipToInt(network);
  if (a === null || b === null) return false;
  const m = prefixMask(prefix);
  return ((a & m) >>> 0) === ((b & m) >>> 0);
}

/** Orders addresses numerically (10.0.0.9 before 10.0.0.10); anything unparsable sorts last, as text. */
export function compareIps(a: string | undefined, b: string | undefined): number {
  const x = a === undefined ? null : ipToInt(a);
  const y = b === undefined ? null : ipToInt(b);
  if (x !== null && y !== null) return x - y;
  if (x !== null) return -1;
  if (y !== null) return 1;
  return (a ?? '').localeCompare(b ?? '');
}
