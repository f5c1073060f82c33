import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload, Topic } from '../../../src/contract';
import { migrate } from '../../../src/db/migrate';
import { createDiscoveryService, type DiscoveryService } from '../../../src/discovery/service';
import { BACKLOG_LIMIT, DiscoveryWire } from '../../../src/discovery/wire';
import { ETH0, fakeBasePorts, fakeDiscoveryPorts, FakeUdpNetwork } from './fake-net';
import { fixtureText } from './fixture';

// The CLI's early start (src/hosts/cli/early-discovery.ts): a wire opened and probed before the
// core exists, whose backlog the first scan adopts.
let clock = 1_000_000;
const ports = fakeBasePorts([ETH0], () => clock);
const ETH0_PROBE = { name: 'eth0', address: '192.168.1.10', prefix: 24 };

const services: DiscoveryService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

function service(net: FakeUdpNetwork, early: DiscoveryWire | undefined, neighbours: Array<{ ip: string; mac: string; iface: string | null }> = []) {
  const db = new Database(':memory:');
  migrate(db);
  const events: Array<{ topic: Topic; payload: unknown }> = [];
  const emit = <T extends Topic>(topic: T, payload: EventPayload<T>) => void events.push({ topic, payload });
  let handed = early;
  const svc = createDiscoveryService({
    ports, net: fakeDiscoveryPorts(net, undefined, neighbours), db, emit, schedule: { onvif: [0, 250], sadp: [0], ssdp: [0], dhip: [0] },
    earlyWire: () => {
      const w = handed;
      handed = undefined;
      return w;
    },
  });
  services.push(svc);
  return { h: svc.handlers, events };
}

