import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDhipDiscover, decodeDhipPackets, parseDhipDeviceInfo } from '../../src/discovery/protocols/dhip';
import { DiscoveryParseError } from '../../src/discovery/protocols/errors';
import { parseOnvifScopes } from '../../src/discovery/protocols/onvif-scopes';
import { buildSadpProbe, parseSadpMessage } from '../../src/discovery/protocols/sadp';
import { parseDeviceDescription } from '../../src/discovery/protocols/upnp-description';
import {
  buildProbe, buildResolve, NVT_TYPE, ONVIF_DEVICE_TYPE, parseWsdMessage, WSDP_NS,
} from '../../src/discovery/protocols/wsdiscovery';
import { startCameraSim, type CameraSim, type CameraSimInput } from '../sim/discovery/camera-sim';
import { loopbackClient, type LoopbackClient } from './sim-discovery-client';

// Loopback only: the simulator binds 127.0.0.1 with multicast off, probes are unicast to it.
const LOOPBACK: CameraSimInput = { ip: '127.0.0.1', multicast: false, ports: { wsd: 0, sadp: 0, dhip: 0 } };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function client(): Promise<LoopbackClient> {
  const c = await loopbackClient();
  cleanups.push(() => c.close());
  return c;
}
async function sim(input: CameraSimInput): Promise<CameraSim> {
  const s = await startCameraSim({ ...LOOPBACK, ...input });
  cleanups.push(() => s.stop());
  return s;
}

describe('camera simulator: WS-Discovery over loopback', () => {
  it('announces Hello, answers a Probe twice, and says Bye on stop', async () => {
    const c = await client();
    const s = await startCameraSim({
      ...LOOPBACK, protocols: ['wsd'], name: 'Gate Cam', model: 'DS-2CD2143G0-I', mac: '44:19:B6:AA:BB:CC',
      wsd: { replyTwice: true }, announceTo: [{ address: '127.0.0.1', port: c.port }],
    });
    const hello = parseWsdMessage(await c.next());
    expect(hello.kind).toBe('hello');
    expect(hello.matches[0]?.address).toBe(`urn:uuid:${s.config.uuid}`);

    const messageId = `urn:uuid:${randomUUID()}`;
    await c.send(buildProbe({ messageId, types: [NVT_TYPE] }), s.ports.wsd ?? 0);
    const replies = [await c.next(), await c.next()].map((b) => parseWsdMessage(b));
    for (const r of replies) {
      expect(r.kind).toBe('probeMatches');
      expect(r.relatesTo).toBe(messageId);
      expect(r.matches).toHaveLength(1);
      expect(r.matches[0]?.types).toEqual([NVT_TYPE, ONVIF_DEVICE_TYPE]);
      expect(r.matches[0]?.xaddrs).toEqual(['http://127.0.0.1/onvif/device_service']);
      expect(parseOnvifScopes(r.matches[0]?.scopes ?? [])).toMatchObject({ name: 'Gate Cam', hardware: 'DS-2CD2143G0-I', mac: '44:19:b6:aa:bb:cc' });
    }
    expect(replies[0]?.matches).toEqual(replies[1]?.matches);

    await s.stop();
    const bye = parseWsdMessage(await c.next());
    expect(bye.kind).toBe('bye');
    expect(bye.matches[0]?.address).toBe(`urn:uuid:${s.config.uuid}`);
  });

  it('ignores a Probe for types it does not advertise', async () => {
    const c = await client();
    const s = await sim({ protocols: ['wsd'] });
    await c.send(buildProbe({ messageId: randomUUID(), types: [{ ns: WSDP_NS, local: 'Device' }] }), s.ports.wsd ?? 0);
    expect(await c.collect(400)).toEqual([]);
  });

  it('omits XAddrs when told, and answers a Resolve with them', async () => {
    const c = await client();
    const s = await sim({ protocols: ['wsd'], wsd: { omitXAddrs: true } });
    await c.send(buildProbe({ messageId: randomUUID() }), s.ports.wsd ?? 0);
    const match = parseWsdMessage(await c.next()).matches[0];
    expect(match?.xaddrs).toEqual([]);
    const messageId = `urn:uuid:${randomUUID()}`;
    await c.send(buildResolve({ messageId, address: match?.address ?? '' }), s.ports.wsd ?? 0);
    const resolved = parseWsdMessage(await c.next());
    expect(resolved).toMatchObject({ kind: 'resolveMatches', relatesTo: messageId });
    expect(resolved.matches[0]?.xaddrs).toEqual(['http://127.0.0.1/onvif/device_service']);
  });

  it('survives garbage and keeps answering', async () => {
    const c = await client();
    const s = await sim({ protocols: ['wsd'] });
    await c.send(new Uint8Array([0, 1, 2, 3]), s.ports.wsd ?? 0);
    await c.send('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', s.ports.wsd ?? 0);
    await c.send(buildProbe({ messageId: randomUUID() }), s.ports.wsd ?? 0);
    expect(parseWsdMessage(await c.next()).kind).toBe('probeMatches');
  });
});

