import type { QName } from '../../xml/safe-xml';

/** SOAP 1.2 envelope namespace (ONVIF). */
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** SOAP 1.1 envelope namespace: some old encoders still answer with it. */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** WS-Addressing as used by WS-Discovery 2005/04 (ONVIF). */
export const WSA_NS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
/** WS-Addressing 1.0, used by WS-Discovery 1.1 peers. */
export const WSA10_NS = 'http://www.w3.org/2005/08/addressing';
/** WS-Discovery 2005/04 (the version ONVIF mandates). */
export const WSD_NS = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';
/** WS-Discovery 1.1 (OASIS 2009/01). */
export const WSD11_NS = 'http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01';
/** ONVIF network WSDL: home of NetworkVideoTransmitter. */
export const DN_NS = 'http://www.onvif.org/ver10/network/wsdl';
/** ONVIF device WSDL: home of tds:Device. */
export const TDS_NS = 'http://www.onvif.org/ver10/device/wsdl';
/** Devices Profile for Web Services (Windows hosts, printers, wsdd). */
export const WSDP_NS = 'http://schemas.xmlsoap.org/ws/2006/02/devprof';

export const SOAP_NSS = [SOAP12_NS, SOAP11_NS] as const;
export const WSA_NSS = [WSA_NS, WSA10_NS] as const;
export const WSD_NSS = [WSD_NS, WSD11_NS] as const;

/** Where WS-Discovery multicast goes (IPv4) and the well-known port. */
export const WSD_MULTICAST_V4 = '239.255.255.250';
export const WSD_PORT = 3702;
/** The To header of every multicast WS-Discovery message. */
export const WSD_TO = 'urn:schemas-xmlsoap-org:ws:2005:04:discovery';
/** WS-Discovery action URIs, 2005/04. */
export const WSD_ACTION = {
  probe: `${WSD_NS}/Probe`,
  probeMatches: `${WSD_NS}/ProbeMatches`,
  resolve: `${WSD_NS}/Resolve`,
  resolveMatches: `${WSD_NS}/ResolveMatches`,
  hello: `${WSD_NS}/Hello`,
  bye: `${WSD_NS}/Bye`,
} as const;
/** WS-Addressing anonymous reply endpoint. */
export const WSA_ANONYMOUS = `${WSA_NS}/role/anonymous`;

/** dn:NetworkVideoTransmitter: what every ONVIF camera and encoder advertises. */
export const NVT_TYPE: QName = { ns: DN_NS, local: 'NetworkVideoTransmitter' };
/** tds:Device: what ONVIF devices (including NVRs) advertise. */
export const ONVIF_DEVICE_TYPE: QName = { ns: TDS_NS, local: 'Device' };

/**
 * Prefixes for QNames in text that some firmware writes without declaring them. Only consulted
 * when the prefix is unbound; a declared prefix always wins.
 */
export const FALLBACK_PREFIXES: Readonly<Record<string, string>> = { dn: DN_NS, tds: TDS_NS, wsdp: WSDP_NS };
