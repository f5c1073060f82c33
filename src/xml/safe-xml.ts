/**
 * Hardened XML parsing for everything FieldKit reads from devices (WS-Discovery, ONVIF SOAP, UPnP
 * descriptions, ISAPI). Devices are untrusted: any DTD is refused outright (billion laughs, XXE),
 * only the 5 predefined entities and numeric references are decoded, size and depth are capped,
 * and elements come back namespace-resolved so callers match URI + local name, never a prefix.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXmlEntities } from './xml-entities';
import { XmlError, type XmlAttr, type XmlElement } from './xml-types';

export { XmlError } from './xml-types';
export type { XmlAttr, XmlElement, XmlErrorReason } from './xml-types';
export { escapeXmlAttr, escapeXmlText } from './xml-entities';
export * from './xml-query';

/** Largest document accepted by default: far above any discovery reply or SOAP response. */
export const DEFAULT_MAX_XML_SIZE = 1024 * 1024;
/** Deepest element nesting accepted by default (SOAP replies nest about 10 deep). */
export const DEFAULT_MAX_XML_DEPTH = 64;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Limits for {@link parseXml}. */
export interface ParseXmlOptions {
  /** Max input size: characters for a string, bytes for a Uint8Array. */
  maxSize?: number;
  /** Max element nesting depth. */
  maxDepth?: number;
}

// Declarations that could define or pull in entities. Matched anywhere (even inside comments or
// CDATA): a false refusal of a camera reply is far cheaper than parsing a DTD.
const DTD_MARKUP = /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const NCNAME = /^[\p{L}_][\p{L}\p{N}\p{M}._\u00B7-]*$/u;

type FxpNode = Record<string, unknown>;

/** Decodes bytes per BOM or the XML declaration's encoding (UTF-8 by default); refuses invalid bytes. */
function decodeBytes(bytes: Uint8Array): string {
  let label = 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared) label = declared.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new XmlError('encoding', `unsupported XML encoding "${label}"`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XmlError('encoding', `XML bytes are not valid ${label}`);
  }
}

const parser = (maxDepth: number): XMLParser =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    allowBooleanAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // Entities are decoded by decodeXmlEntities, which knows only the predefined five.
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: false,
    cdataPropName: '#cdata',
    maxNestedTags: maxDepth,
  });

function tagOf(node: FxpNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
}

function splitQName(qname: string, what: string): [prefix: string, local: string] {
  const parts = qname.split(':');
  const [a, b] = parts;
  if (parts.length === 1 && a !== undefined && NCNAME.test(a)) return ['', a];
  if (parts.length === 2 && a !== undefined && b !== undefined && NCNAME.test(a) && NCNAME.test(b)) return [a, b];
  throw new XmlError('namespace', `invalid ${what} name "${qname}"`);
}

function lookup(scope: ReadonlyMap<string, string>, prefix: string, qname: string): string {
  if (prefix === 'xml') return XML_NS;
  const uri = scope.get(prefix);
  if (uri === undefined) throw new XmlError('namespace', `unbound namespace prefix "${prefix}" in "${qname}"`);
  return uri;
}

function bindScope(raw: Record<string, string>, parent: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let scope: Map<string, string> | undefined;
  for (const [name, rawValue] of Object.entries(raw)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    const uri = decodeXmlEntities(rawValue);
    if (prefix === 'xmlns' || (prefix === 'xml') !== (uri === XML_NS) || uri === XMLNS_NS) {
      throw new XmlError('namespace', `illegal namespace declaration ${name}="${uri}"`);
    }
    if (prefix !== '' && uri === '') throw new XmlError('namespace', `prefix "${prefix}" cannot be bound to ""`);
    scope ??= new Map(parent);
    scope.set(prefix, uri);
  }
  return scope ?? parent;
}