describe('camera simulator: SADP and DHIP over loopback', () => {
  it('answers a SADP inquiry with a ProbeMatch that parses to the configured camera', async () => {
    const c = await client();
    const s = await sim({ protocols: ['sadp'], mac: '44:19:B6:01:02:03', activated: false, dhcp: true, serial: 'SN123', firmware: 'V5.7.0' });
    const uuid = randomUUID();
    await c.send(buildSadpProbe(uuid), s.ports.sadp ?? 0);
    const msg = parseSadpMessage(await c.next());
    if (msg.kind !== 'probeMatch') throw new Error(`expected a probeMatch, got ${msg.kind}`);
    expect(msg.device).toMatchObject({
      uuid: uuid.toUpperCase(), mac: '44:19:b6:01:02:03', ipv4: '127.0.0.1', activated: false, dhcp: true,
      serial: 'SN123', firmware: 'V5.7.0', commandPort: 8000, httpPort: 80,
    });
  });

  it('answers DHDiscover.search with client.notifyDevInfo', async () => {
    const c = await client();
    const s = await sim({ protocols: ['dhip'], mac: '3c:ef:8c:12:34:56', model: 'IPC-HDW4431C-A', manufacturer: 'Dahua' });
    await c.send(buildDhipDiscover(), s.ports.dhip ?? 0);
    const [packet, ...rest] = decodeDhipPackets(await c.next());
    expect(rest).toEqual([]);
    expect(parseDhipDeviceInfo(packet?.json)).toMatchObject({
      mac: '3c:ef:8c:12:34:56', ipv4: '127.0.0.1', model: 'IPC-HDW4431C-A', vendor: 'Dahua', port: 37777,
    });
  });

  it('serves a UPnP description that parses (SSDP itself needs a namespace)', async () => {
    const s = await sim({ protocols: ['ssdp'], name: 'Hall', serial: 'SN9', uuid: '11111111-2222-4333-8444-555555555555' });
    const res = await fetch(s.location ?? '');
    const d = parseDeviceDescription(await res.text(), s.location);
    expect(d).toMatchObject({ friendlyName: 'Hall', serialNumber: 'SN9', udn: 'uuid:11111111-2222-4333-8444-555555555555', macAddress: '44:19:b6:12:34:56' });
  });
});

describe('camera simulator faults', () => {
  it('silent: receives but never answers', async () => {
    const c = await client();
    const s = await sim({ faults: { silent: true } });
    await c.send(buildProbe({ messageId: randomUUID() }), s.ports.wsd ?? 0);
    await c.send(buildSadpProbe(randomUUID()), s.ports.sadp ?? 0);
    await c.send(buildDhipDiscover(), s.ports.dhip ?? 0);
    expect(await c.collect(500)).toEqual([]);
  });

  it('malformed: replies fail to parse with a clear error', async () => {
    const c = await client();
    const s = await sim({ faults: { malformed: true } });
    await c.send(buildProbe({ messageId: randomUUID() }), s.ports.wsd ?? 0);
    const wsd = await c.next();
    expect(() => parseWsdMessage(wsd)).toThrow(DiscoveryParseError);
    expect(() => parseWsdMessage(wsd)).toThrow(/malformed XML/);
    await c.send(buildDhipDiscover(), s.ports.dhip ?? 0);
    const dhip = await c.next();
    expect(() => decodeDhipPackets(dhip)).toThrow(/exceeds/);
  });

  it('late: the reply comes after the configured delay', async () => {
    const c = await client();
    const s = await sim({ protocols: ['sadp'], faults: { lateMs: 600 } });
    const sent = Date.now();
    await c.send(buildSadpProbe(randomUUID()), s.ports.sadp ?? 0);
    expect(await c.collect(300)).toEqual([]);
    const reply = await c.next(3000);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(550);
    expect(parseSadpMessage(reply).kind).toBe('probeMatch');
  });

  it('duplicates: every reply is sent 1 + n times', async () => {
    const c = await client();
    const s = await sim({ protocols: ['dhip'], faults: { duplicates: 2 } });
    await c.send(buildDhipDiscover(), s.ports.dhip ?? 0);
    const replies = await c.collect(500);
    expect(replies).toHaveLength(3);
    expect(new Set(replies.map((r) => r.toString('hex'))).size).toBe(1);
  });
});

describe('camera simulator safety', () => {
  it('refuses multicast on loopback and in the root namespace', async () => {
    await expect(startCameraSim({ ...LOOPBACK, multicast: true })).rejects.toThrow(/multicast/);
    await expect(startCameraSim({ ...LOOPBACK, ip: '198.51.100.10', multicast: true })).rejects.toThrow(/root network namespace/);
    await expect(startCameraSim({ ...LOOPBACK, protocols: ['sadp'], sadpReplyTo: 'both' })).rejects.toThrow(/needs multicast/);
  });
});
