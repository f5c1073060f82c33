/**
 * Dahua DHIP discovery (UDP 37810, group 239.255.255.251): a 32-byte little-endian header then a
 * JSON body. Datagrams come from untrusted devices: lengths are checked before any byte is read.
 */
import { DiscoveryParseError } from './errors';
import { tryNormaliseMac } from './mac';
import { assignDefined, isIPv4, toBool, toPort } from './values';

export const DHIP_MULTICAST_V4 = '239.255.255.251';
export const DHIP_PORT = 37810;
export const DHIP_HEADER_LENGTH = 32;
/** No UDP payload can be longer. */
const MAX_BODY = 65507 - DHIP_HEADER_LENGTH;
const MAGIC = [0x44, 0x48, 0x49, 0x50]; // "DHIP"

/** One decoded DHIP packet. */
export interface DhipPacket {
  /** The body as text (trailing NULs and whitespace removed). */
  body: string;
  /** The body parsed as JSON. */
  json: unknown;
}

/** Frames a JSON body (object or already-serialised text) with the DHIP header. */
export function encodeDhipPacket(body: unknown): Uint8Array {
  const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  if (bytes.length > MAX_BODY) throw new RangeError(`DHIP body of ${bytes.length} bytes does not fit a datagram`);
  const packet = new Uint8Array(DHIP_HEADER_LENGTH + bytes.length);
  const view = new DataView(packet.buffer);
  view.setUint32(0, DHIP_HEADER_LENGTH, true);
  packet.set(MAGIC, 4);
  view.setUint32(16, bytes.length, true);
  view.setUint32(24, bytes.length, true);
  packet.set(bytes, DHIP_HEADER_LENGTH);
  return packet;
}

/** The discovery request, `{"method":"DHDiscover.search","params":{"mac":"","uni":1}}`. */
export function buildDhipDiscover(): Uint8Array {
  return encodeDhipPacket({ method: 'DHDiscover.search', params: { mac: '', uni: 1 } });
}

/**
 * Decodes every DHIP packet in a datagram (normally one). Throws {@link DiscoveryParseError} on a
 * bad magic, a truncated packet, lengths that disagree or exceed the datagram, or a non-JSON body.
 */
export function decodeDhipPackets(datagram: Uint8Array): DhipPacket[] {
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const packets: DhipPacket[] = [];
  let offset = 0;
  while (offset < datagram.length) {
    const left = datagram.length - offset;
    if (left < DHIP_HEADER_LENGTH) {
      throw new DiscoveryParseError('dhip', `truncated header: ${left} bytes at offset ${offset}, need ${DHIP_HEADER_LENGTH}`);
    }
    const headerLength = view.getUint32(offset, true);
    if (headerLength !== DHIP_HEADER_LENGTH || MAGIC.some((b, i) => datagram[offset + 4 + i] !== b)) {
      throw new DiscoveryParseError('dhip', `no DHIP header at offset ${offset}`);
    }
    const length = view.getUint32(offset + 16, true);
    const length2 = view.getUint32(offset + 24, true);
    if (length !== length2) throw new DiscoveryParseError('dhip', `header lengths disagree (${length} vs ${length2})`);
    if (length > left - DHIP_HEADER_LENGTH) {
      throw new DiscoveryParseError('dhip', `body length ${length} exceeds the ${left - DHIP_HEADER_LENGTH} bytes received`);
    }
    const start = offset + DHIP_HEADER_LENGTH;
    const body = new TextDecoder('utf-8').decode(datagram.subarray(start, start + length)).replace(/[\s\0]+$/, '');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw new DiscoveryParseError('dhip', `body is not JSON: ${(e as Error).message}`, { cause: e });
    }
    packets.push({ body, json });
    offset = start + length;
  }
  if (packets.length === 0) throw new DiscoveryParseError('dhip', 'empty datagram');
  return packets;
}

/** A Dahua (or OEM) device as `client.notifyDevInfo` describes it. */
export interface DhipDevice {
  /** Lowercase, colon-separated. */
  mac: string;
  ipv4: string;
  subnetMask?: string;
  gateway?: string;
  dhcp?: boolean;
  /** DeviceType: the model, e.g. "IPC-HDW4431C-A". */
  model?: string;
  /** DeviceClass: "IPC", "NVR", "VTO"... */
  deviceClass?: string;
  serial?: string;
  /** Version: firmware, e.g. "2.800.0000000.16.R". */
  firmware?: string;
  /** MachineName as set on the device. */
  name?: string;
  vendor?: string;
  httpPort?: number;
  httpsPort?: number;
  /** The private TCP service port (37777 by default). */
  port?: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The `method` of a DHIP JSON body, if any: lets listeners skip other clients' searches. */
export function dhipMethod(json: unknown): string | undefined {
  return str(obj(json)?.method);
}

/**
 * Normalises a `client.notifyDevInfo` body (parsed JSON or its text). Throws
 * {@link DiscoveryParseError} for other methods or when the MAC or IPv4 address is missing.
 */
export function parseDhipDeviceInfo(json: unknown): DhipDevice {
  let root: Json | undefined;
  try {
    root = obj(typeof json === 'string' ? JSON.parse(json) : json);
  } catch (e) {
    throw new DiscoveryParseError('dhip', `body is not JSON: ${(e as Error).message}`, { cause: e });
  }
  const method = dhipMethod(root);
  if (method !== 'client.notifyDevInfo') throw new DiscoveryParseError('dhip', `expected client.notifyDevInfo, got ${method ?? 'no method'}`);
  const info = obj(obj(root?.params)?.deviceInfo);
  if (!info) throw new DiscoveryParseError('dhip', 'notifyDevInfo without params.deviceInfo');
  const rawMac = str(info.Mac) ?? str(root?.mac);
  const mac = rawMac === undefined ? undefined : tryNormaliseMac(rawMac);
  if (!mac) throw new DiscoveryParseError('dhip', `deviceInfo has no valid Mac (got "${rawMac ?? ''}")`);
  const v4 = obj(info.IPv4Address);
  const ipv4 = str(v4?.IPAddress);
  if (!isIPv4(ipv4)) throw new DiscoveryParseError('dhip', `deviceInfo has no valid IPv4Address.IPAddress (got "${ipv4 ?? ''}")`);

  const device: DhipDevice = { mac, ipv4 };
  const mask = str(v4?.SubnetMask);
  const gateway = str(v4?.DefaultGateway);
  assignDefined(device, 'subnetMask', isIPv4(mask) ? mask : undefined);
  assignDefined(device, 'gateway', isIPv4(gateway) ? gateway : undefined);
  assignDefined(device, 'dhcp', toBool(v4?.DhcpEnable));
  assignDefined(device, 'model', str(info.DeviceType));
  assignDefined(device, 'deviceClass', str(info.DeviceClass));
  assignDefined(device, 'serial', str(info.SerialNo));
  assignDefined(device, 'firmware', str(info.Version));
  assignDefined(device, 'name', str(info.MachineName));
  assignDefined(device, 'vendor', str(info.Vendor));
  assignDefined(device, 'httpPort', toPort(info.HttpPort));
  assignDefined(device, 'httpsPort', toPort(info.HttpsPort));
  assignDefined(device, 'port', toPort(info.Port));
  return device;
}
