import { randomUUID } from 'node:crypto';
import {
  DN_NS, SOAP12_NS, TDS_NS, WSA_ANONYMOUS, WSA_NS, WSD_ACTION, WSD_NS, WSD_TO,
} from '../../../src/discovery/protocols/wsdiscovery';
import { escapeXmlText } from '../../../src/xml/safe-xml';

/**
 * What a camera sends on UDP 3702. Prefixes deliberately differ from FieldKit's Probe (the
 * Axis/gSOAP style: SOAP-ENV, wsa, wsdd, tdn) so clients that match by prefix fail against it.
 */

/** The advertised endpoint. */
export interface WsdEndpoint {
  address: string;
  deviceType: boolean;
  scopes: string[];
  xaddrs: string[];
  metadataVersion: number;
}

/** AppSequence state: InstanceId fixed per boot, MessageNumber increasing. */
export interface AppSequence {
  instanceId: number;
  messageNumber: number;
}

function envelope(action: string, to: string, relatesTo: string | undefined, seq: AppSequence, body: string): string {
  seq.messageNumber += 1;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP12_NS}" xmlns:wsa="${WSA_NS}" xmlns:wsdd="${WSD_NS}" xmlns:tdn="${DN_NS}" xmlns:tds="${TDS_NS}">` +
    '<SOAP-ENV:Header>' +
    `<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>` +
    (relatesTo === undefined ? '' : `<wsa:RelatesTo>${escapeXmlText(relatesTo)}</wsa:RelatesTo>`) +
    `<wsa:To SOAP-ENV:mustUnderstand="true">${to}</wsa:To>` +
    `<wsa:Action SOAP-ENV:mustUnderstand="true">${action}</wsa:Action>` +
    `<wsdd:AppSequence InstanceId="${seq.instanceId}" MessageNumber="${seq.messageNumber}"></wsdd:AppSequence>` +
    `</SOAP-ENV:Header><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

function endpointBody(ep: WsdEndpoint, withXAddrs: boolean): string {
  const types = ep.deviceType ? 'tdn:NetworkVideoTransmitter tds:Device' : 'tdn:NetworkVideoTransmitter';
  return (
    `<wsa:EndpointReference><wsa:Address>${escapeXmlText(ep.address)}</wsa:Address></wsa:EndpointReference>` +
    `<wsdd:Types>${types}</wsdd:Types>` +
    `<wsdd:Scopes>${escapeXmlText(ep.scopes.join(' '))}</wsdd:Scopes>` +
    (withXAddrs && ep.xaddrs.length ? `<wsdd:XAddrs>${escapeXmlText(ep.xaddrs.join(' '))}</wsdd:XAddrs>` : '') +
    `<wsdd:MetadataVersion>${ep.metadataVersion}</wsdd:MetadataVersion>`
  );
}

/** ProbeMatches answering the Probe whose MessageID was `relatesTo`. */
export function buildProbeMatches(ep: WsdEndpoint, relatesTo: string, seq: AppSequence, withXAddrs: boolean): string {
  const body = `<wsdd:ProbeMatches><wsdd:ProbeMatch>${endpointBody(ep, withXAddrs)}</wsdd:ProbeMatch></wsdd:ProbeMatches>`;
  return envelope(WSD_ACTION.probeMatches, WSA_ANONYMOUS, relatesTo, seq, body);
}

/** ResolveMatches, always with XAddrs (that is what a Resolve is for). */
export function buildResolveMatches(ep: WsdEndpoint, relatesTo: string, seq: AppSequence): string {
  const body = `<wsdd:ResolveMatches><wsdd:ResolveMatch>${endpointBody(ep, true)}</wsdd:ResolveMatch></wsdd:ResolveMatches>`;
  return envelope(WSD_ACTION.resolveMatches, WSA_ANONYMOUS, relatesTo, seq, body);
}

/** Hello, multicast when the camera boots. */
export function buildHello(ep: WsdEndpoint, seq: AppSequence): string {
  return envelope(WSD_ACTION.hello, WSD_TO, undefined, seq, `<wsdd:Hello>${endpointBody(ep, true)}</wsdd:Hello>`);
}

/** Bye, multicast when the camera shuts down. */
export function buildBye(ep: WsdEndpoint, seq: AppSequence): string {
  const body = `<wsdd:Bye><wsa:EndpointReference><wsa:Address>${escapeXmlText(ep.address)}</wsa:Address></wsa:EndpointReference></wsdd:Bye>`;
  return envelope(WSD_ACTION.bye, WSD_TO, undefined, seq, body);
}
