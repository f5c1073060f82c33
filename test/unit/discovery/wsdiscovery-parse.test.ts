import { describe, expect, it } from 'vitest';
import { DiscoveryParseError } from '../../../src/discovery/protocols/errors';
import { parseOnvifScopes } from '../../../src/discovery/protocols/onvif-scopes';
import {
  NVT_TYPE, ONVIF_DEVICE_TYPE, parseWsdMessage, typesMatch, WSDP_NS,
} from '../../../src/discovery/protocols/wsdiscovery';
import { fixtureBytes, fixtureText } from './fixture';

const PROBE_ID = 'urn:uuid:0a6dc791-2c8a-4e3b-9f5d-1c2e3f405162';

describe('parseWsdMessage on captured-style ProbeMatches', () => {
  it('reads a Hikvision reply (env:/wsadis: prefixes, wsa bound to another namespace)', () => {
    const msg = parseWsdMessage(fixtureBytes('hikvision-wsd-probematches.xml'));
    expect(msg.kind).toBe('probeMatches');
    expect(msg.relatesTo).toBe(PROBE_ID);
    expect(msg.messageId).toBe('urn:uuid:b1a3f2c4-1dd2-11b2-8a2b-4419b6123456');
    expect(msg.matches).toHaveLength(1);
    const [m] = msg.matches;
    expect(m?.address).toBe('urn:uuid:54575be6-1dd2-11b2-8a2b-4419b6123456');
    expect(m?.types).toEqual([NVT_TYPE, ONVIF_DEVICE_TYPE]);
    expect(m?.xaddrs).toEqual(['http://192.168.1.64/onvif/device_service', 'http://[fe80::4619:b6ff:fe12:3456]/onvif/device_service']);
    expect(m?.metadataVersion).toBe(10);
    expect(parseOnvifScopes(m?.scopes ?? [])).toEqual({
      name: 'HIKVISION DS-2CD2143G0-I',
      hardware: 'DS-2CD2143G0-I',
      locations: ['city/hangzhou'],
      mac: '44:19:b6:12:34:56',
      profiles: ['Streaming', 'G', 'T'],
      types: ['video_encoder'],
      other: [],
    });
  });

  it('reads an Axis reply (SOAP-ENV:/wsdd:/tdn: prefixes)', () => {
    const msg = parseWsdMessage(fixtureText('axis-wsd-probematches.xml'));
    expect(msg.relatesTo).toBe(PROBE_ID);
    const m = msg.matches[0];
    expect(m?.types).toEqual([NVT_TYPE]);
    expect(m?.address).toBe('urn:uuid:Axis-accc8e0a1b2c');
    const scopes = parseOnvifScopes(m?.scopes ?? []);
    expect(scopes.name).toBe('AXIS M3045-V');
    expect(scopes.hardware).toBe('M3045-V');
    expect(scopes.locations).toEqual(['', 'country/sweden']);
    expect(scopes.mac).toBeUndefined();
  });

  it('reads default namespaces, no XAddrs, and an undeclared dn: prefix in Types', () => {
    const msg = parseWsdMessage(fixtureText('generic-wsd-probematches-default-ns.xml'));
    const m = msg.matches[0];
    expect(m?.xaddrs).toEqual([]);
    expect(m?.types).toEqual([NVT_TYPE]);
    expect(parseOnvifScopes(m?.scopes ?? []).locations).toEqual(['Floor 1']);
  });

  it('resolves an undeclared prefix only from the known list', () => {
    const xml = fixtureText('generic-wsd-probematches-default-ns.xml').replace('dn:NetworkVideoTransmitter', 'constructor:X dn:NetworkVideoTransmitter');
    expect(parseWsdMessage(xml).matches[0]?.types).toEqual([{ ns: '', local: 'X' }, NVT_TYPE]);
  });

  it('keeps a captured non-camera (wsdd) reply recognisable as such by its types', () => {
    const msg = parseWsdMessage(fixtureText('wsdd-probematches.xml'));
    expect(msg.relatesTo).toBe('urn:uuid:3e4c96c1-c9d6-47ff-96a2-2cedc70edc3e');
    const m = msg.matches[0];
    expect(m?.address).toBe('urn:uuid:e5e61fb5-d685-5b50-9ba7-acb6e6962ef3');
    expect(m?.types).toEqual([
      { ns: WSDP_NS, local: 'Device' },
      { ns: 'http://schemas.microsoft.com/windows/pub/2005/07', local: 'Computer' },
    ]);
    expect(typesMatch([NVT_TYPE], m?.types ?? [])).toBe(false);
    expect(m?.xaddrs).toEqual([]);
    expect(m?.scopes).toEqual([]);
  });
});

