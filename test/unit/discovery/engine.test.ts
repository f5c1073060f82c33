import { describe, expect, it } from 'vitest';
import { DescriptionCache } from '../../../src/discovery/description-cache';
import { DiscoveryEngine, type ProbeInterface } from '../../../src/discovery/engine';
import type { Observation } from '../../../src/discovery/observation';
import { FakeHttp, FakeUdpNetwork } from './fake-net';
import { fixtureBytes, fixtureText } from './fixture';

const IFACES: ProbeInterface[] = [
  { name: 'eth0', address: '192.168.1.10', prefix: 24 },
  { name: 'eth1', address: '10.0.0.10', prefix: 24 },
];
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function open(net = new FakeUdpNetwork(), http = new FakeHttp()) {
  const seen: Observation[] = [];
  const engine = await DiscoveryEngine.open(
    { udp: net, descriptions: new DescriptionCache(http, () => 0), now: () => 1000, logger: quiet },
    { interfaces: IFACES, protocols: ['onvif', 'ssdp', 'sadp', 'dhip'], onObservation: (o) => seen.push(o) },
  );
  return { engine, net, http, seen };
}

/** The per-interface socket of a protocol: sockets bind in protocol order, interfaces within. */
function ifaceSocket(net: FakeUdpNetwork, iface: ProbeInterface, proto: number) {
  return net.sockets.filter((s) => s.address === iface.address)[proto]!;
}
const ONVIF = 0;
const SSDP = 1;

