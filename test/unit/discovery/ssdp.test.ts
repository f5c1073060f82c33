import { describe, expect, it } from 'vitest';
import { DiscoveryParseError } from '../../../src/discovery/protocols/errors';
import { buildMSearch, parseSsdpMessage, udnFromUsn } from '../../../src/discovery/protocols/ssdp';
import { fixtureBytes, fixtureText } from './fixture';

describe('parseSsdpMessage', () => {
  it('reads a captured minidlna NOTIFY alive (no space after colons)', () => {
    const msg = parseSsdpMessage(fixtureBytes('minidlna-notify-alive.txt'));
    expect(msg).toMatchObject({
      kind: 'alive',
      location: 'http://198.51.100.21:8200/rootDesc.xml',
      nt: 'upnp:rootdevice',
      nts: 'ssdp:alive',
      usn: 'uuid:4d696e69-444c-164e-9d41-020000010002::upnp:rootdevice',
      udn: 'uuid:4d696e69-444c-164e-9d41-020000010002',
      server: 'Debian DLNADOC/1.50 UPnP/1.0 MiniDLNA/1.3.0',
      maxAge: 14,
    });
    expect(msg.headers.host).toBe('239.255.255.250:1900');
  });

  it('reads a captured NOTIFY byebye without LOCATION', () => {
    const msg = parseSsdpMessage(fixtureText('minidlna-notify-byebye.txt'));
    expect(msg.kind).toBe('byebye');
    expect(msg.location).toBeUndefined();
    expect(msg.udn).toBe('uuid:4d696e69-444c-164e-9d41-020000010002');
  });

  it('reads a camera M-SEARCH response without spaces and with an empty EXT', () => {
    const msg = parseSsdpMessage(fixtureText('camera-ssdp-response-nospace.txt'));
    expect(msg).toMatchObject({
      kind: 'response', st: 'upnp:rootdevice', maxAge: 1800,
      location: 'http://192.168.1.64:49152/rootDesc.xml',
      server: 'Linux/3.0, UPnP/1.0, Portable SDK for UPnP devices/1.6.6',
      udn: 'uuid:54575be6-1dd2-11b2-8a2b-4419b6123456',
    });
    expect(msg.headers.ext).toBe('');
    expect(msg.headers['x-user-agent']).toBe('redsonic');
  });

  it('reads lowercase headers, LF line endings and spaces around max-age', () => {
    const msg = parseSsdpMessage(fixtureText('lowercase-lf-response.txt'));
    expect(msg.maxAge).toBe(120);
    expect(msg.server).toBe('FreeRTOS/7.4.2 UPnP/1.0 IpBridge/1.19.0');
    expect(msg.headers['hue-bridgeid']).toBe('001788FFFE12ABCD');
  });

  it('recognises another client M-SEARCH and parses what buildMSearch makes', () => {
    const msg = parseSsdpMessage(buildMSearch('ssdp:all', 3));
    expect(msg.kind).toBe('search');
    expect(msg.headers).toMatchObject({ man: '"ssdp:discover"', mx: '3', st: 'ssdp:all', host: '239.255.255.250:1900' });
  });

  it('keeps the first of repeated headers and joins folded lines', () => {
    const msg = parseSsdpMessage('HTTP/1.1 200 OK\r\nST: a\r\nst: b\r\nSERVER: one\r\n two\r\nUSN: uuid:x\r\n\r\n');
    expect(msg.st).toBe('a');
    expect(msg.server).toBe('one two');
  });

  it.each([
    ['garbage', 'hello world'],
    ['HTTP error', 'HTTP/1.1 404 Not Found\r\nST: x\r\n\r\n'],
    ['NOTIFY without NTS', 'NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\n\r\n'],
    ['unknown NTS', 'NOTIFY * HTTP/1.1\r\nNTS: ssdp:dance\r\n\r\n'],
    ['response without USN or ST', 'HTTP/1.1 200 OK\r\nLOCATION: http://x/\r\n\r\n'],
    ['empty', ''],
    ['oversized', `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(20000)}\r\n\r\n`],
  ])('refuses %s with a DiscoveryParseError', (_name, input) => {
    expect(() => parseSsdpMessage(input)).toThrow(DiscoveryParseError);
  });
});

describe('buildMSearch', () => {
  it('emits the exact M-SEARCH with CRLFs and quoted MAN', () => {
    expect(buildMSearch('upnp:rootdevice', 2)).toBe(
      'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\nST: upnp:rootdevice\r\n\r\n',
    );
    expect(buildMSearch('ssdp:all', 1, '198.51.100.10:1900')).toContain('HOST: 198.51.100.10:1900\r\n');
  });

  it('refuses header injection and out-of-range MX', () => {
    expect(() => buildMSearch('ssdp:all\r\nX-Evil: 1')).toThrow(RangeError);
    expect(() => buildMSearch('ssdp:all', 0)).toThrow(RangeError);
    expect(() => buildMSearch('ssdp:all', 6)).toThrow(RangeError);
    expect(() => buildMSearch('ssdp:all', 2, 'a\r\nb')).toThrow(RangeError);
  });
});

describe('udnFromUsn', () => {
  it('takes the uuid part of a USN', () => {
    expect(udnFromUsn('uuid:abc::upnp:rootdevice')).toBe('uuid:abc');
    expect(udnFromUsn('uuid:abc')).toBe('uuid:abc');
    expect(udnFromUsn('urn:x::y')).toBeUndefined();
  });
});
