/**
 * Building WS-Discovery Probe and Resolve messages. Kept apart from the parser so the first probes
 * can leave before the XML parser is loaded (src/discovery/wire.ts).
 */
import type { QName } from '../../xml/safe-xml';
import { escapeXmlAttr, escapeXmlText } from '../../xml/xml-entities';
import { DN_NS, NVT_TYPE, SOAP12_NS, TDS_NS, WSA_ANONYMOUS, WSA_NS, WSD_ACTION, WSD_NS, WSD_TO, WSDP_NS } from './wsd-namespaces';

export { WSD_MULTICAST_V4, WSD_PORT } from './wsd-namespaces';

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
