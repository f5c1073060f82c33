/**
 * WS-Discovery (ONVIF flavour, 2005/04): parses whatever arrives on UDP 3702 (Probe and Resolve
 * are built in wsd-probe.ts, re-exported here). Parsing matches elements and Types QNames by namespace URI, never by prefix.
 */
import {
  childOf, childText, childrenOf, parseXml, pathOf, resolveQName, XmlError,
  type QName, type XmlElement,
} from '../../xml/safe-xml';
import { DiscoveryParseError } from './errors';
import { FALLBACK_PREFIXES, SOAP_NSS, WSA_NSS, WSD_NSS } from './wsd-namespaces';

export * from './wsd-namespaces';
export * from './wsd-probe';

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
