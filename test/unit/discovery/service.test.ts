import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload, NetInterface, Topic } from '../../../src/contract';
import { migrate } from '../../../src/db/migrate';
import { createDiscoveryService, type DiscoveryService } from '../../../src/discovery/service';
import type { BasePorts } from '../../../src/platform/ports';
import { tempDir } from '../../support/tmp';
import { ETH0, fakeBasePorts, fakeDiscoveryPorts, FakeUdpNetwork, type FakeSocket, type Sent } from './fake-net';
import { fixtureText } from './fixture';

const DOCKER: NetInterface = {
  name: 'docker0', mac: '02:42:00:00:00:01', up: true, kind: 'container', kindReason: 'name',
  addresses: [{ family: 'IPv4', address: '172.17.0.1', netmask: '255.255.0.0', prefix: 16, cidr: '172.17.0.1/16' }],
};
let clock = Date.parse('2026-01-01T00:00:00Z');

function ports(interfaces: NetInterface[] = [ETH0, DOCKER]): BasePorts {
  return fakeBasePorts(interfaces, () => clock);
}

/** Plays one Hikvision camera answering WS-Discovery and SADP to whoever probes on eth0. */
function camera(net: FakeUdpNetwork): void {
  net.onSend = (sent: Sent, socket: FakeSocket) => {
    if (socket.address !== '192.168.1.10') return;
    const from = { address: '192.168.1.64', port: sent.to.port };
    if (sent.to.port === 3702 && sent.text.includes('Probe')) {
      // Real cameras often answer twice.
      for (let i = 0; i < 2; i++) queueMicrotask(() => socket.deliver(fixtureText('hikvision-wsd-probematches.xml'), from));
    }
    if (sent.to.port === 37020) queueMicrotask(() => socket.deliver(fixtureText('hikvision-sadp-probematch.xml'), from));
  };
}

const services: DiscoveryService[] = [];
const dirs: Array<{ remove(): void }> = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  for (const d of dirs.splice(0)) d.remove();
});

function start(db: Database.Database, net = new FakeUdpNetwork(), p = ports()) {
  const events: Array<{ topic: Topic; payload: unknown }> = [];
  const emit = <T extends Topic>(topic: T, payload: EventPayload<T>) => void events.push({ topic, payload });
  // One probe round per protocol keeps the watch test's timeline simple.
  const svc = createDiscoveryService({ ports: p, net: fakeDiscoveryPorts(net), db, emit, schedule: { onvif: [0], sadp: [0], ssdp: [0], dhip: [0] } });
  services.push(svc);
  return { svc, h: svc.handlers, events, net };
}

function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

