import { describe, expect, it } from 'vitest';
import {
  buildProbe, buildResolve, endpointUuid, NVT_TYPE, ONVIF_DEVICE_TYPE, parseWsdMessage, toMessageUrn,
  WSD_ACTION, WSD_TO, WSDP_NS,
} from '../../../src/discovery/protocols/wsdiscovery';
import { attrOf, childText, parseXml, pathOf } from '../../../src/xml/safe-xml';

const S = 'http://www.w3.org/2003/05/soap-envelope';
const A = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
const ID = '0a6dc791-2c8a-4e3b-9f5d-1c2e3f405162';

describe('buildProbe', () => {
  it('builds the ONVIF SOAP 1.2 Probe for NetworkVideoTransmitter', () => {
    const xml = buildProbe({ messageId: ID });
    const env = parseXml(xml);
    const header = pathOf(env, [[S, 'Header']]);
    expect(childText(header, A, 'Action')).toBe(WSD_ACTION.probe);
    expect(attrOf(pathOf(header, [[A, 'Action']]), 'mustUnderstand', S)).toBe('1');
    expect(childText(header, A, 'MessageID')).toBe(`urn:uuid:${ID}`);
    expect(childText(header, A, 'To')).toBe(WSD_TO);
    const parsed = parseWsdMessage(xml);
    expect(parsed.kind).toBe('probe');
    expect(parsed.probeTypes).toEqual([NVT_TYPE]);
  });

  it('adds tds:Device and scopes when asked, escaping scope text', () => {
    const xml = buildProbe({ messageId: `urn:uuid:${ID}`, types: [NVT_TYPE, ONVIF_DEVICE_TYPE], scopes: ['onvif://www.onvif.org/name/A&B'] });
    expect(xml).toContain('<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>');
    expect(xml).toContain('onvif://www.onvif.org/name/A&amp;B');
    expect(parseWsdMessage(xml).probeTypes).toEqual([NVT_TYPE, ONVIF_DEVICE_TYPE]);
  });

  it('uses the wsdp prefix wsdd and Windows compare literally', () => {
    expect(buildProbe({ messageId: ID, types: [{ ns: WSDP_NS, local: 'Device' }] })).toContain('<d:Types>wsdp:Device</d:Types>');
  });

  it('declares a prefix for an unknown type namespace', () => {
    const xml = buildProbe({ messageId: ID, types: [{ ns: 'urn:x', local: 'Thing' }] });
    expect(parseWsdMessage(xml).probeTypes).toEqual([{ ns: 'urn:x', local: 'Thing' }]);
  });

  it('refuses a message id that is neither a UUID nor a URN', () => {
    expect(() => buildProbe({ messageId: '<evil>' })).toThrow(RangeError);
    expect(toMessageUrn(ID.toUpperCase())).toBe(`urn:uuid:${ID}`);
  });
});

describe('buildResolve', () => {
  it('asks for one endpoint address and parses back as a resolve', () => {
    const xml = buildResolve({ messageId: ID, address: 'urn:uuid:54575be6-1dd2-11b2-8a2b-4419b6123456' });
    const msg = parseWsdMessage(xml);
    expect(msg).toMatchObject({ kind: 'resolve', action: WSD_ACTION.resolve, resolveAddress: 'urn:uuid:54575be6-1dd2-11b2-8a2b-4419b6123456' });
  });
});

describe('endpointUuid', () => {
  it('extracts a lowercase UUID from urn:uuid addresses only', () => {
    expect(endpointUuid('urn:uuid:54575BE6-1DD2-11B2-8A2B-4419B6123456')).toBe('54575be6-1dd2-11b2-8a2b-4419b6123456');
    expect(endpointUuid('urn:uuid:Axis-accc8e0a1b2c')).toBeUndefined();
  });
});
