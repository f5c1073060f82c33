/**
 * Protocol results → {@link Observation}s. Only identity and descriptive fields survive; every
 * string is trimmed and length-capped because it came from an untrusted device.
 */
import type { DhipDevice } from './protocols/dhip';
import { tryNormaliseMac } from './protocols/mac';
import { parseOnvifScopes } from './protocols/onvif-scopes';
import type { SadpDevice } from './protocols/sadp';
import type { SsdpMessage } from './protocols/ssdp';
import type { UpnpDeviceDescription } from './protocols/upnp-description';
import { isIPv4 } from './protocols/values';
import { DN_NS, ONVIF_DEVICE_TYPE, type WsdMatch } from './protocols/wsdiscovery';
import type { DeviceFields, Observation, ObservationCause } from './observation';

const MAX_TEXT = 200;
const MAX_URLS = 8;

/** Trims, drops control characters and caps a device-supplied string; undefined when empty. */
export function clean(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const s = v.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return s === '' ? undefined : s.slice(0, MAX_TEXT);
}

function urls(list: string[]): string[] {
  return list.filter((u) => /^https?:\/\/[^\s<>"]+$/i.test(u) && u.length <= 512).slice(0, MAX_URLS);
}

function put<K extends keyof DeviceFields>(f: DeviceFields, key: K, value: DeviceFields[K] | undefined): void {
  if (value !== undefined) f[key] = value;
}

/** Where an observation came from. */
export interface Heard {
  at: number;
  /** Datagram source address. */
  from: string;
  iface: string | null;
}

/**
 * True for ONVIF devices: dn:NetworkVideoTransmitter (cameras, encoders) or tds:Device (NVRs).
 * Other WS-Discovery hosts (Windows, printers, wsdd) advertise other types and are not listed.
 */
export function isOnvifMatch(match: WsdMatch): boolean {
  return match.types.some((t) => (t.ns === DN_NS && t.local === 'NetworkVideoTransmitter') || (t.ns === ONVIF_DEVICE_TYPE.ns && t.local === ONVIF_DEVICE_TYPE.local));
}

/** A ProbeMatch, ResolveMatch, Hello or Bye. */
export function fromWsdMatch(match: WsdMatch, cause: ObservationCause, heard: Heard): Observation {
  const scopes = parseOnvifScopes(match.scopes);
  const fields: DeviceFields = {};
  put(fields, 'name', clean(scopes.name));
  put(fields, 'model', clean(scopes.hardware));
  const manufacturer = scopes.other.map((s) => /^onvif:\/\/www\.onvif\.org\/manufacturer\/(.+)$/i.exec(s)?.[1]).find((x) => x);
  if (manufacturer) {
    try {
      put(fields, 'manufacturer', clean(decodeURIComponent(manufacturer)));
    } catch {
      put(fields, 'manufacturer', clean(manufacturer));
    }
  }
  const xaddrs = urls(match.xaddrs);
  if (xaddrs.length) fields.xaddrs = xaddrs;
  const obs: Observation = { protocol: 'onvif', cause, at: heard.at, ip: heard.from, iface: heard.iface, fields };
  if (scopes.mac) obs.mac = scopes.mac;
  const endpoint = clean(match.address);
  if (endpoint) obs.endpoint = endpoint.toLowerCase();
  return obs;
}

/** A SADP ProbeMatch (Hikvision and its OEMs). */
export function fromSadp(d: SadpDevice, heard: Heard): Observation {
  const fields: DeviceFields = { manufacturer: 'Hikvision', activated: d.activated };
  put(fields, 'model', clean(d.model));
  put(fields, 'serial', clean(d.serial));
  put(fields, 'firmware', clean(d.firmware));
  put(fields, 'mask', d.subnetMask);
  put(fields, 'gateway', d.gateway);
  put(fields, 'dhcp', d.dhcp);
  put(fields, 'httpPort', d.httpPort);
  return { protocol: 'sadp', cause: 'reply', at: heard.at, ip: d.ipv4, iface: heard.iface, mac: d.mac, fields };
}

/** A DHIP client.notifyDevInfo (Dahua and its OEMs). */
export function fromDhip(d: DhipDevice, heard: Heard): Observation {
  const fields: DeviceFields = { manufacturer: clean(d.vendor) ?? 'Dahua' };
  put(fields, 'model', clean(d.model));
  put(fields, 'name', clean(d.name));
  put(fields, 'serial', clean(d.serial));
  put(fields, 'firmware', clean(d.firmware));
  put(fields, 'mask', d.subnetMask);
  put(fields, 'gateway', d.gateway);
  put(fields, 'dhcp', d.dhcp);
  put(fields, 'httpPort', d.httpPort);
  return { protocol: 'dhip', cause: 'reply', at: heard.at, ip: d.ipv4, iface: heard.iface, mac: d.mac, fields };
}

/** An M-SEARCH response or NOTIFY; undefined when it names no device (no UDN). */
export function fromSsdp(m: SsdpMessage, heard: Heard): Observation | undefined {
  if (!m.udn) return undefined;
  const cause: ObservationCause = m.kind === 'byebye' ? 'byebye' : m.kind === 'response' ? 'reply' : 'alive';
  const fields: DeviceFields = {};
  const loc = m.location && urls([m.location])[0];
  if (loc) fields.location = loc;
  return { protocol: 'ssdp', cause, at: heard.at, ip: heard.from, iface: heard.iface, udn: m.udn.toLowerCase().slice(0, 128), fields };
}

/** A fetched UPnP device description. */
export function fromDescription(d: UpnpDeviceDescription, location: string, heard: Heard): Observation {
  const fields: DeviceFields = { location };
  put(fields, 'manufacturer', clean(d.manufacturer));
  put(fields, 'model', clean(d.modelName ?? d.modelNumber));
  put(fields, 'name', clean(d.friendlyName));
  put(fields, 'serial', clean(d.serialNumber));
  const obs: Observation = { protocol: 'ssdp', cause: 'description', at: heard.at, ip: heard.from, iface: heard.iface, fields };
  if (d.udn) obs.udn = d.udn.toLowerCase().slice(0, 128);
  const mac = d.macAddress && tryNormaliseMac(d.macAddress);
  if (mac) obs.mac = mac;
  return obs;
}

/** True when `url` points at `ip` (descriptions are fetched only from the device that answered). */
export function urlHostIs(url: string, ip: string): boolean {
  if (!isIPv4(ip)) return false;
  try {
    return new URL(url).hostname === ip;
  } catch {
    return false;
  }
}
