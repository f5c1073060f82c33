import { FieldKitError } from '../../contract/errors';
import { ipToInt } from '../../discovery/ipv4';
import type { ArpReply, ArpSweepRequest } from '../netconfig';

/** The raw ARP socket the sweeper drives (the @fieldkit/arp-raw addon, or a fake in tests). */
export interface RawArpSocket {
  /** MAC of the interface (the requests' sender hardware address). */
  readonly mac: string;
  /** Broadcasts a request for `target` from `sender` (host-order integers; 0 = RFC 5227 probe). False when the send queue is full. */
  send(target: number, sender: number): boolean;
  close(): void;
}

/** Opens a raw ARP socket on `iface`; `onReplies` receives every ARP reply seen there (or `[]` and an error). */
export type RawArpOpener = (iface: string, onReplies: (replies: ArpReply[], error?: string) => void) => RawArpSocket;

/**
 * Pacing and retries. Retries like arp-scan's defaults (500 ms, two tries, backoff 1.5): a silent
 * address is asked again 500 ms after its first request and then given 750 ms, so both tools find the
 * same hosts. The pace differs. arp-scan sends one frame every ~2 ms (256 kbit/s), so a /24 takes it
 * ~0.5 s per pass. We send from two token buckets:
 * - short term, 8000 frames/s in bursts of at most 8: back to back, 8 frames last 54 µs at 100 Mbit/s,
 *   few enough for the small receive rings of microcontroller devices, which would drop part of a
 *   line-rate burst of 254 (and with it, maybe the one request meant for them); a /24 leaves in ~32 ms.
 * - long term, 1000 frames/s with an allowance of 512: a /24 (at most 508 frames with every retry) is
 *   never slowed, and no second carries more than ~1500 broadcasts, about the 1%-of-100 Mbit/s level
 *   at which managed switches' broadcast storm control usually starts dropping; a /20 goes at 1000/s.
 * A /24 sweep then lasts ~1.3 s whatever it holds (32 ms + 500 ms + 750 ms).
 */
export interface ArpSweepPolicy {
  timeoutMs: number;
  tries: number;
  backoff: number;
  /** Short-term rate, frames per second, and how many may leave back to back. */
  ratePerSec: number;
  burst: number;
  /** Long-term rate, frames per second, and the allowance above it. */
  sustainedPerSec: number;
  sustainedBurst: number;
}

export const ARP_SWEEP_POLICY: ArpSweepPolicy = {
  timeoutMs: 500,
  tries: 2,
  backoff: 1.5,
  ratePerSec: 8000,
  burst: 8,
  sustainedPerSec: 1000,
  sustainedBurst: 512,
};

/** An address of the sending interface, with its mask, for choosing the sender address. */
export interface IfaceAddress {
  address: string;
  netmask: string;
}

/**
 * The sender IP for a request to `target`: the interface's address in the target's subnet (an ordinary
 * request, as the OS itself would send); otherwise 0.0.0.0, an RFC 5227 probe. Devices answer probes
 * whatever their subnet (Linux even with arp_ignore=2 or rp_filter, which drop a request from a foreign
 * subnet), and a probe leaves no entry for a foreign address in their ARP caches.
 */
export function senderFor(target: number, addrs: readonly IfaceAddress[]): number {
  for (const a of addrs) {
    const ip = ipToInt(a.address);
    const mask = ipToInt(a.netmask);
    if (ip === undefined || mask === undefined || mask === 0) continue;
    if (((ip & mask) >>> 0) === ((target & mask) >>> 0)) return ip;
  }
  return 0;
}

interface Target {
  ip: string;
  n: number;
  sender: number;
  sent: number;
  answered: boolean;
  /** Counted in the progress (answered, or given up). */
  settled: boolean;
}

/**
 * Sweeps `req.targets` from one open socket: paced requests, a second (and later) try for silent
 * addresses, every reply kept (several MACs for one IP = a conflict). An answered address is not asked
 * again, but its replies are still collected until its own window closes, so a second device answering
 * the same request a little later is seen. Resolves when every address is answered-and-waited or silent
 * after its last try; closes the socket in every case.
 */
