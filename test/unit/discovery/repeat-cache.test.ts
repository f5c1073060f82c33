import { describe, expect, it } from 'vitest';
import { RepeatCache } from '../../../src/discovery/repeat-cache';
import { DescriptionCache } from '../../../src/discovery/description-cache';
import { DiscoveryEngine } from '../../../src/discovery/engine';
import type { Observation } from '../../../src/discovery/observation';
import { FakeHttp, FakeUdpNetwork } from './fake-net';
import { fixtureText } from './fixture';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const CAM = { address: '192.168.1.64', port: 3702 };
const match = fixtureText('hikvision-wsd-probematches.xml');
/** The same camera answering the next probe round: new ids, next sequence number. */
const nextRound = match
  .replace('urn:uuid:b1a3f2c4-1dd2-11b2-8a2b-4419b6123456', 'urn:uuid:c2b4a3d5-1dd2-11b2-8a2b-4419b6123456')
  .replace('urn:uuid:0a6dc791-2c8a-4e3b-9f5d-1c2e3f405162', 'urn:uuid:ffffffff-2c8a-4e3b-9f5d-1c2e3f405162')
  .replace('MessageNumber="5"', 'MessageNumber="6"');

describe('RepeatCache', () => {
  it('gives the same key to an answer that differs only in message ids and sequence number', () => {
    const c = new RepeatCache();
    expect(nextRound).not.toBe(match);
    expect(c.key('onvif', 'eth0', CAM, enc(nextRound))).toBe(c.key('onvif', 'eth0', CAM, enc(match)));
  });

  it('tells apart other content, another sender, port or interface', () => {
    const c = new RepeatCache();
    const k = c.key('onvif', 'eth0', CAM, enc(match));
    expect(c.key('onvif', 'eth0', CAM, enc(match.replace('192.168.1.64/onvif', '192.168.1.99/onvif')))).not.toBe(k);
    expect(c.key('onvif', 'eth0', { ...CAM, address: '192.168.1.65' }, enc(match))).not.toBe(k);
    expect(c.key('onvif', 'eth0', { ...CAM, port: 40000 }, enc(match))).not.toBe(k);
    expect(c.key('onvif', 'eth1', CAM, enc(match))).not.toBe(k);
    const ssdp = 'HTTP/1.1 200 OK\r\nDATE: Mon, 01 Jan 2024 00:00:00 GMT\r\nUSN: uuid:x\r\n\r\n';
    expect(c.key('ssdp', null, CAM, enc(ssdp.replace('00:00:00', '00:00:01')))).toBe(c.key('ssdp', null, CAM, enc(ssdp)));
  });

  it('forgets after its time to live and when full', () => {
    const c = new RepeatCache(1000, 2);
    c.set('a', 0, []);
    expect(c.get('a', 1000)).toEqual([]);
    expect(c.get('a', 1001)).toBeUndefined();
    c.set('b', 0, 'malformed');
    c.set('c', 0, []);
    expect(c.get('a', 0)).toBeUndefined();
    expect(c.get('c', 0)).toEqual([]);
  });
});

describe('RepeatCache against hostile datagrams', () => {
  it('keys a datagram of unclosed <MessageID tags as it is (nothing to strip), and still strips well-formed ids', () => {
    // The pattern's attribute part stops at '<': with [^>]* such a 64 KiB datagram took quadratic time.
    const c = new RepeatCache();
    const hostile = enc('<MessageID'.repeat(6500));
    expect(c.key('onvif', 'eth0', CAM, hostile)).toBe(`onvif|eth0|${CAM.address}|${CAM.port}|${'<MessageID'.repeat(6500)}`);
    expect(c.key('onvif', 'eth0', CAM, enc('<a:MessageID x="1">urn:uuid:1</a:MessageID>'))).toBe(c.key('onvif', 'eth0', CAM, enc('')));
  });

  it('holds a bounded number of key bytes however large the distinct datagrams are', () => {
    const c = new RepeatCache(5000, 4096, 1024 * 1024);
    const big = 'x'.repeat(60_000);
    for (let i = 0; i < 200; i++) c.set(c.key('ssdp', null, { ...CAM, port: i }, enc(big)), 0, 'malformed');
    expect(c.heldChars).toBeLessThanOrEqual(1024 * 1024);
    expect(c.heldChars).toBeGreaterThan(0);
  });
});

describe('DiscoveryEngine with repeated answers', () => {
  it('replays the observations of a repeat with its own arrival time, and counts a repeated malformed datagram again', async () => {
    const net = new FakeUdpNetwork();
    let now = 1000;
    const seen: Observation[] = [];
    const engine = await DiscoveryEngine.open(
      { udp: net, descriptions: new DescriptionCache(new FakeHttp(), () => now), now: () => now, logger: { debug() {}, info() {}, warn() {}, error() {} } },
      { interfaces: [{ name: 'eth0', address: '192.168.1.10', prefix: 24 }], protocols: ['onvif'], onObservation: (o) => seen.push(o) },
    );
    const socket = net.sockets.find((s) => s.address === '192.168.1.10')!;
    socket.deliver(match, CAM);
    now = 1250;
    socket.deliver(nextRound, CAM);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual({ ...seen[0], at: 1250 });
    socket.deliver('<not xml', CAM);
    socket.deliver('<not xml', CAM);
    expect(engine.stats.malformed).toBe(2);
    expect(engine.stats.received).toBe(2);
    await engine.close();
  });
});
