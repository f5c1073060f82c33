import { describe, expect, it } from 'vitest';
import { DescriptionCache } from '../../../src/discovery/description-cache';
import { DiscoveryEngine } from '../../../src/discovery/engine';
import { decodeDhipPackets, parseDhipDeviceInfo } from '../../../src/discovery/protocols/dhip';
import { DiscoveryParseError } from '../../../src/discovery/protocols/errors';
import { tryNormaliseMac } from '../../../src/discovery/protocols/mac';
import { parseOnvifScopes } from '../../../src/discovery/protocols/onvif-scopes';
import { parseSadpMessage } from '../../../src/discovery/protocols/sadp';
import { parseSsdpMessage } from '../../../src/discovery/protocols/ssdp';
import { parseDeviceDescription } from '../../../src/discovery/protocols/upnp-description';
import { parseWsdMessage } from '../../../src/discovery/protocols/wsdiscovery';
import { parseArpA, parseNetNeighborCsv, parseProcNetArp } from '../../../src/platform/node/neighbour-table';
import { parseProcNetRoute } from '../../../src/platform/node/net-diagnostics';
import { FakeHttp, FakeUdpNetwork } from './fake-net';
import { fixtureBytes } from './fixture';

// Deterministic fuzzing: a seeded PRNG mutates captured packets (bit flips, cuts, splices, random
// bytes, XML-ish noise). Every parser must return a value or throw its own clear error.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ['<', '>', '&', '&amp;', '&#0;', ']]>', '<!DOCTYPE x [<!ENTITY e "x">]>', '<!ENTITY a SYSTEM "file:///etc/passwd">', '\0', '\r\n', ':', '"', 'xmlns:s="', '</s:Body>', '\uFFFD', '\u202E', '%', '{', '}', '[', '"mac":', '\\u0000'];

function mutate(seed: Uint8Array, r: () => number): Uint8Array {
  const bytes = [...seed];
  const rounds = 1 + Math.floor(r() * 6);
  for (let i = 0; i < rounds; i++) {
    const at = Math.floor(r() * (bytes.length + 1));
    const op = Math.floor(r() * 7);
    if (op === 0 && bytes.length) bytes[at % bytes.length] = (bytes[at % bytes.length]! ^ (1 << Math.floor(r() * 8))) & 0xff;
    else if (op === 1) bytes.splice(at, Math.floor(r() * 64));
    else if (op === 2) bytes.splice(at, 0, ...bytes.slice(Math.floor(r() * bytes.length), Math.floor(r() * bytes.length)).slice(0, 256));
    else if (op === 3) bytes.splice(at, 0, ...Array.from({ length: Math.floor(r() * 32) }, () => Math.floor(r() * 256)));
    else if (op === 4) bytes.splice(at, 0, ...new TextEncoder().encode(NOISE[Math.floor(r() * NOISE.length)]!));
    else if (op === 5) bytes.length = Math.min(bytes.length, at);
    else bytes[at % Math.max(1, bytes.length)] = Math.floor(r() * 256);
  }
  return new Uint8Array(bytes);
}

function inputs(fixtures: string[], count: number, seed: number): Uint8Array[] {
  const r = rng(seed);
  const seeds = fixtures.map(fixtureBytes);
  const out: Uint8Array[] = [new Uint8Array(0), new Uint8Array([0]), ...seeds];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) out.push(new Uint8Array(Array.from({ length: Math.floor(r() * 512) }, () => Math.floor(r() * 256))));
    else out.push(mutate(seeds[i % seeds.length]!, r));
  }
  return out;
}

/** Runs `parse` on every input; anything thrown must be a DiscoveryParseError. */
function fuzz(parse: (input: Uint8Array) => unknown, fixtures: string[], seed: number): { ok: number; rejected: number } {
  let ok = 0;
  let rejected = 0;
  for (const input of inputs(fixtures, 1500, seed)) {
    try {
      parse(input);
      ok++;
    } catch (e) {
      if (!(e instanceof DiscoveryParseError)) throw new Error(`unexpected ${String(e)} for input ${Buffer.from(input).toString('base64')}`);
      expect(e.message.length).toBeGreaterThan(0);
      rejected++;
    }
  }
  return { ok, rejected };
}

