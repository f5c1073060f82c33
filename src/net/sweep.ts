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
  /** Probes in flight at once, when sweeping per address (no raw ARP socket). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, found: number) => void;
  now?: () => number;
}

/**
 * ARP sweep: a broadcast request to every address of the CIDR, listing every
 * MAC that answered each (one IP answered by several MACs is a conflict). ARP
 * reaches devices on the segment whatever their subnet. Sweeps from one raw
 * socket when the platform can ({@link NetConfig.arpSweep}: paced requests, a
 * second try for silent addresses), else with one request per address, many
 * at once.
 */
export async function arpSweep(net: NetConfig, iface: string, cidr: string, opts: SweepOptions = {}): Promise<SweepResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const targets = hostsOf(cidr);
  if (opts.signal?.aborted) throw new FieldKitError('cancelled', 'The sweep was cancelled.');
  const found = new Map<string, string[]>();
  const note = (ip: string, mac: string) => {
    const macs = found.get(ip);
    if (!macs) found.set(ip, [mac]);
    else if (!macs.includes(mac)) macs.push(mac);
  };
  let reported = 0;
  const batch = net.arpSweep
    ? await net.arpSweep(iface, {
        targets,
        ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (done, total) => {
          reported = done;
          opts.onProgress?.(done, total, found.size);
        },
        onReply: (r) => note(r.ip, r.mac),
      })
    : null;
  if (batch) {
    const wanted = new Set(targets);
    for (const r of batch) if (wanted.has(r.ip)) note(r.ip, r.mac);
    // Every address is settled now: say so if the port's last report did not.
    if (reported < targets.length) opts.onProgress?.(targets.length, targets.length, found.size);
  } else {
    await perAddress(net, iface, targets, found, opts);
  }
  const hosts = targets.filter((ip) => found.has(ip)).map((ip) => ({ ip, macs: found.get(ip)! }));
  return { hosts, conflicts: hosts.filter((h) => h.macs.length > 1), elapsedMs: now() - started };
}

/** One request per address through {@link NetConfig.arpRequest}, `concurrency` at once. */
async function perAddress(net: NetConfig, iface: string, targets: string[], found: Map<string, string[]>, opts: SweepOptions): Promise<void> {
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
}
