import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * Datagrams the kernel discarded for a bound UDP socket because its receive buffer was full. On
 * Linux each socket's count is the last column (`drops`) of /proc/net/udp and /proc/net/udp6; a
 * flood faster than the receiving thread can read ends there, and reading the count is what keeps
 * that loss from being silent. Elsewhere there is no such count (null).
 */

/** The 8 hex digits (IPv4) or 32 (IPv6) /proc shows for an address: 32-bit words in host byte order. */
export function procAddressHex(address: string, littleEndian = endianness() === 'LE'): string | null {
  const bytes = address.includes(':') ? ipv6Bytes(address) : ipv4Bytes(address);
  if (!bytes) return null;
  let out = '';
  for (let w = 0; w < bytes.length; w += 4) {
    const word = bytes.slice(w, w + 4);
    if (littleEndian) word.reverse();
    for (const b of word) out += b.toString(16).padStart(2, '0');
  }
  return out.toUpperCase();
}

function ipv4Bytes(a: string): number[] | null {
  const parts = a.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

function ipv6Bytes(a: string): number[] | null {
  const [head, tail, more] = a.split('::');
  if (more !== undefined) return null;
  const groups = (s: string | undefined): string[] => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const fill = 8 - h.length - t.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  const all = [...h, ...new Array<string>(tail === undefined ? 0 : fill).fill('0'), ...t];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
}

/** The drop count of the socket bound to `addressHex:port` in a /proc/net/udp{,6} table, or null if absent. */
export function dropsInTable(table: string, addressHex: string, port: number): number | null {
  const local = `${addressHex}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of table.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[1] === local && f.length >= 13) {
      const drops = Number(f[f.length - 1]);
      return Number.isFinite(drops) ? drops : null;
    }
  }
  return null;
}

/** Kernel drops of the UDP socket bound to `address:port` (null when the OS does not say). */
export function kernelUdpDrops(address: string, port: number): number | null {
  if (process.platform !== 'linux') return null;
  const hex = procAddressHex(address);
  if (!hex) return null;
  try {
    return dropsInTable(readFileSync(address.includes(':') ? '/proc/net/udp6' : '/proc/net/udp', 'utf8'), hex, port);
  } catch {
    return null;
  }
}