describe('parseWsdMessage on Hello and Bye', () => {
  it('reads Hello as one match', () => {
    const msg = parseWsdMessage(fixtureText('hello.xml'));
    expect(msg.kind).toBe('hello');
    expect(msg.matches).toEqual([{
      address: 'urn:uuid:54575be6-1dd2-11b2-8a2b-4419b6123456',
      types: [NVT_TYPE],
      scopes: ['onvif://www.onvif.org/name/Gate'],
      xaddrs: ['http://198.51.100.10/onvif/device_service'],
      metadataVersion: 2,
    }]);
  });

  it('reads Bye with only an address', () => {
    const msg = parseWsdMessage(fixtureText('bye.xml'));
    expect(msg.kind).toBe('bye');
    expect(msg.matches[0]).toEqual({ address: 'urn:uuid:54575be6-1dd2-11b2-8a2b-4419b6123456', types: [], scopes: [], xaddrs: [] });
  });
});

describe('parseWsdMessage refuses what is not WS-Discovery', () => {
  it.each([
    ['truncated', fixtureText('axis-wsd-probematches.xml').slice(0, 700), /truncated/],
    ['hostile', '<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e>&x;</e>', /DOCTYPE/],
    ['not SOAP', '<root/>', /expected a SOAP Envelope/],
    ['empty body', '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>', /no WS-Discovery message/],
    ['wrong discovery namespace', '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><d:ProbeMatches xmlns:d="urn:fake"/></s:Body></s:Envelope>', /no WS-Discovery message/],
    ['prototype name as body', '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><d:toString xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"/></s:Body></s:Envelope>', /no WS-Discovery message/],
    ['binary garbage', new Uint8Array([0, 1, 2, 0xff, 0xfe]), /wsdiscovery:/],
  ])('%s', (_name, input, message) => {
    expect(() => parseWsdMessage(input)).toThrow(DiscoveryParseError);
    expect(() => parseWsdMessage(input)).toThrow(message);
  });
});

describe('typesMatch', () => {
  it('needs every probed type advertised, compared by namespace', () => {
    expect(typesMatch([NVT_TYPE], [ONVIF_DEVICE_TYPE, NVT_TYPE])).toBe(true);
    expect(typesMatch([NVT_TYPE, ONVIF_DEVICE_TYPE], [NVT_TYPE])).toBe(false);
    expect(typesMatch([{ ns: 'urn:other', local: 'NetworkVideoTransmitter' }], [NVT_TYPE])).toBe(false);
    expect(typesMatch([], [NVT_TYPE])).toBe(true);
  });
});

describe('parseOnvifScopes', () => {
  it('decodes, ignores category case and keeps unknown scopes', () => {
    const info = parseOnvifScopes([
      'ONVIF://www.onvif.org/Name/Caf%C3%A9%20Door', 'onvif://www.onvif.org/mac/4419B6123456',
      'onvif://www.onvif.org/name/100%', 'http://vendor.example/extra', 'onvif://www.onvif.org/mac/garbage',
    ]);
    expect(info.name).toBe('Café Door');
    expect(info.mac).toBe('44:19:b6:12:34:56');
    expect(info.other).toEqual(['onvif://www.onvif.org/name/100%', 'http://vendor.example/extra', 'onvif://www.onvif.org/mac/garbage']);
  });
});
