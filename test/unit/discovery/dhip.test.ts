import { describe, expect, it } from 'vitest';
import {
  buildDhipDiscover, decodeDhipPackets, dhipMethod, encodeDhipPacket, parseDhipDeviceInfo,
} from '../../../src/discovery/protocols/dhip';
import { DiscoveryParseError } from '../../../src/discovery/protocols/errors';
import { fixtureBytes } from './fixture';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('DHIP framing', () => {
  it('builds the discover packet exactly as the captured search', () => {
    expect(hex(buildDhipDiscover())).toBe(hex(fixtureBytes('dahua-dhip-search.bin')));
    expect(hex(buildDhipDiscover().subarray(0, 32))).toBe(
      '20000000' + '44484950' + '00000000' + '00000000' + '3a000000' + '00000000' + '3a000000' + '00000000',
    );
  });

  it('round-trips any JSON body', () => {
    const [p] = decodeDhipPackets(encodeDhipPacket({ method: 'x', params: { s: 'é' } }));
    expect(p?.json).toEqual({ method: 'x', params: { s: 'é' } });
  });

  it('decodes two packets back to back', () => {
    const a = encodeDhipPacket({ n: 1 });
    const b = encodeDhipPacket({ n: 2 });
    const both = new Uint8Array([...a, ...b]);
    expect(decodeDhipPackets(both).map((p) => p.json)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('decodes from a subarray view without reading outside it', () => {
    const packet = encodeDhipPacket({ ok: true });
    const framed = new Uint8Array([0xaa, ...packet, 0xbb]);
    expect(decodeDhipPackets(framed.subarray(1, 1 + packet.length))[0]?.json).toEqual({ ok: true });
  });

  const reply = fixtureBytes('dahua-dhip-reply.bin');
  const withLength = (bytes: Uint8Array, offset: number, value: number): Uint8Array => {
    const copy = bytes.slice();
    new DataView(copy.buffer).setUint32(offset, value, true);
    return copy;
  };

  it.each([
    ['empty', new Uint8Array(0), /empty/],
    ['short header', reply.subarray(0, 20), /truncated header/],
    ['truncated body', reply.subarray(0, reply.length - 10), /exceeds/],
    ['lying lengths', withLength(reply, 16, 0xffffffff), /disagree/],
    ['both lengths lying', withLength(withLength(reply, 16, 0x7fffffff), 24, 0x7fffffff), /exceeds/],
    ['bad magic', withLength(reply, 4, 0x50494844 + 1), /no DHIP header/],
    ['bad header length', withLength(reply, 0, 0x21), /no DHIP header/],
    ['trailing junk', new Uint8Array([...reply, 1, 2, 3]), /truncated header/],
    ['non-JSON body', encodeDhipPacket('{"method":'), /not JSON/],
  ])('refuses %s', (_name, bytes, message) => {
    expect(() => decodeDhipPackets(bytes)).toThrow(DiscoveryParseError);
    expect(() => decodeDhipPackets(bytes)).toThrow(message);
  });
});

describe('parseDhipDeviceInfo', () => {
  it('normalises a captured-style Dahua reply', () => {
    const [packet] = decodeDhipPackets(fixtureBytes('dahua-dhip-reply.bin'));
    expect(dhipMethod(packet?.json)).toBe('client.notifyDevInfo');
    expect(parseDhipDeviceInfo(packet?.json)).toEqual({
      mac: '3c:ef:8c:12:34:56',
      ipv4: '192.168.1.108',
      subnetMask: '255.255.255.0',
      gateway: '192.168.1.1',
      dhcp: false,
      model: 'IPC-HDW4431C-A',
      deviceClass: 'IPC',
      serial: '4L0F2B1PAJ12345',
      firmware: '2.800.0000000.16.R',
      name: '4L0F2B1PAJ12345',
      vendor: 'Dahua',
      httpPort: 80,
      httpsPort: 443,
      port: 37777,
    });
  });

  it('accepts JSON text and a Mac inside deviceInfo', () => {
    const text = JSON.stringify({ method: 'client.notifyDevInfo', params: { deviceInfo: { Mac: '3C-EF-8C-00-00-01', IPv4Address: { IPAddress: '10.1.2.3' } } } });
    expect(parseDhipDeviceInfo(text)).toEqual({ mac: '3c:ef:8c:00:00:01', ipv4: '10.1.2.3' });
  });

  it.each([
    ['our own search', { method: 'DHDiscover.search', params: { mac: '', uni: 1 } }, /expected client.notifyDevInfo/],
    ['no deviceInfo', { method: 'client.notifyDevInfo', params: {} }, /without params.deviceInfo/],
    ['no MAC', { method: 'client.notifyDevInfo', params: { deviceInfo: { IPv4Address: { IPAddress: '10.1.2.3' } } } }, /no valid Mac/],
    ['no IP', { mac: '3c:ef:8c:00:00:01', method: 'client.notifyDevInfo', params: { deviceInfo: {} } }, /IPv4Address/],
    ['bad JSON text', '{nope', /not JSON/],
    ['an array', [1, 2], /no method/],
    ['null', null, /no method/],
  ])('refuses %s', (_name, json, message) => {
    expect(() => parseDhipDeviceInfo(json)).toThrow(DiscoveryParseError);
    expect(() => parseDhipDeviceInfo(json)).toThrow(message);
  });
});
