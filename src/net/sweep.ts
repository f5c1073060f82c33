import { FieldKitError } from '../contract/errors';
import { intToIp, ipToInt } from '../discovery/ipv4';
import { cidrArg } from '../platform/net-args';
import type { NetConfig } from '../platform/netconfig';

/** Every host address of a CIDR (network and broadcast excluded for prefixes < 31). */
export function hostsOf(cidr: string, maxHosts = 4094): string[] {
  const c = cidrArg(cidr);
  const size = 2 ** (32 - c.prefix);
  const base = (ipToInt(c.ip)! & (size === 2 ** 32 ? 0 : ~(size - 1) >>> 0)) >>> 0;
  const first = c.prefix >= 31 ? base : base + 1;
  const last = c.prefix >= 31 ? base + size - 1 : base + size - 2;
  if (last - first + 1 > maxHosts) {
    throw new FieldKitError('invalid_input', `${cidr} has ${last - first + 1} addresses; sweep at most ${maxHosts} (a /20) at a time.`);
  }
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(intToIp(n));
  return out;
}

export interface SweepHost {
  ip: string;
  macs: string[];
}

export interface SweepResult {
  hosts: SweepHost[];
  /** Addresses answered by more than one MAC. */
  conflicts: SweepHost[];
  elapsedMs: number;
}

export interface SweepOptions {
  /** Probes in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, found: number) => void;
  now?: () => number;
}

/**
 * ARP sweep: a broadcast request to every address of the CIDR, many at once,
 * listing every MAC that answered each (one IP answered by several MACs is a
 * conflict). ARP reaches devices on the segment whatever their subnet.
 */
export async function arpSweep(net: NetConfig, iface: string, cidr: string, opts: SweepOptions = {}): Promise<SweepResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const targets = hostsOf(cidr);
  const found = new Map<string, string[]>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < targets.length) {
      if (opts.signal?.aborted) throw new FieldKitError('cancelled', 'The sweep was cancelled.');
      const ip = targets[next++]!;
      const replies = await net.arpRequest(iface, ip);
      const macs = [...new Set(replies.filter((r) => r.ip === ip).map((r) => r.mac))];
      if (macs.length) found.set(ip, macs);
      done++;
      opts.onProgress?.(done, targets.length, found.size);
    }
  };
  // Each probe waits up to 1 s for silent addresses, so a /24 is swept in one wave.
  const n = Math.max(1, Math.min(opts.concurrency ?? 256, targets.length));
  await Promise.all(Array.from({ length: n }, worker));
  const hosts = targets.filter((ip) => found.has(ip)).map((ip) => ({ ip, macs: found.get(ip)! }));
  return { hosts, conflicts: hosts.filter((h) => h.macs.length > 1), elapsedMs: now() - started };
}