export async function sweepOnSocket(
  open: RawArpOpener,
  iface: string,
  req: ArpSweepRequest,
  addrs: readonly IfaceAddress[],
  policy: ArpSweepPolicy = ARP_SWEEP_POLICY,
  now: () => number = () => performance.now(),
): Promise<ArpReply[]> {
  const targets = new Map<string, Target>();
  for (const ip of req.targets) {
    const n = ipToInt(ip);
    if (n === undefined || n === 0 || n === 0xffffffff || n >>> 28 === 0xe) throw new FieldKitError('invalid_input', `${ip} is not a unicast IPv4 address.`);
    if (!targets.has(ip)) targets.set(ip, { ip, n, sender: senderFor(n, addrs), sent: 0, answered: false, settled: false });
  }
  const tries = Math.max(1, Math.floor(req.tries ?? policy.tries));
  const timeoutMs = req.timeoutMs ?? policy.timeoutMs;
  const backoff = req.backoff ?? policy.backoff;
  const windowOf = (tryIndex: number) => timeoutMs * backoff ** tryIndex;
  const total = targets.size;

  return new Promise<ArpReply[]>((resolve, reject) => {
    const replies: ArpReply[] = [];
    const seen = new Set<string>();
    const sendQueue: Target[] = [...targets.values()];
    // One FIFO per try: every entry of a FIFO has the same window, so each is ordered by deadline.
    const waiting: { t: Target; due: number }[][] = Array.from({ length: tries }, () => []);
    const heads = new Array<number>(tries).fill(0);
    let done = 0;
    let tokens = policy.burst;
    let allowance = policy.sustainedBurst;
    let refilled = now();
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    let sock: RawArpSocket | undefined;

    const settle = (t: Target) => {
      if (t.settled) return;
      t.settled = true;
      done++;
      req.onProgress?.(done, total);
    };
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      try {
        sock?.close();
      } catch {
        // closing is best effort; the result stands
      }
      if (err) reject(err);
      else resolve(replies);
    };
    const onAbort = () => finish(new FieldKitError('cancelled', 'The sweep was cancelled.'));
    const onReplies = (batch: ArpReply[], error?: string) => {
      if (finished) return;
      for (const r of batch) {
        const t = targets.get(r.ip);
        const key = `${r.ip}|${r.mac}`;
        if (!t || seen.has(key)) continue;
        seen.add(key);
        replies.push({ ip: r.ip, mac: r.mac });
        t.answered = true;
        settle(t);
        req.onReply?.({ ip: r.ip, mac: r.mac });
      }
      if (error) finish(new FieldKitError('failed', `ARP socket on ${iface}: ${error}`));
    };

    const tick = () => {
      timer = undefined;
      if (finished) return;
      const t0 = now();
      // Windows that closed: a silent address goes back in line for its next try, or is given up.
      for (let k = 0; k < tries; k++) {
        const fifo = waiting[k]!;
        while (heads[k]! < fifo.length && fifo[heads[k]!]!.due <= t0) {
          const { t } = fifo[heads[k]!++]!;
          if (t.answered) continue;
          if (t.sent < tries) sendQueue.push(t);
          else settle(t);
        }
      }
      tokens = Math.min(policy.burst, tokens + ((t0 - refilled) * policy.ratePerSec) / 1000);
      allowance = Math.min(policy.sustainedBurst, allowance + ((t0 - refilled) * policy.sustainedPerSec) / 1000);
      refilled = t0;
      while (tokens >= 1 && allowance >= 1 && sendQueue.length) {
        const t = sendQueue[0]!;
        if (t.answered) {
          sendQueue.shift();
          continue;
        }
        let ok: boolean;
        try {
          ok = sock!.send(t.n, t.sender);
        } catch (e) {
          finish(new FieldKitError('failed', `ARP request on ${iface}: ${(e as Error).message}`));
          return;
        }
        if (!ok) break; // the kernel queue is full: this one again at the next tick
        sendQueue.shift();
        tokens--;
        allowance--;
        waiting[t.sent]!.push({ t, due: t0 + windowOf(t.sent) });
        t.sent++;
      }
      let next = Infinity;
      if (sendQueue.length) {
        const wait = Math.max(((1 - tokens) * 1000) / policy.ratePerSec, ((1 - allowance) * 1000) / policy.sustainedPerSec);
        next = t0 + Math.max(1, wait);
      }
      for (let k = 0; k < tries; k++) {
        const head = waiting[k]![heads[k]!];
        if (head) next = Math.min(next, head.due);
      }
      if (next === Infinity) return finish();
      timer = setTimeout(tick, Math.max(1, Math.ceil(next - now())));
    };

    if (req.signal?.aborted) {
      reject(new FieldKitError('cancelled', 'The sweep was cancelled.'));
      return;
    }
    try {
      sock = open(iface, onReplies);
    } catch (e) {
      reject(e as Error);
      return;
    }
    req.signal?.addEventListener('abort', onAbort, { once: true });
    if (total === 0) return finish();
    tick();
  });
}