describe('discovery service', () => {
  it('scans the physical interfaces only, streams one merged device and reports progress', async () => {
    const net = new FakeUdpNetwork();
    camera(net);
    const { h, events } = start(memoryDb(), net);
    const result = await h.scan({ timeoutSec: 0.5, interfaces: [], protocols: [], scanId: 'scan-1' });
    expect(result.interfaces).toEqual(['eth0']);
    expect(result.warnings).toEqual([expect.stringMatching(/docker0 skipped \(container/)]);
    expect(net.sockets.some((s) => s.address === '172.17.0.1')).toBe(false);
    expect(result.devices).toHaveLength(1);
    expect(result.devices[0]).toMatchObject({ mac: '44:19:b6:12:34:56', protocols: ['onvif', 'sadp'], ips: ['192.168.1.64'], inSubnet: true, interfaces: ['eth0'], online: true });
    expect(result.cancelled).toBe(false);
    const device = events.filter((e) => e.topic === 'discovery.device');
    expect((device[0]!.payload as { change: string }).change).toBe('added');
    // Repeated probes and doubled replies never produce a second row.
    expect(device.every((e) => (e.payload as { device: { id: string } }).device.id === result.devices[0]!.id)).toBe(true);
    const phases = events.filter((e) => e.topic === 'discovery.progress').map((e) => (e.payload as { phase: string }).phase);
    expect(phases[0]).toBe('started');
    expect(phases.at(-1)).toBe('done');
    expect(events.some((e) => e.topic === 'discovery.presence' && (e.payload as { state: string }).state === 'online')).toBe(true);
    expect(net.sockets.every((s) => s.closed)).toBe(true);
  });

  it('probes only the chosen protocols and interfaces, and refuses unknown interface names', async () => {
    const net = new FakeUdpNetwork();
    const { h } = start(memoryDb(), net);
    await h.scan({ timeoutSec: 0.5, interfaces: ['docker0'], protocols: ['sadp'] });
    expect(new Set(net.sent.map((s) => `${s.from.address}:${s.to.port}`))).toEqual(new Set(['172.17.0.1:37020']));
    await expect(h.scan({ timeoutSec: 0.5, interfaces: ['wlan9'], protocols: [] })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('fails clearly when no interface can be probed', async () => {
    const { h } = start(memoryDb(), new FakeUdpNetwork(), ports([DOCKER]));
    await expect(h.scan({ timeoutSec: 0.5, interfaces: [], protocols: [] })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/--iface/) });
  });

  it('cancels a running scan by id', async () => {
    const net = new FakeUdpNetwork();
    camera(net);
    const { h } = start(memoryDb(), net);
    const running = h.scan({ timeoutSec: 60, interfaces: [], protocols: [], scanId: 'long' });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.cancel('long')).toEqual({ cancelled: 1 });
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.devices).toHaveLength(1);
    expect(h.cancel('long')).toEqual({ cancelled: 0 });
  });

  it('keeps the list, ids and first-seen times across restarts (SQLite file)', async () => {
    const dir = tempDir('fk-disc-svc-');
    dirs.push(dir);
    const file = join(dir.dir, 'fk.db');
    const db1 = new Database(file);
    migrate(db1);
    const net = new FakeUdpNetwork();
    camera(net);
    const first = start(db1, net);
    const found = (await first.h.scan({ timeoutSec: 0.5, interfaces: [], protocols: [] })).devices[0]!;
    await first.svc.close();
    services.splice(0);
    db1.close();

    const db2 = new Database(file);
    const second = start(db2);
    const listed = await second.h.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: found.id, firstSeen: found.firstSeen, mac: found.mac, online: false, protocols: ['onvif', 'sadp'] });
    expect(second.h.forget(found.id)).toEqual({ removed: 1 });
    await second.svc.close();
    services.splice(0);
    expect((db2.prepare('SELECT COUNT(*) AS n FROM discovery_devices').get() as { n: number }).n).toBe(0);
    db2.close();
  });

  it('watch: a device heard then silent goes offline; a Bye sends it offline at once', async () => {
    const net = new FakeUdpNetwork();
    camera(net);
    const { h, events } = start(memoryDb(), net);
    const state = await h.watch({ interfaces: [], protocols: ['onvif'], reprobeSec: 3600, offlineAfterSec: 2 });
    expect(state).toMatchObject({ running: true, interfaces: ['eth0'], offlineAfterSec: 2 });
    await new Promise((r) => setTimeout(r, 20));
    const online = events.find((e) => e.topic === 'discovery.presence')!.payload as { id: string; state: string; cause: string };
    expect(online).toMatchObject({ state: 'online', cause: 'reply' });
    clock += 3000;
    await new Promise((r) => setTimeout(r, 700));
    const offline = events.filter((e) => e.topic === 'discovery.presence').at(-1)!.payload;
    expect(offline).toMatchObject({ id: online.id, state: 'offline', cause: 'timeout' });

    // Back by Hello, gone by Bye: on the shared listener.
    const listener = net.listeners(3702)[0]!;
    listener.deliver(fixtureText('hello.xml'), { address: '192.168.1.64', port: 3702 });
    listener.deliver(fixtureText('bye.xml'), { address: '192.168.1.64', port: 3702 });
    const presence = events.filter((e) => e.topic === 'discovery.presence').slice(-2).map((e) => e.payload);
    expect(presence).toMatchObject([{ id: online.id, state: 'online', cause: 'hello' }, { id: online.id, state: 'offline', cause: 'bye' }]);
    expect(await h.unwatch()).toMatchObject({ running: false });
    expect(net.sockets.every((s) => s.closed)).toBe(true);
  });

  it('doctor: reports interfaces, VPN/virtual adapters, rp_filter and ports', async () => {
    const net = new FakeUdpNetwork();
    net.refuse.add(3702);
    const { h } = start(memoryDb(), net);
    const report = await h.doctor();
    expect(report.probeInterfaces).toEqual(['eth0']);
    const ids = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(ids).toMatchObject({ interfaces: 'ok', 'virtual-adapters': 'info', 'listen-ports': 'warn', firewall: 'ok', privileges: 'info' });
  });
});
