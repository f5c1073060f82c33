import { describe, expect, it } from 'vitest';
import { DiscoveryParseError } from '../../../src/discovery/protocols/errors';
import { parseDeviceDescription } from '../../../src/discovery/protocols/upnp-description';
import { fixtureBytes, fixtureText } from './fixture';

describe('parseDeviceDescription', () => {
  it('reads a camera description with a vendor MAC and a relative presentationURL', () => {
    expect(parseDeviceDescription(fixtureBytes('hikvision-rootdesc.xml'))).toEqual({
      deviceType: 'urn:schemas-upnp-org:device:Basic:1',
      friendlyName: 'DS-2CD2143G0-I - 12345678',
      manufacturer: 'Hikvision',
      modelName: 'DS-2CD2143G0-I',
      modelNumber: 'DS-2CD2143G0-I',
      modelDescription: 'Hikvision IP Camera',
      serialNumber: 'DS-2CD2143G0-I20190101AAWRC12345678',
      udn: 'uuid:54575be6-1dd2-11b2-8a2b-4419b6123456',
      presentationURL: 'http://192.168.1.64:49152/doc/page/login.asp',
      macAddress: '44:19:b6:12:34:56',
    });
  });

  it('reads a captured minidlna description without a MAC', () => {
    const d = parseDeviceDescription(fixtureText('minidlna-rootdesc.xml'), 'http://198.51.100.21:8200/rootDesc.xml');
    expect(d.friendlyName).toBe('fk-media');
    expect(d.modelName).toBe('Windows Media Connect compatible (MiniDLNA)');
    expect(d.udn).toBe('uuid:4d696e69-444c-164e-9d41-020000010002');
    expect(d.presentationURL).toBe('http://198.51.100.21:8200/');
    expect(d.macAddress).toBeUndefined();
  });

  it('resolves a relative presentationURL against the LOCATION when there is no URLBase', () => {
    const xml = '<root xmlns="urn:schemas-upnp-org:device-1-0"><device><UDN>uuid:1</UDN><presentationURL>/ui</presentationURL></device></root>';
    expect(parseDeviceDescription(xml, 'http://198.51.100.9:49152/desc.xml').presentationURL).toBe('http://198.51.100.9:49152/ui');
    expect(parseDeviceDescription(xml).presentationURL).toBe('/ui');
  });

  it('accepts a namespace-less description but not a foreign namespace', () => {
    expect(parseDeviceDescription('<root><device><friendlyName>X</friendlyName></device></root>').friendlyName).toBe('X');
    expect(() => parseDeviceDescription('<root xmlns="urn:other"><device><friendlyName>X</friendlyName></device></root>')).toThrow(/expected a UPnP <root>/);
  });

  it.each([
    ['XXE', '<!DOCTYPE root [<!ENTITY x SYSTEM "file:///etc/passwd">]><root xmlns="urn:schemas-upnp-org:device-1-0"><device><friendlyName>&x;</friendlyName></device></root>'],
    ['truncated', fixtureText('hikvision-rootdesc.xml').slice(0, 400)],
    ['no device', '<root xmlns="urn:schemas-upnp-org:device-1-0"/>'],
    ['empty device', '<root xmlns="urn:schemas-upnp-org:device-1-0"><device/></root>'],
    ['html', '<html><body>login</body></html>'],
  ])('refuses %s', (_name, xml) => {
    expect(() => parseDeviceDescription(xml)).toThrow(DiscoveryParseError);
  });
});
