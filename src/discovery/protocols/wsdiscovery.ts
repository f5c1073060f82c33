/**
 * WS-Discovery (ONVIF flavour, 2005/04): builds Probe and Resolve, parses whatever arrives on
 * UDP 3702. Parsing matches elements and Types QNames by namespace URI, never by prefix.
 */
import {
  childOf, childText, childrenOf, escapeXmlAttr, escapeXmlText, parseXml, pathOf, resolveQName, XmlError,
  type QName, type XmlElement,
} from '../../xml/safe-xml';
import { DiscoveryParseError } from './errors';
import {
  DN_NS, FALLBACK_PREFIXES, NVT_TYPE, SOAP12_NS, SOAP_NSS, TDS_NS, WSA_ANONYMOUS, WSA_NS, WSA_NSS,
  WSD_ACTION, WSD_NS, WSD_NSS, WSD_TO, WSDP_NS,
} from './wsd-namespaces';

export * from './wsd-namespaces';

/** What a WS-Discovery message is. Probes and Resolves from other clients also arrive on 3702. */
export type WsdKind = 'probeMatches' | 'resolveMatches' | 'hello' | 'bye' | 'probe' | 'resolve';

/** One advertised endpoint (a ProbeMatch, ResolveMatch, Hello or Bye). */
export interface WsdMatch {
  /** EndpointReference/Address: a stable device id, usually `urn:uuid:...`; '' if the device omitted it. */
  address: string;
  types: QName[];
  scopes: string[];
  /** Device-service URLs; empty when the device left them out (send a Resolve). */
  xaddrs: string[];
  metadataVersion?: number;
}

/** A parsed WS-Discovery message. */
export interface WsdMessage {
  kind: WsdKind;
  action?: string;
  messageId?: string;
  /** For ProbeMatches/ResolveMatches: the MessageID of the Probe/Resolve being answered. */
  relatesTo?: string;
  matches: WsdMatch[];
  /** For kind 'probe': the Types asked for. */
  probeTypes?: QName[];
  /** For kind 'resolve': the endpoint address asked for. */
  resolveAddress?: string;
}

