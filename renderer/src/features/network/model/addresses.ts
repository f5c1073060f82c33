/**
 * Address arithmetic for the Network page: reading a technician's pool of addresses ("a range or
 * a list") and proposing free addresses in a subnet. Pure: probing happens in the slice.
 */
import { intToIp, ipToInt, prefixMask } from '../../devices/ipv4';

/** The most addresses one pool may hold: a plan is for a site's cameras, not a whole /16. */
export const POOL_MAX = 1024;

/** Why a pool could not be read; `token` is the piece of text at fault. */
export type PoolError = { error: 'empty' } | { error: 'invalid' | 'backwards'; token: string } | { error: 'tooMany'; count: number };

export type PoolResult = { ok: true; addresses: string[] } | ({ ok: false } & PoolError);

/** True for a dotted quad with every octet ≤ 255. */
export const isIpv4 = (s: string): boolean => ipToInt(s.trim()) !== null;

/**
 * Reads "a.b.c.d-a.b.c.e" ranges (the end may be the last octet alone: "a.b.c.10-20") and single
 * addresses, separated by commas, semicolons, spaces or new lines, in the order written.
 * Duplicates are kept: the planner reports them, so the technician sees what they typed twice.
 */
export function parseAddressPool(text: string): PoolResult {
  const tokens = text
    .replace(/\s*-\s*/g, '-')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: 'empty' };
  const out: string[] = [];
  for (const token of tokens) {
    const dash = token.indexOf('-');
    if (dash < 0) {
      const n = ipToInt(token);
      if (n === null) return { ok: false, error: 'invalid', token };
      out.push(intToIp(n));
    } else {
      const from = ipToInt(token.slice(0, dash));
      const endText = token.slice(dash + 1);
      if (from === null) return { ok: false, error: 'invalid', token };
      let to: number | null;
      if (/^\d{1,3}$/.test(endText)) {
        const last = Number(endText);
        to = last > 255 ? null : ((from & 0xffffff00) | last) >>> 0;
      } else {
        to = ipToInt(endText);
      }
      if (to === null) return { ok: false, error: 'invalid', token };
      if (to < from) return { ok: false, error: 'backwards', token };
      if (out.length + (to - from + 1) > POOL_MAX) return { ok: false, error: 'tooMany', count: out.length + (to - from + 1) };
      for (let n = from; n <= to; n++) out.push(intToIp(n));
    }
    if (out.length > POOL_MAX) return { ok: false, error: 'tooMany', count: out.length };
  }
  return { ok: true, addresses: out };
}

/** Network and broadcast address of `ip`'s /prefix: not usable by a host (prefixes below 31). */
export function isReserved(ip: string, prefix: number): boolean {
  const n = ipToInt(ip);
  if (n === null || prefix >= 31) return false;
  const mask = prefixMask(prefix);
  const host = (n & ~mask) >>> 0;
  return host === 0 || host === (~mask >>> 0);
}

/** Where in a subnet suggestions start: low addresses are usually the router's and the servers'. */
export const SUGGEST_OFFSET = 10;

/**
 * Addresses of `subnet` (a.b.c.d/p) to propose for a camera, best first: host addresses from
 * network + SUGGEST_OFFSET upwards, then the low ones, skipping every address in `used`.
 * At most `limit` of them (each costs a probe).
 */
export function candidateAddresses(subnet: string, used: ReadonlySet<string>, limit: number): string[] {
  const [addr = '', p = ''] = subnet.split('/');
  const base = ipToInt(addr);
  const prefix = Number(p);
  if (base === null || !Number.isInteger(prefix) || prefix < 1 || prefix > 30) return [];
  const mask = prefixMask(prefix);
  const network = (base & mask) >>> 0;
  const size = 2 ** (32 - prefix);
  const first = 1;
  const last = size - 2;
  const start = Math.min(SUGGEST_OFFSET, last);
  const order: number[] = [];
  for (let i = start; i <= last; i++) order.push(i);
  for (let i = first; i < start; i++) order.push(i);
  const out: string[] = [];
  for (const i of order) {
    if (out.length >= limit) break;
    const ip = intToIp(network + i);
    if (!used.has(ip)) out.push(ip);
  }
  return out;
}
