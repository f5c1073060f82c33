import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { intToIp, ipToInt } from '../../../src/discovery/ipv4';
import type { ArpReply } from '../../../src/platform/netconfig';
import { ARP_SWEEP_POLICY, senderFor, sweepOnSocket, type RawArpOpener } from '../../../src/platform/node/arp-sweeper';

/** A device on the simulated segment: answers a request for `ip` after `delayMs`, from which try on. */
interface Device {
  ip: string;
  mac: string;
  delayMs?: number;
  fromTry?: number;
}

interface Sent {
  at: number;
  target: string;
  sender: number;
}

/** A fake raw socket on a simulated segment, on vitest's fake clock. */
function segment(devices: Device[], opts: { fullOnce?: Set<string>; throwOn?: string; extra?: ArpReply[] } = {}) {
  const sent: Sent[] = [];
  const tries = new Map<string, number>();
  let closed = false;
  let deliver: ((r: ArpReply[], e?: string) => void) | undefined;
  const open: RawArpOpener = (_iface, onReplies) => {
    deliver = onReplies;
    return {
      mac: '02:00:00:00:ff:01',
      send(target, sender) {
        if (closed) throw new Error('closed');
        const ip = intToIp(target);
        if (ip === opts.throwOn) throw new Error('sendto: Network is down');
        if (opts.fullOnce?.delete(ip)) return false;
        sent.push({ at: Date.now(), target: ip, sender });
        const n = (tries.get(ip) ?? 0) + 1;
        tries.set(ip, n);
        for (const d of devices) {
          if (d.ip === ip && n >= (d.fromTry ?? 1)) setTimeout(() => !closed && onReplies([{ ip: d.ip, mac: d.mac }, ...(opts.extra ?? [])]), d.delayMs ?? 1);
        }
        return true;
      },
      close() {
        closed = true;
      },
    };
  };
  return {
    open,
    sent,
    isClosed: () => closed,
    triesOf: (ip: string) => tries.get(ip) ?? 0,
    fail: (msg: string) => deliver?.([], msg),
  };
}

const range = (base: string, n: number) => Array.from({ length: n }, (_, i) => intToIp(ipToInt(base)! + i));
const now = () => Date.now();
const LAPTOP = [{ address: '10.1.1.250', netmask: '255.255.255.0' }];

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

async function run<T>(p: Promise<T>): Promise<T> {
  const settled = p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  await vi.runAllTimersAsync();
  const r = await settled;
  if (!r.ok) throw r.e;
  return r.v;
}

