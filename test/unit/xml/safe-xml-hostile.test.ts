import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_XML_SIZE, parseXml, XmlError } from '../../../src/xml/safe-xml';

function reasonOf(input: string | Uint8Array, options?: Parameters<typeof parseXml>[1]): string {
  try {
    parseXml(input, options);
  } catch (e) {
    expect(e).toBeInstanceOf(XmlError);
    return (e as XmlError).reason;
  }
  throw new Error('parseXml accepted the input');
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>`;

describe('parseXml refuses hostile input', () => {
  it('refuses billion laughs without expanding anything', () => {
    expect(reasonOf(billionLaughs)).toBe('dtd-forbidden');
  });

  it('refuses an external entity (XXE)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>';
    expect(reasonOf(xxe)).toBe('dtd-forbidden');
  });

  it('refuses a parameter entity and a lowercase or spaced doctype', () => {
    expect(reasonOf('<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1/x.dtd"> %p;]><r/>')).toBe('dtd-forbidden');
    expect(reasonOf('<!doctype r><r/>')).toBe('dtd-forbidden');
    expect(reasonOf('<!  DOCTYPE r><r/>')).toBe('dtd-forbidden');
    expect(reasonOf('<r/><!ENTITY x "y">')).toBe('dtd-forbidden');
  });

  it('refuses a plain DOCTYPE even without entities, with a clear message', () => {
    expect(() => parseXml('<!DOCTYPE html><html/>')).toThrow(/DOCTYPE or ENTITY declaration is refused/);
  });

  it('never expands an entity it does not know', () => {
    expect(reasonOf('<a>&xxe;</a>')).toBe('entity');
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/undefined entity &nbsp;/);
    expect(reasonOf('<a b="&xxe;"/>')).toBe('entity');
    // Names that exist on Object.prototype must not resolve to anything either.
    expect(reasonOf('<a>&constructor;</a>')).toBe('entity');
    expect(reasonOf('<a>&toString;</a>')).toBe('entity');
  });

  it('refuses illegal character references', () => {
    expect(reasonOf('<a>&#0;</a>')).toBe('entity');
    expect(reasonOf('<a>&#xD800;</a>')).toBe('entity');
    expect(reasonOf('<a>&#x110000;</a>')).toBe('entity');
  });

  it('caps input size for strings and bytes', () => {
    const big = `<a>${'x'.repeat(DEFAULT_MAX_XML_SIZE)}</a>`;
    expect(reasonOf(big)).toBe('too-large');
    expect(reasonOf(new TextEncoder().encode('<a>0123456789</a>'), { maxSize: 10 })).toBe('too-large');
    expect(parseXml('<a>0123456789</a>', { maxSize: 17 }).text).toBe('0123456789');
  });

  it('caps nesting depth', () => {
    const deep = '<a>'.repeat(100) + '</a>'.repeat(100);
    expect(reasonOf(deep)).toBe('too-deep');
    expect(reasonOf('<a><b><c/></b></a>', { maxDepth: 2 })).toBe('too-deep');
    expect(parseXml('<a><b><c/></b></a>', { maxDepth: 3 }).local).toBe('a');
  });

  it('refuses prototype-polluting attribute names', () => {
    expect(reasonOf('<a __proto__="x"/>')).toBe('malformed');
  });
});

describe('parseXml refuses broken input with a clear error', () => {
  it('reports truncated XML as truncated', () => {
    expect(() => parseXml('<s:Envelope xmlns:s="urn:s"><s:Body><x>abc')).toThrow(
      /ends before closing <s:Envelope>, <s:Body>, <x> \(truncated\?\)/,
    );
  });

  it('refuses mismatched tags, garbage, empty input and several roots', () => {
    expect(reasonOf('<a><b></a>')).toBe('malformed');
    expect(reasonOf('garbage \u0001\u0002')).toBe('malformed');
    expect(reasonOf('')).toBe('malformed');
    expect(reasonOf('<a/><b/>')).toBe('malformed');
    expect(reasonOf('<a>x</a>trailing')).toBe('malformed');
  });

  it('refuses a bare ampersand and duplicate attributes', () => {
    expect(reasonOf('<a>fish & chips</a>')).toBe('malformed');
    expect(reasonOf('<a x="1" x="2"/>')).toBe('malformed');
    expect(reasonOf('<a xmlns:p="urn:x" xmlns:q="urn:x" p:k="1" q:k="2"/>')).toBe('namespace');
  });

  it('refuses undeclared prefixes on elements and attributes', () => {
    expect(() => parseXml('<tt:Probe/>')).toThrow(/unbound namespace prefix "tt"/);
    expect(reasonOf('<a p:x="1"/>')).toBe('namespace');
    expect(reasonOf('<a xmlns:p=""><p:b/></a>')).toBe('namespace');
  });

  it('refuses bytes that are not valid in their encoding', () => {
    expect(reasonOf(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]))).toBe('encoding');
    expect(reasonOf(new TextEncoder().encode('<?xml version="1.0" encoding="x-klingon"?><a/>'))).toBe('encoding');
  });
});