describe('early discovery wire', () => {
  it('keeps what arrives before the engine attaches, in order, with its arrival time', async () => {
    const net = new FakeUdpNetwork();
    const wire = await DiscoveryWire.open({ udp: net, now: () => clock }, { interfaces: [ETH0_PROBE], protocols: ['onvif'] });
    await wire.probe();
    const socket = net.sockets.find((s) => s.address === '192.168.1.10')!;
    clock = 1_000_050;
    socket.deliver('first', { address: '192.168.1.64', port: 3702 });
    clock = 1_000_060;
    socket.deliver('second', { address: '192.168.1.65', port: 3702 });
    const got: Array<{ text: string; at: number }> = [];
    wire.attach((d) => got.push({ text: new TextDecoder().decode(d.data), at: d.at }));
    expect(got).toEqual([{ text: 'first', at: 1_000_050 }, { text: 'second', at: 1_000_060 }]);
    socket.deliver('live', { address: '192.168.1.66', port: 3702 });
    expect(got.map((g) => g.text)).toEqual(['first', 'second', 'live']);
    expect(() => wire.attach(() => undefined)).toThrow(/already/);
    await wire.close();
  });

  it('bounds the start-up backlog by bytes as well as by count, and says how many it dropped', async () => {
    const net = new FakeUdpNetwork();
    const wire = await DiscoveryWire.open({ udp: net, now: () => clock }, { interfaces: [ETH0_PROBE], protocols: ['onvif'] });
    const socket = net.sockets.find((s) => s.address === '192.168.1.10')!;
    // Datagrams of 60 000 bytes (UDP's practical maximum): the byte bound is reached long before the count.
    const big = new Uint8Array(60_000).fill(0x41);
    const fits = Math.floor(BACKLOG_LIMIT.bytes / big.byteLength);
    for (let i = 0; i < fits + 25; i++) socket.deliver(big, { address: '192.168.1.64', port: 3702 });
    socket.deliver('small', { address: '192.168.1.65', port: 3702 });
    let kept = 0;
    let bytes = 0;
    wire.attach((d) => {
      kept++;
      bytes += d.data.byteLength;
    });
    expect(kept).toBe(fits + 1);
    expect(bytes).toBeLessThanOrEqual(BACKLOG_LIMIT.bytes);
    expect(wire.warnings).toContain('25 datagram(s) arrived while FieldKit was starting and were dropped');
    await wire.close();
  });

  it('lets the first scan adopt it: the early replies count, round 0 is not sent twice, later rounds keep their schedule', async () => {
    const net = new FakeUdpNetwork();
    clock = 2_000_000;
    const wire = await DiscoveryWire.open({ udp: net, now: () => clock }, { interfaces: [ETH0_PROBE], protocols: ['onvif', 'ssdp', 'sadp', 'dhip'] });
    await wire.probe();
    expect(net.sent).toHaveLength(4);
    // The camera answered while the rest of FieldKit was loading.
    const onvif = net.sockets.filter((s) => s.address === '192.168.1.10')[0]!;
    onvif.deliver(fixtureText('hikvision-wsd-probematches.xml'), { address: '192.168.1.64', port: 3702 });
    const { h, events } = service(net, wire);
    const result = await h.scan({ timeoutSec: 0.5, interfaces: [], protocols: [], scanId: 'early' });
    expect(result.devices).toHaveLength(1);
    expect(result.devices[0]!.ips).toEqual(['192.168.1.64']);
    expect(result.devices[0]!.firstSeen).toBe(new Date(2_000_000).toISOString());
    expect(events.filter((e) => e.topic === 'discovery.device')).not.toHaveLength(0);
    // Round 0 went out early; only the onvif round at 250 ms was added: no new sockets either.
    const probes = net.sent.filter((s) => s.to.address.startsWith('239.'));
    expect(probes.map((s) => s.to.port).sort()).toEqual([1900, 3702, 3702, 37020, 37810]);
    expect(net.sockets.filter((s) => s.address === '192.168.1.10')).toHaveLength(4);
    expect(result.stats.sent).toBe(5);
    expect(net.sockets.every((s) => s.closed)).toBe(true);
  });

  it('is closed, not adopted, when the scan asks for other protocols or interfaces', async () => {
    const net = new FakeUdpNetwork();
    const wire = await DiscoveryWire.open({ udp: net, now: () => clock }, { interfaces: [ETH0_PROBE], protocols: ['onvif'] });
    await wire.probe();
    const earlySockets = [...net.sockets];
    const { h } = service(net, wire);
    const result = await h.scan({ timeoutSec: 0.5, interfaces: [], protocols: ['sadp'], scanId: 'other' });
    expect(earlySockets.every((s) => s.closed)).toBe(true);
    expect(result.stats.sent).toBe(1);
    expect(net.sent.filter((s) => s.to.port === 37020)).toHaveLength(1);
  });

  it('merges a backlog\'s ONVIF and SSDP answers from one address by the neighbour table before publishing either', async () => {
    const net = new FakeUdpNetwork();
    const wire = await DiscoveryWire.open({ udp: net, now: () => clock }, { interfaces: [ETH0_PROBE], protocols: ['onvif', 'ssdp'] });
    await wire.probe();
    const [onvif, ssdp] = net.sockets.filter((s) => s.address === '192.168.1.10');
    // Neither answer carries a MAC, and their UUIDs differ: only the neighbour table ties them.
    const cam = '192.168.1.90';
    ssdp!.deliver(fixtureText('camera-ssdp-response-nospace.txt'), { address: cam, port: 1900 });
    onvif!.deliver(fixtureText('axis-wsd-probematches.xml'), { address: cam, port: 3702 });
    const { h, events } = service(net, wire, [{ ip: cam, mac: 'ac:cc:8e:00:00:90', iface: 'eth0' }]);
    const result = await h.scan({ timeoutSec: 0.5, interfaces: [], protocols: ['onvif', 'ssdp'], scanId: 'arp' });
    expect(result.devices).toHaveLength(1);
    expect(result.devices[0]).toMatchObject({ mac: 'ac:cc:8e:00:00:90', protocols: ['onvif', 'ssdp'], ips: [cam] });
    const added = events.filter((e) => e.topic === 'discovery.device' && (e.payload as { change: string }).change === 'added');
    expect(added).toHaveLength(1);
  });
});
