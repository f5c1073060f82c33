import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload, NetInterface, Topic } from '../../../src/contract';
import { migrate } from '../../../src/db/migrate';
import { createDiscoveryService, type DiscoveryService } from '../../../src/discovery/service';
import type { BasePorts } from '../../../src/platform/ports';
import { ETH0, fakeBasePorts, fakeDiscoveryPorts, FakeUdpNetwork, type FakeSocket, type Sent } from './fake-net';
import { fixtureText } from './fixture';

/** The discovery service when scans, watches and odd cameras overlap. */
const ETH1: NetInterface = {
  name: 'eth1', mac: '02:00:00:00:00:02', up: true, kind: 'physical', kindReason: 'test',
  addresses: [{ family: 'IPv4', address: '10.9.9.1', netmask: '255.255.255.0', prefix: 24, cidr: '10.9.9.1/24' }],
};
const clock = Date.parse('2026-01-01T00:00:00Z');

function ports(interfaces: NetInterface[]): BasePorts {
  return fakeBasePorts(interfaces, () => clock);
}

/** A camera on eth0's subnet answering WS-Discovery (and SADP) probes sent from 192.168.1.10. */
function camera(net: FakeUdpNetwork, wsd = fixtureText('hikvision-wsd-probematches.xml')): void {
  net.onSend = (sent: Sent, socket: FakeSocket) => {
    if (socket.address !== '192.168.1.10') return;
    const from = { address: '192.168.1.64', port: sent.to.port };
    if (sent.to.port === 3702 && sent.text.includes('Probe')) queueMicrotask(() => socket.deliver(wsd, from));
    if (sent.to.port === 37020) queueMicrotask(() => socket.deliver(fixtureText('hikvision-sadp-probematch.xml'), from));
  };
}

const services: DiscoveryService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

function start(net: FakeUdpNetwork, interfaces: NetInterface[] = [ETH0, ETH1], schedule = { onvif: [0], sadp: [0], ssdp: [0], dhip: [0] }) {
  const db = new Database(':memory:');
  migrate(db);
  const events: Array<{ topic: Topic; payload: unknown }> = [];
  const emit = <T extends Topic>(topic: T, payload: EventPayload<T>) => void events.push({ topic, payload });
  const svc = createDiscoveryService({ ports: ports(interfaces), net: fakeDiscoveryPorts(net), db, emit, schedule });
  services.push(svc);
  return { h: svc.handlers, events };
}

describe('discovery service: overlapping work and identity-less cameras', () => {
  it('a scan on another interface during a watch does not flag the watched devices off-subnet', async () => {
    const net = new FakeUdpNetwork();
    camera(net);
    const { h } = start(net);
    await h.watch({ interfaces: ['eth0'], protocols: ['sadp'], reprobeSec: 3600, offlineAfterSec: 3600 });
    await new Promise((r) => setTimeout(r, 20));
    expect((await h.list())[0]).toMatchObject({ ips: ['192.168.1.64'], inSubnet: true });
    // The technician scans the other NIC while the watch keeps running on eth0.
    await h.scan({ timeoutSec: 0.05, interfaces: ['eth1'], protocols: ['sadp'] });
    // The scan must not narrow the laptop addresses to eth1's: the camera (192.168.1.64/24, laptop
    // 192.168.1.10/24 on eth0) stays in subnet.
    const after = (await h.list())[0]!;
    expect(after.inSubnetReason).toBeNull();
    expect(after.inSubnet).toBe(true);
  });

  it('two overlapping watch calls leave one watch: unwatch closes every socket', async () => {
    const net = new FakeUdpNetwork();
    const { h } = start(net);
    // Two clients (two browser tabs on `fieldkit serve`, or a double click) start the watch at once.
    await Promise.all([
      h.watch({ interfaces: ['eth0'], protocols: ['sadp'], reprobeSec: 1, offlineAfterSec: 3600 }),
      h.watch({ interfaces: ['eth0'], protocols: ['sadp'], reprobeSec: 1, offlineAfterSec: 3600 }),
    ]);
    await h.unwatch();
    // The first watch's engine must not be overwritten and left running (sockets open, re-probing
    // every second) after unwatch.
    expect(net.sockets.filter((s) => !s.closed).map((s) => `${s.address}:${s.port}`)).toEqual([]);
  });

  it('a camera whose ProbeMatch has no EndpointReference address and no MAC scope stays one row', async () => {
    const net = new FakeUdpNetwork();
    const wsd = fixtureText('hikvision-wsd-probematches.xml')
      .replace(/<wsadis:Address>[^<]*<\/wsadis:Address>/, '<wsadis:Address></wsadis:Address>')
      .replace(/onvif:\/\/www\.onvif\.org\/MAC\/\S+/, '');
    camera(net, wsd);
    // The OS neighbour table has nothing for it (routed segment, or unreadable): no MAC to learn.
    const { h } = start(net, [ETH0], { onvif: [0, 20, 40], sadp: [0], ssdp: [0], dhip: [0] });
    const result = await h.scan({ timeoutSec: 0.2, interfaces: [], protocols: ['onvif'] });
    // Not one row per reply (ip-192-168-1-64-onvif, …-2, …-3).
    expect(result.devices.map((d) => d.id)).toEqual(['ip-192-168-1-64-onvif']);
    expect(await h.list()).toHaveLength(1);
  });
});