describe('sweepOnSocket', () => {
  it('asks silent addresses twice, answered ones once, and keeps every MAC of a shared address', async () => {
    const seg = segment([
      { ip: '10.1.1.2', mac: '02:00:00:00:00:02' },
      // Two devices on one address, the second answering 200 ms after the first.
      { ip: '10.1.1.5', mac: '02:00:00:00:00:05' },
      { ip: '10.1.1.5', mac: '02:00:00:00:00:55', delayMs: 200 },
      // Misses the first request (asleep, or the frame was lost): found by the second.
      { ip: '10.1.1.7', mac: '02:00:00:00:00:07', fromTry: 2 },
      // Answers for an address nobody asked about: not ours to report.
      { ip: '10.1.1.3', mac: '02:00:00:00:00:99', fromTry: 9 },
    ], { extra: [{ ip: '10.9.9.9', mac: '02:00:00:00:99:99' }] });
    const targets = range('10.1.1.1', 10);
    const progress: number[] = [];
    const live: ArpReply[] = [];
    const replies = await run(
      sweepOnSocket(seg.open, 'eth0', { targets, onProgress: (d, t) => progress.push(d / t), onReply: (r) => live.push(r) }, LAPTOP, ARP_SWEEP_POLICY, now),
    );
    expect(replies).toEqual([
      { ip: '10.1.1.2', mac: '02:00:00:00:00:02' },
      { ip: '10.1.1.5', mac: '02:00:00:00:00:05' },
      { ip: '10.1.1.5', mac: '02:00:00:00:00:55' },
      { ip: '10.1.1.7', mac: '02:00:00:00:00:07' },
    ]);
    expect(live).toEqual(replies);
    expect(seg.triesOf('10.1.1.2')).toBe(1);
    expect(seg.triesOf('10.1.1.5')).toBe(1);
    expect(seg.triesOf('10.1.1.7')).toBe(2);
    for (const ip of ['10.1.1.1', '10.1.1.3', '10.1.1.10']) expect(seg.triesOf(ip)).toBe(2);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toHaveLength(10);
    expect(seg.isClosed()).toBe(true);
  });

  it('retries 500 ms after the first request and waits 750 ms after the last, like arp-scan', async () => {
    const seg = segment([]);
    const start = Date.now();
    await run(sweepOnSocket(seg.open, 'eth0', { targets: ['10.1.1.9'] }, LAPTOP, ARP_SWEEP_POLICY, now));
    expect(seg.sent.map((s) => s.at - start)).toEqual([0, 500]);
    expect(Date.now() - start).toBe(1250);
  });

  it('keeps listening for a second device after the first answer, then stops', async () => {
    const seg = segment([
      { ip: '10.1.1.1', mac: '02:00:00:00:00:01', delayMs: 1 },
      { ip: '10.1.1.1', mac: '02:00:00:00:00:02', delayMs: 450 },
    ]);
    const start = Date.now();
    const replies = await run(sweepOnSocket(seg.open, 'eth0', { targets: ['10.1.1.1'] }, LAPTOP, ARP_SWEEP_POLICY, now));
    expect(replies.map((r) => r.mac)).toEqual(['02:00:00:00:00:01', '02:00:00:00:00:02']);
    expect(Date.now() - start).toBe(500);
  });

  it('paces the requests: bursts of at most 8, 8000 per second, at most 512 + 1000 per second sustained', async () => {
    const seg = segment([]);
    await run(sweepOnSocket(seg.open, 'eth0', { targets: range('10.2.0.1', 2000), tries: 1 }, [], ARP_SWEEP_POLICY, now));
    expect(seg.sent).toHaveLength(2000);
    const t0 = seg.sent[0]!.at;
    const within = (from: number, ms: number) => seg.sent.filter((s) => s.at >= from && s.at < from + ms).length;
    for (const s of seg.sent) {
      expect(within(s.at, 1)).toBeLessThanOrEqual(ARP_SWEEP_POLICY.burst);
      expect(within(s.at, 10)).toBeLessThanOrEqual(ARP_SWEEP_POLICY.burst + 80);
    }
    expect(within(t0, 1000)).toBeLessThanOrEqual(512 + 1000);
    // A /24's worth leaves at the short-term rate: 254 frames in about 32 ms.
    expect(seg.sent[253]!.at - t0).toBeLessThanOrEqual(35);
    // Every address once, in order.
    expect(seg.sent.map((s) => s.target)).toEqual(range('10.2.0.1', 2000));
  });

  it('sends from the laptop address in the target subnet, else as an RFC 5227 probe (0.0.0.0)', async () => {
    const seg = segment([]);
    await run(sweepOnSocket(seg.open, 'eth0', { targets: ['10.1.1.1', '192.168.1.64'], tries: 1 }, LAPTOP, ARP_SWEEP_POLICY, now));
    expect(seg.sent.map((s) => [s.target, intToIp(s.sender)])).toEqual([
      ['10.1.1.1', '10.1.1.250'],
      ['192.168.1.64', '0.0.0.0'],
    ]);
  });

  it('sends again what a full kernel queue refused', async () => {
    const seg = segment([{ ip: '10.1.1.2', mac: '02:00:00:00:00:02' }], { fullOnce: new Set(['10.1.1.2']) });
    const replies = await run(sweepOnSocket(seg.open, 'eth0', { targets: ['10.1.1.1', '10.1.1.2'] }, LAPTOP, ARP_SWEEP_POLICY, now));
    expect(replies).toEqual([{ ip: '10.1.1.2', mac: '02:00:00:00:00:02' }]);
    expect(seg.triesOf('10.1.1.2')).toBe(1);
  });

  it('is cancelled by the signal, closing the socket and sending nothing more', async () => {
    const seg = segment([]);
    const ctrl = new AbortController();
    const p = sweepOnSocket(seg.open, 'eth0', { targets: range('10.3.0.1', 500), signal: ctrl.signal }, [], ARP_SWEEP_POLICY, now);
    setTimeout(() => ctrl.abort(), 10);
    await expect(run(p)).rejects.toMatchObject({ code: 'cancelled' });
    expect(seg.isClosed()).toBe(true);
    expect(seg.sent.length).toBeGreaterThan(0);
    expect(seg.sent.length).toBeLessThan(500);
    const pre = new AbortController();
    pre.abort();
    await expect(run(sweepOnSocket(seg.open, 'eth0', { targets: ['10.1.1.1'], signal: pre.signal }, [], ARP_SWEEP_POLICY, now))).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('fails clearly on a socket or send error, and closes the socket', async () => {
    const seg = segment([]);
    const p = sweepOnSocket(seg.open, 'eth0', { targets: range('10.4.0.1', 10) }, [], ARP_SWEEP_POLICY, now);
    setTimeout(() => seg.fail('recvfrom: Network is down (ENETDOWN)'), 100);
    await expect(run(p)).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/eth0: recvfrom: Network is down/) });
    expect(seg.isClosed()).toBe(true);

    const bad = segment([], { throwOn: '10.4.0.3' });
    await expect(run(sweepOnSocket(bad.open, 'eth0', { targets: range('10.4.0.1', 10) }, [], ARP_SWEEP_POLICY, now))).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/sendto: Network is down/),
    });
    expect(bad.isClosed()).toBe(true);
  });

  it('refuses targets that are not unicast IPv4 addresses, before opening anything', async () => {
    for (const ip of ['0.0.0.0', '255.255.255.255', '224.0.0.251', '10.1.1.256', 'x']) {
      const seg = segment([]);
      await expect(run(sweepOnSocket(seg.open, 'eth0', { targets: [ip] }, [], ARP_SWEEP_POLICY, now))).rejects.toMatchObject({ code: 'invalid_input' });
      expect(seg.sent).toHaveLength(0);
    }
  });

  it('passes on the error of a socket that does not open', async () => {
    const err = Object.assign(new Error('socket(AF_PACKET): Operation not permitted'), { code: 'EPERM' });
    const open: RawArpOpener = () => {
      throw err;
    };
    await expect(run(sweepOnSocket(open, 'eth0', { targets: ['10.1.1.1'] }, [], ARP_SWEEP_POLICY, now))).rejects.toBe(err);
  });
});

describe('senderFor', () => {
  const addrs = [
    { address: '198.51.100.1', netmask: '255.255.255.0' },
    { address: '192.168.1.200', netmask: '255.255.255.0' },
    { address: 'garbage', netmask: '255.255.255.0' },
  ];
  it.each([
    ['198.51.100.77', '198.51.100.1'],
    ['192.168.1.64', '192.168.1.200'],
    ['192.168.2.64', '0.0.0.0'],
    ['10.0.0.1', '0.0.0.0'],
  ])('%s is asked from %s', (target, sender) => {
    expect(intToIp(senderFor(ipToInt(target)!, addrs))).toBe(sender);
  });
  it('never matches through a zero mask', () => {
    expect(senderFor(ipToInt('10.0.0.1')!, [{ address: '192.168.1.2', netmask: '0.0.0.0' }])).toBe(0);
  });
});