/** Options for {@link buildProbe}. */
export interface ProbeOptions {
  /** `urn:uuid:...` or a bare UUID; replies echo it in RelatesTo. */
  messageId: string;
  /** Types to probe for; defaults to [dn:NetworkVideoTransmitter]. Add ONVIF_DEVICE_TYPE for NVRs. */
  types?: QName[];
  scopes?: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `urn:uuid:<lowercase uuid>` from a bare UUID; other `urn:` values pass through unchanged. */
export function toMessageUrn(id: string): string {
  const s = id.trim();
  if (UUID.test(s)) return `urn:uuid:${s.toLowerCase()}`;
  if (/^urn:[^\s<>&]+$/i.test(s)) return s;
  throw new RangeError(`WS-Discovery message id must be a UUID or urn:, got "${id.slice(0, 60)}"`);
}

/** The UUID inside `urn:uuid:...` (lowercased), or undefined for other address forms. */
export function endpointUuid(address: string): string | undefined {
  const m = /^urn:uuid:([0-9a-f-]{36})$/i.exec(address.trim());
  return m?.[1] && UUID.test(m[1]) ? m[1].toLowerCase() : undefined;
}

function envelope(action: string, messageId: string, body: string, extraNs: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<s:Envelope xmlns:s="${SOAP12_NS}" xmlns:a="${WSA_NS}" xmlns:d="${WSD_NS}"${extraNs}>` +
    '<s:Header>' +
    `<a:Action s:mustUnderstand="1">${action}</a:Action>` +
    `<a:MessageID>${escapeXmlText(toMessageUrn(messageId))}</a:MessageID>` +
    `<a:ReplyTo><a:Address>${WSA_ANONYMOUS}</a:Address></a:ReplyTo>` +
    `<a:To s:mustUnderstand="1">${WSD_TO}</a:To>` +
    `</s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** The SOAP 1.2 Probe to multicast (or unicast) to UDP 3702. */
export function buildProbe(options: ProbeOptions): string {
  const types = options.types ?? [NVT_TYPE];
  // Conventional prefixes: some peers (wsdd, Windows) compare the Types text literally, e.g. "wsdp:Device".
  const known = new Map([[DN_NS, 'dn'], [TDS_NS, 'tds'], [WSDP_NS, 'wsdp']]);
  const decls = new Map<string, string>();
  const names = types.map((t) => {
    if (!/^[A-Za-z_][\w.-]*$/.test(t.local)) throw new RangeError(`invalid type name "${t.local}"`);
    const prefix = decls.get(t.ns) ?? known.get(t.ns) ?? `t${decls.size}`;
    decls.set(t.ns, prefix);
    return `${prefix}:${t.local}`;
  });
  const extraNs = [...decls].map(([ns, p]) => ` xmlns:${p}="${escapeXmlAttr(ns)}"`).join('');
  const scopes = options.scopes?.length ? `<d:Scopes>${escapeXmlText(options.scopes.join(' '))}</d:Scopes>` : '';
  const body = `<d:Probe>${names.length ? `<d:Types>${names.join(' ')}</d:Types>` : ''}${scopes}</d:Probe>`;
  return envelope(WSD_ACTION.probe, options.messageId, body, extraNs);
}

/** A Resolve for a device whose ProbeMatch came without XAddrs. */
export function buildResolve(options: { messageId: string; address: string }): string {
  const body = `<d:Resolve><a:EndpointReference><a:Address>${escapeXmlText(options.address)}</a:Address></a:EndpointReference></d:Resolve>`;
  return envelope(WSD_ACTION.resolve, options.messageId, body, '');
}

function tokens(text: string | undefined): string[] {
  return text ? text.split(/\s+/).filter((t) => t !== '') : [];
}

function parseTypes(typesEl: XmlElement | undefined): QName[] {
  if (!typesEl) return [];
  return tokens(typesEl.text).map((qn) => {
    const resolved = resolveQName(typesEl, qn);
    if (resolved) return resolved;
    const i = qn.indexOf(':');
    const prefix = qn.slice(0, i);
    return { ns: Object.hasOwn(FALLBACK_PREFIXES, prefix) ? (FALLBACK_PREFIXES[prefix] ?? '') : '', local: qn.slice(i + 1) };
  });
}

function parseMatch(el: XmlElement): WsdMatch {
  const version = childText(el, WSD_NSS, 'MetadataVersion');
  const match: WsdMatch = {
    address: childText(childOf(el, WSA_NSS, 'EndpointReference'), WSA_NSS, 'Address') ?? '',
    types: parseTypes(childOf(el, WSD_NSS, 'Types')),
    scopes: tokens(childText(el, WSD_NSS, 'Scopes')),
    xaddrs: tokens(childText(el, WSD_NSS, 'XAddrs')),
  };
  if (version !== undefined && /^\d{1,10}$/.test(version)) match.metadataVersion = Number(version);
  return match;
}

const BODY_KINDS: Readonly<Record<string, WsdKind>> = {
  ProbeMatches: 'probeMatches',
  ResolveMatches: 'resolveMatches',
  Hello: 'hello',
  Bye: 'bye',
  Probe: 'probe',
  Resolve: 'resolve',
};

/**
 * Parses one WS-Discovery datagram. Throws {@link DiscoveryParseError} for hostile or malformed
 * XML, a non-SOAP document, or a SOAP body that is not a WS-Discovery message.
 */
export function parseWsdMessage(xml: string | Uint8Array): WsdMessage {
  let env: XmlElement;
  try {
    env = parseXml(xml, { maxSize: 64 * 1024 });
  } catch (e) {
    throw new DiscoveryParseError('wsdiscovery', e instanceof XmlError ? e.message : String(e), { cause: e });
  }
  if (!SOAP_NSS.includes(env.ns as never) || env.local !== 'Envelope') {
    throw new DiscoveryParseError('wsdiscovery', `expected a SOAP Envelope, got <${env.prefix ? `${env.prefix}:` : ''}${env.local}> in "${env.ns}"`);
  }
  const header = childOf(env, SOAP_NSS, 'Header');
  const bodyEl = childOf(env, SOAP_NSS, 'Body')?.children.find((c) => WSD_NSS.includes(c.ns as never) && Object.hasOwn(BODY_KINDS, c.local));
  const kind = bodyEl && BODY_KINDS[bodyEl.local];
  if (!bodyEl || !kind) throw new DiscoveryParseError('wsdiscovery', 'SOAP body holds no WS-Discovery message');

  const msg: WsdMessage = { kind, matches: [] };
  const action = childText(header, WSA_NSS, 'Action');
  const messageId = childText(header, WSA_NSS, 'MessageID');
  const relatesTo = childText(header, WSA_NSS, 'RelatesTo');
  if (action) msg.action = action;
  if (messageId) msg.messageId = messageId;
  if (relatesTo) msg.relatesTo = relatesTo;

  if (kind === 'probeMatches') msg.matches = childrenOf(bodyEl, WSD_NSS, 'ProbeMatch').map(parseMatch);
  else if (kind === 'resolveMatches') msg.matches = childrenOf(bodyEl, WSD_NSS, 'ResolveMatch').map(parseMatch);
  else if (kind === 'hello' || kind === 'bye') msg.matches = [parseMatch(bodyEl)];
  else if (kind === 'probe') msg.probeTypes = parseTypes(childOf(bodyEl, WSD_NSS, 'Types'));
  else msg.resolveAddress = childText(pathOf(bodyEl, [[WSA_NSS, 'EndpointReference']]), WSA_NSS, 'Address') ?? '';
  return msg;
}

/**
 * WS-Discovery type matching: a target matches a probe when it advertises every probed type
 * (compared by namespace URI + local name). An empty probe matches everything.
 */
export function typesMatch(probed: readonly QName[], advertised: readonly QName[]): boolean {
  return probed.every((p) => advertised.some((a) => a.ns === p.ns && a.local === p.local));
}