describe('DiscoveryEngine', () => {
  it('binds one socket per protocol per interface plus shared listeners joined on every interface', async () => {
    const { net, engine } = await open();
    expect(net.sockets.filter((s) => s.address === '192.168.1.10')).toHaveLength(4);
    expect(net.sockets.filter((s) => s.address === '10.0.0.10').every((s) => s.multicastInterface === '10.0.0.10')).toBe(true);
    expect(net.listeners(3702)[0]!.memberships).toEqual([{ group: '239.255.255.250', iface: '192.168.1.10' }, { group: '239.255.255.250', iface: '10.0.0.10' }]);
    expect(net.listeners(37810)[0]!.memberships[0]!.group).toBe('239.255.255.251');
    expect(net.listeners(1900)).toHaveLength(1);
    expect(net.listeners(37020)).toHaveLength(1);
    await engine.close();
    expect(net.sockets.every((s) => s.closed)).toBe(true);
  });

  it('sends every probe out of every interface to its group', async () => {
    const { net, engine } = await open();
    await engine.probe();
    const out = net.sent.map((s) => `${s.from.address}>${s.to.address}:${s.to.port}`).sort();
    expect(out).toEqual([
      '10.0.0.10>239.255.255.250:1900', '10.0.0.10>239.255.255.250:3702', '10.0.0.10>239.255.255.250:37020', '10.0.0.10>239.255.255.251:37810',
      '192.168.1.10>239.255.255.250:1900', '192.168.1.10>239.255.255.250:3702', '192.168.1.10>239.255.255.250:37020', '192.168.1.10>239.255.255.251:37810',
    ]);
    expect(net.sent.find((s) => s.to.port === 3702)!.text).toContain('NetworkVideoTransmitter');
    expect(engine.stats.sent).toBe(8);
  });

  it('turns a ProbeMatch into an observation on the interface it arrived on, whatever the sender subnet', async () => {
    const { net, engine, seen } = await open();
    ifaceSocket(net, IFACES[1]!, ONVIF).deliver(fixtureBytes('hikvision-wsd-probematches.xml'), { address: '192.168.1.64', port: 3702 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      protocol: 'onvif', cause: 'reply', ip: '192.168.1.64', iface: 'eth1', mac: '44:19:b6:12:34:56',
      endpoint: 'urn:uuid:54575be6-1dd2-11b2-8a2b-4419b6123456',
    });
    expect(seen[0]!.fields.xaddrs).toContain('http://192.168.1.64/onvif/device_service');
    expect(engine.stats.received).toBe(1);
  });

  it('does not list wsdd (a WS-Discovery host that is not a camera) and counts garbage as malformed', async () => {
    const { net, engine, seen } = await open();
    const s = ifaceSocket(net, IFACES[0]!, ONVIF);
    s.deliver(fixtureBytes('wsdd-probematches.xml'), { address: '192.168.1.30', port: 3702 });
    s.deliver('<s:Envelope', { address: '192.168.1.31', port: 3702 });
    s.deliver('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', { address: '192.168.1.31', port: 3702 });
    net.listeners(37810)[0]!.deliver(new Uint8Array([0x20, 0, 0, 0, 1, 2, 3]), { address: '192.168.1.32', port: 37810 });
    expect(seen).toEqual([]);
    expect(engine.stats.malformed).toBe(3);
  });

  it('ignores its own probes looped back on the listeners', async () => {
    const { net, engine, seen } = await open();
    await engine.probe();
    for (const sent of net.sent) for (const l of net.listeners(sent.to.port)) l.deliver(sent.bytes, sent.from);
    expect(seen).toEqual([]);
    expect(engine.stats.malformed).toBe(0);
  });

  it('attributes a multicast SADP reply from a foreign subnet to the interface whose probe it echoes', async () => {
    const { net, engine, seen } = await open();
    await engine.probe(['sadp']);
    const eth1Probe = net.sent.find((s) => s.from.address === '10.0.0.10' && s.to.port === 37020)!;
    const uuid = /<Uuid>([^<]+)<\/Uuid>/.exec(eth1Probe.text)![1]!;
    const reply = fixtureText('hikvision-sadp-probematch.xml').replace(/<Uuid>[^<]*<\/Uuid>/, `<Uuid>${uuid}</Uuid>`);
    // Both senders are on neither interface's subnet (the camera's own subnet is foreign too).
    net.listeners(37020)[0]!.deliver(reply.replace(/192\.168\.1\.64/g, '172.16.0.5'), { address: '172.16.0.5', port: 37020 });
    net.listeners(37020)[0]!.deliver(fixtureText('hikvision-sadp-probematch.xml').replace(/192\.168\.1\.64/g, '172.16.0.6'), { address: '172.16.0.6', port: 37020 });
    expect(seen.map((o) => [o.protocol, o.ip, o.iface, o.mac])).toEqual([
      ['sadp', '172.16.0.5', 'eth1', '44:19:b6:12:34:56'],
      ['sadp', '172.16.0.6', null, '44:19:b6:12:34:56'],
    ]);
  });

  it('reads DHIP replies', async () => {
    const { net, seen } = await open();
    ifaceSocket(net, IFACES[0]!, 3).deliver(fixtureBytes('dahua-dhip-reply.bin'), { address: '192.168.1.108', port: 37810 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ protocol: 'dhip', iface: 'eth0' });
    expect(seen[0]!.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
  });

  it('fetches an SSDP description once, and only from the address that answered', async () => {
    const http = new FakeHttp({ 'http://192.168.1.64:49152/rootDesc.xml': fixtureText('hikvision-rootdesc.xml') });
    const { net, engine, seen } = await open(undefined, http);
    const s = ifaceSocket(net, IFACES[0]!, SSDP);
    const response = fixtureText('camera-ssdp-response-nospace.txt');
    s.deliver(response, { address: '192.168.1.64', port: 1900 });
    s.deliver(response, { address: '192.168.1.64', port: 1900 });
    await tick();
    expect(http.requested).toEqual(['http://192.168.1.64:49152/rootDesc.xml']);
    expect(seen.map((o) => o.cause)).toEqual(['reply', 'reply', 'description']);
    expect(seen[2]).toMatchObject({ udn: 'uuid:54575be6-1dd2-11b2-8a2b-4419b6123456', fields: { serial: 'DS-2CD2143G0-I20190101AAWRC12345678' } });
    // Same LOCATION heard from another host: never fetched from a stranger's say-so.
    const other = response.replace(/54575be6/g, '99999999').replace('192.168.1.64:49152', '192.168.1.50:1');
    s.deliver(other, { address: '192.168.1.99', port: 1900 });
    await tick();
    expect(http.requested).toHaveLength(1);
    expect(engine.stats.descriptionErrors).toBe(1);
  });

  it('sends a Resolve when a ProbeMatch comes without XAddrs', async () => {
    const { net, seen } = await open();
    const noXaddrs = fixtureText('hikvision-wsd-probematches.xml').replace(/<[^>]*XAddrs>[^<]*<\/[^>]*XAddrs>/, '');
    ifaceSocket(net, IFACES[0]!, ONVIF).deliver(noXaddrs, { address: '192.168.1.64', port: 3702 });
    expect(seen).toHaveLength(1);
    const resolve = net.sent.find((s) => s.text.includes('Resolve'))!;
    expect(resolve.to).toEqual({ address: '192.168.1.64', port: 3702 });
    expect(resolve.from.address).toBe('192.168.1.10');
  });

  it('keeps going when a well-known port is taken, with a warning', async () => {
    const net = new FakeUdpNetwork();
    net.refuse.add(1900);
    const { engine } = await open(net);
    expect(engine.warnings).toEqual([expect.stringMatching(/ssdp listener on UDP 1900: bind EADDRINUSE/)]);
    await engine.probe();
    expect(net.sent).toHaveLength(8);
  });

  it('ignores SADP and SSDP searches from other tools', async () => {
    const { net, seen, engine } = await open();
    net.listeners(1900)[0]!.deliver('M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n', { address: '192.168.1.77', port: 5000 });
    expect(seen).toEqual([]);
    expect(engine.stats.malformed).toBe(0);
  });
});