function convert(node: FxpNode, parentScope: ReadonlyMap<string, string>, depth: number, maxDepth: number): XmlElement {
  if (depth > maxDepth) throw new XmlError('too-deep', `XML nests deeper than ${maxDepth} elements`);
  const qname = tagOf(node) ?? '';
  const raw = (node[':@'] ?? {}) as Record<string, string>;
  const scope = bindScope(raw, parentScope);
  const [prefix, local] = splitQName(qname, 'element');
  const ns = prefix === '' ? (scope.get('') ?? '') : lookup(scope, prefix, qname);

  const attrs: XmlAttr[] = [];
  for (const [name, rawValue] of Object.entries(raw)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const [aPrefix, aLocal] = splitQName(name, 'attribute');
    const aNs = aPrefix === '' ? '' : lookup(scope, aPrefix, name);
    if (attrs.some((a) => a.ns === aNs && a.local === aLocal)) {
      throw new XmlError('namespace', `attribute {${aNs}}${aLocal} appears twice on <${qname}>`);
    }
    attrs.push({ ns: aNs, local: aLocal, value: decodeXmlEntities(rawValue) });
  }

  const children: XmlElement[] = [];
  let text = '';
  for (const c of (node[qname] ?? []) as FxpNode[]) {
    if (typeof c['#text'] === 'string') text += decodeXmlEntities(c['#text']);
    else if (Array.isArray(c['#cdata'])) {
      for (const t of c['#cdata'] as FxpNode[]) if (typeof t['#text'] === 'string') text += t['#text'];
    } else if (tagOf(c) !== undefined) children.push(convert(c, scope, depth + 1, maxDepth));
  }
  return { ns, local, prefix, attrs, children, text, scope };
}

function describeInvalid(err: { msg: string; line: number; col?: number }): string {
  // The validator reports a truncated document as "Invalid '[ \"a\", \"b\" ]' found.": say what it means.
  const open = /^Invalid '(\[[\s\S]*\])' found/.exec(err.msg)?.[1];
  if (open !== undefined) {
    try {
      const names = (JSON.parse(open) as string[]).map((n) => `<${n}>`).join(', ');
      return `document ends before closing ${names} (truncated?)`;
    } catch {
      // fall through to the validator's own words
    }
  }
  return `${err.msg} (line ${err.line}${err.col === undefined ? '' : `, column ${err.col}`})`;
}

/**
 * Parses one XML document into a namespace-resolved element tree and returns its root.
 * Throws {@link XmlError} for oversized, DTD-bearing, malformed, badly-namespaced or
 * over-deep input; never expands an entity it was not born knowing.
 */
export function parseXml(input: string | Uint8Array, options: ParseXmlOptions = {}): XmlElement {
  const maxSize = options.maxSize ?? DEFAULT_MAX_XML_SIZE;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  if (input.length > maxSize) {
    throw new XmlError('too-large', `XML is ${input.length} ${typeof input === 'string' ? 'characters' : 'bytes'}, over the ${maxSize} limit`);
  }
  // Devices pad UDP payloads with NULs and prefix a BOM or blank lines: tolerated, nothing else is.
  const text = (typeof input === 'string' ? input : decodeBytes(input))
    .replace(/^\uFEFF/, '')
    .replace(/[\s\0]+$/, '')
    .replace(/^\s+/, '');
  if (DTD_MARKUP.test(text)) {
    throw new XmlError('dtd-forbidden', 'XML with a DOCTYPE or ENTITY declaration is refused (DTDs are never processed)');
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    throw new XmlError('malformed', `malformed XML: ${describeInvalid(valid.err)}`);
  }
  let nodes: FxpNode[];
  try {
    nodes = parser(maxDepth).parse(text) as FxpNode[];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/nested/i.test(message)) throw new XmlError('too-deep', `XML nests deeper than ${maxDepth} elements`);
    throw new XmlError('malformed', `malformed XML: ${message}`);
  }
  const roots = nodes.filter((n) => tagOf(n) !== undefined);
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) {
    throw new XmlError('malformed', `malformed XML: expected one root element, found ${roots.length}`);
  }
  return convert(root, new Map(), 1, maxDepth);
}
