import { describe, expect, it } from 'vitest';
import {
  attrOf, childOf, childText, childrenOf, find, findAll, isElement, parseXml, pathOf, resolveQName, textOf, XML_NS,
} from '../../../src/xml/safe-xml';

const SOAP = 'http://www.w3.org/2003/05/soap-envelope';
const WSA = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';

// The same header with three prefix styles seen on real cameras.
const styles = [
  `<s:Envelope xmlns:s="${SOAP}" xmlns:a="${WSA}"><s:Header><a:MessageID>urn:uuid:1</a:MessageID></s:Header></s:Envelope>`,
  `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP}" xmlns:wsadis="${WSA}"><SOAP-ENV:Header><wsadis:MessageID>urn:uuid:1</wsadis:MessageID></SOAP-ENV:Header></SOAP-ENV:Envelope>`,
  `<Envelope xmlns="${SOAP}"><Header><MessageID xmlns="${WSA}">urn:uuid:1</MessageID></Header></Envelope>`,
];

describe('parseXml namespaces', () => {
  it.each(styles)('matches by URI whatever the prefix: %#', (xml) => {
    const env = parseXml(xml);
    expect(isElement(env, SOAP, 'Envelope')).toBe(true);
    expect(textOf(pathOf(env, [[SOAP, 'Header'], [WSA, 'MessageID']]))).toBe('urn:uuid:1');
  });

  it('does not match a same-named element in another namespace', () => {
    const env = parseXml(`<s:Envelope xmlns:s="http://example.com/not-soap"><s:Header/></s:Envelope>`);
    expect(isElement(env, SOAP, 'Envelope')).toBe(false);
    expect(childOf(env, SOAP, 'Header')).toBeUndefined();
    expect(childOf(env, [SOAP, 'http://example.com/not-soap'], 'Header')?.local).toBe('Header');
  });

  it('applies default namespaces, their undeclaration and redeclared prefixes', () => {
    const root = parseXml('<r xmlns="urn:a"><x/><y xmlns=""><z/></y><p:q xmlns:p="urn:b"><p:q xmlns:p="urn:c"/></p:q></r>');
    expect(root.ns).toBe('urn:a');
    expect(childOf(root, 'urn:a', 'x')).toBeDefined();
    expect(childOf(root, '', 'y')?.children[0]?.ns).toBe('');
    expect(find(root, 'urn:c', 'q')?.prefix).toBe('p');
    expect(findAll(root, ['urn:b', 'urn:c'], 'q')).toHaveLength(2);
  });

  it('keeps unprefixed attributes namespace-less and resolves prefixed ones', () => {
    const root = parseXml('<r xmlns="urn:a" xmlns:s="urn:s" id="1" s:mustUnderstand="true" xml:lang="en"/>');
    expect(attrOf(root, 'id')).toBe('1');
    expect(attrOf(root, 'id', 'urn:a')).toBeUndefined();
    expect(attrOf(root, 'mustUnderstand', 'urn:s')).toBe('true');
    expect(attrOf(root, 'lang', XML_NS)).toBe('en');
  });

  it('resolves QNames in text with the bindings in scope', () => {
    const root = parseXml('<d:Types xmlns:d="urn:d" xmlns:dn="urn:net">dn:NVT other:X plain</d:Types>');
    expect(resolveQName(root, 'dn:NVT')).toEqual({ ns: 'urn:net', local: 'NVT' });
    expect(resolveQName(root, 'other:X')).toBeUndefined();
    expect(resolveQName(root, 'plain')).toEqual({ ns: '', local: 'plain' });
  });
});

describe('parseXml text', () => {
  it('decodes predefined and numeric references, keeps CDATA raw', () => {
    const root = parseXml('<a t="x &quot;y&quot; &#x41;">1 &lt; 2 &amp; &#955;<![CDATA[ <b>&amp;</b> ]]></a>');
    expect(root.text).toBe('1 < 2 & λ <b>&amp;</b> ');
    expect(attrOf(root, 't')).toBe('x "y" A');
  });

  it('collects direct text only and trims in helpers', () => {
    const root = parseXml('<a>\n  <b>  inner  </b>\n  <b>second</b>\n</a>');
    expect(childText(root, '', 'b')).toBe('inner');
    expect(childrenOf(root, '', 'b').map(textOf)).toEqual(['inner', 'second']);
    expect(textOf(root)).toBe('');
    expect(childText(root, '', 'missing')).toBeUndefined();
  });

  it('tolerates a BOM, leading blank lines, comments, PIs and trailing NUL padding', () => {
    const root = parseXml('\uFEFF\r\n<?xml version="1.0" encoding="UTF-8"?><!-- c --><?pi x?><a>ok</a>\n\0\0');
    expect(root.text).toBe('ok');
  });

  it('decodes bytes as UTF-8, UTF-16 with BOM and declared ISO-8859-1', () => {
    expect(parseXml(new TextEncoder().encode('<a>café</a>')).text).toBe('café');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'<a>é</a>'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(parseXml(utf16).text).toBe('é');
    const latin1 = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), 0xe9, ...new TextEncoder().encode('</a>')]);
    expect(parseXml(latin1).text).toBe('é');
  });
});
