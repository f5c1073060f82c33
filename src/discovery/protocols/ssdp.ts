/**
 * SSDP datagrams (UDP 1900): M-SEARCH responses, NOTIFY alive/byebye/update and other clients'
 * M-SEARCHes. Devices and node-ssdp disagree on header case, spacing and line endings, so the
 * parser accepts any case, no space after the colon, CRLF or bare LF.
 */
import { DiscoveryParseError } from './errors';

/** SSDP multicast group and port (IPv4). */
export const SSDP_MULTICAST_V4 = '239.255.255.250';
export const SSDP_PORT = 1900;
const MAX_DATAGRAM = 16 * 1024;

/** What an SSDP datagram is. */
export type SsdpKind = 'response' | 'alive' | 'byebye' | 'update' | 'search';

/** A parsed SSDP datagram. Headers keep every field, names lowercased; the rest are shortcuts. */
export interface SsdpMessage {
  kind: SsdpKind;
  /** Lowercased header names; the first occurrence wins when a header repeats. */
  headers: Record<string, string>;
  location?: string;
  usn?: string;
  /** Search target (responses and M-SEARCH). */
  st?: string;
  /** Notification type (NOTIFY). */
  nt?: string;
  /** Notification sub-type (`ssdp:alive`, `ssdp:byebye`, `ssdp:update`). */
  nts?: string;
  server?: string;
  /** Seconds from CACHE-CONTROL max-age. */
  maxAge?: number;
  /** The device's `uuid:...` from the USN. */
  udn?: string;
}

/** The `uuid:...` part of a USN (`uuid:X::upnp:rootdevice` → `uuid:X`). */
export function udnFromUsn(usn: string): string | undefined {
  const head = usn.split('::')[0]?.trim() ?? '';
  return /^uuid:\S+$/i.test(head) ? head : undefined;
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  let last: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') break;
    if (/^[ \t]/.test(line) && last !== undefined) {
      // Obsolete header folding: a continuation of the previous value.
      headers[last] = `${headers[last] ?? ''} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) continue;
    last = name;
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return { ...headers };
}

function kindOf(startLine: string, nts: string | undefined): SsdpKind {
  const status = /^HTTP\/1\.[01]\s+(\d{3})\b/i.exec(startLine);
  if (status) {
    if (status[1] !== '200') throw new DiscoveryParseError('ssdp', `response status ${status[1]} is not 200`);
    return 'response';
  }
  const method = /^([A-Za-z-]+)\s+\*\s+HTTP\/1\.[01]$/i.exec(startLine)?.[1]?.toUpperCase();
  if (method === 'M-SEARCH') return 'search';
  if (method !== 'NOTIFY') throw new DiscoveryParseError('ssdp', `not an SSDP start line: "${startLine.slice(0, 60)}"`);
  const sub = nts?.toLowerCase();
  if (sub === 'ssdp:alive') return 'alive';
  if (sub === 'ssdp:byebye') return 'byebye';
  if (sub === 'ssdp:update') return 'update';
  throw new DiscoveryParseError('ssdp', nts === undefined ? 'NOTIFY without an NTS header' : `unknown NTS "${nts}"`);
}

/** Parses one SSDP datagram; throws {@link DiscoveryParseError} for anything that is not SSDP. */
export function parseSsdpMessage(datagram: string | Uint8Array): SsdpMessage {
  if (datagram.length > MAX_DATAGRAM) throw new DiscoveryParseError('ssdp', `datagram of ${datagram.length} bytes is too large`);
  const text = typeof datagram === 'string' ? datagram : new TextDecoder('utf-8').decode(datagram);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const startLine = lines.shift()?.trim() ?? '';
  const headers = parseHeaders(lines);
  const msg: SsdpMessage = { kind: kindOf(startLine, headers.nts), headers };
  if (headers.location) msg.location = headers.location;
  if (headers.usn) msg.usn = headers.usn;
  if (headers.st) msg.st = headers.st;
  if (headers.nt) msg.nt = headers.nt;
  if (headers.nts) msg.nts = headers.nts;
  if (headers.server) msg.server = headers.server;
  const maxAge = /max-age\s*=\s*"?(\d{1,9})/i.exec(headers['cache-control'] ?? '')?.[1];
  if (maxAge !== undefined) msg.maxAge = Number(maxAge);
  const udn = msg.usn === undefined ? undefined : udnFromUsn(msg.usn);
  if (udn !== undefined) msg.udn = udn;
  if (msg.kind === 'response' && msg.usn === undefined && msg.st === undefined) {
    throw new DiscoveryParseError('ssdp', 'M-SEARCH response has neither USN nor ST');
  }
  return msg;
}

/**
 * An M-SEARCH datagram. `mx` is the seconds devices may wait before answering (1..5 per UPnP);
 * `host` defaults to the multicast group (use `ip:1900` for a unicast search).
 */
export function buildMSearch(st: string, mx = 2, host = `${SSDP_MULTICAST_V4}:${SSDP_PORT}`): string {
  if (!/^[\x21-\x7e]+$/.test(st)) throw new RangeError(`invalid SSDP search target "${st.slice(0, 60)}"`);
  if (!Number.isInteger(mx) || mx < 1 || mx > 5) throw new RangeError(`MX must be an integer 1..5, got ${mx}`);
  if (!/^[\w.:[\]-]+$/.test(host)) throw new RangeError(`invalid SSDP host "${host.slice(0, 60)}"`);
  return `M-SEARCH * HTTP/1.1\r\nHOST: ${host}\r\nMAN: "ssdp:discover"\r\nMX: ${mx}\r\nST: ${st}\r\n\r\n`;
}