const WSD = ['hikvision-wsd-probematches.xml', 'axis-wsd-probematches.xml', 'generic-wsd-probematches-default-ns.xml', 'hello.xml', 'bye.xml', 'wsdd-probematches.xml'];
const SSDP = ['camera-ssdp-response-nospace.txt', 'lowercase-lf-response.txt', 'minidlna-notify-alive.txt', 'minidlna-notify-byebye.txt'];
const SADP = ['hikvision-sadp-probematch.xml', 'hikvision-sadp-inactive.xml'];
const DHIP = ['dahua-dhip-reply.bin', 'dahua-dhip-search.bin'];
const UPNP = ['hikvision-rootdesc.xml', 'minidlna-rootdesc.xml'];

describe('fuzzing the discovery parsers', () => {
  it('WS-Discovery: only DiscoveryParseError, and some mutants still parse', () => {
    const r = fuzz((b) => parseWsdMessage(b), WSD, 1);
    expect(r.ok).toBeGreaterThan(0);
    expect(r.rejected).toBeGreaterThan(0);
  });
  it('SSDP', () => {
    expect(fuzz((b) => parseSsdpMessage(b), SSDP, 2).rejected).toBeGreaterThan(0);
  });
  it('SADP', () => {
    expect(fuzz((b) => parseSadpMessage(b), SADP, 3).rejected).toBeGreaterThan(0);
  });
  it('DHIP framing and device info', () => {
    const r = fuzz((b) => decodeDhipPackets(b).map((p) => (p.body.includes('notifyDevInfo') ? parseDhipDeviceInfo(p.json) : p)), DHIP, 4);
    expect(r.rejected).toBeGreaterThan(0);
    expect(r.ok).toBeGreaterThan(0);
  });
  it('UPnP description', () => {
    expect(fuzz((b) => parseDeviceDescription(b, 'http://192.168.1.64:49152/rootDesc.xml'), UPNP, 5).rejected).toBeGreaterThan(0);
  });
  it('ONVIF scopes and MAC spellings never throw', () => {
    const r = rng(6);
    for (const input of inputs(WSD, 500, 6)) {
      const text = new TextDecoder().decode(input);
      expect(() => parseOnvifScopes(text.split(/\s+/))).not.toThrow();
      expect(() => tryNormaliseMac(text.slice(Math.floor(r() * 40), Math.floor(r() * 80)))).not.toThrow();
    }
  });
  it('OS table readers never throw and only return well-formed entries', () => {
    const seeds = ['IP address HW type Flags HW address Mask Device\n10.0.0.1 0x1 0x2 aa:bb:cc:dd:ee:ff * eth0\n', '"IPAddress","LinkLayerAddress"\n"10.0.0.1","AA-BB-CC-DD-EE-FF"\n', 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth0\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\n'];
    const r = rng(7);
    for (let i = 0; i < 1500; i++) {
      const text = new TextDecoder().decode(mutate(new TextEncoder().encode(seeds[i % 3]!), r));
      for (const e of [...parseProcNetArp(text), ...parseArpA(text), ...parseNetNeighborCsv(text)]) {
        expect(e.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
        expect(e.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      }
      for (const route of parseProcNetRoute(text)) expect(Number.isInteger(route.mask)).toBe(true);
    }
  });
  it('the engine survives every mutant on every socket and counts what it could not read', async () => {
    const net = new FakeUdpNetwork();
    let observed = 0;
    const engine = await DiscoveryEngine.open(
      { udp: net, descriptions: new DescriptionCache(new FakeHttp(), () => 0), now: () => 0, logger: { debug() {}, info() {}, warn() {}, error() {} } },
      { interfaces: [{ name: 'eth0', address: '192.168.1.10', prefix: 24 }], protocols: ['onvif', 'ssdp', 'sadp', 'dhip'], onObservation: () => observed++ },
    );
    const byPort: Array<[number, string[]]> = [[3702, WSD], [1900, SSDP], [37020, SADP], [37810, DHIP]];
    let delivered = 0;
    for (const [port, fixtures] of byPort) {
      for (const input of inputs(fixtures, 300, port)) {
        expect(() => net.listeners(port)[0]!.deliver(input, { address: '192.168.1.64', port })).not.toThrow();
        delivered++;
      }
    }
    expect(engine.stats.malformed).toBeGreaterThan(0);
    expect(engine.stats.malformed + engine.stats.received).toBeLessThanOrEqual(delivered);
    expect(observed).toBeGreaterThan(0);
    await engine.close();
    await new Promise((r) => setTimeout(r, 10));
  });
});
