/**
 * UPnP device description (the XML at an SSDP LOCATION). Only the root device is read: cameras
 * and NVRs describe themselves there; embedded devices are services of the same box.
 */
import { childOf, childText, parseXml, XmlError, type XmlElement } from '../../xml/safe-xml';
import { DiscoveryParseError } from './errors';
import { tryNormaliseMac } from './mac';
import { assignDefined } from './values';

/** UPnP device description namespace. */
export const UPNP_DEVICE_NS = 'urn:schemas-upnp-org:device-1-0';

/** The identifying fields of a UPnP root device. */
export interface UpnpDeviceDescription {
  deviceType?: string;
  friendlyName?: string;
  manufacturer?: string;
  modelName?: string;
  modelNumber?: string;
  modelDescription?: string;
  serialNumber?: string;
  /** `uuid:...`: matches the SSDP USN's device part. */
  udn?: string;
  /** Absolute when a base URL was known (URLBase or the LOCATION passed in). */
  presentationURL?: string;
  /** From a vendor `macAddress` element if the device adds one, normalised. */
  macAddress?: string;
}

// Non-standard MAC elements seen in camera descriptions, matched by local name in any namespace
// because every vendor puts its extension in its own namespace (or none).
const MAC_ELEMENTS = ['macAddress', 'MACAddress', 'mac', 'MAC'];
// Namespace-less descriptions exist on cheap firmware; the UPnP namespace is tried first.
const DEVICE_NSS = [UPNP_DEVICE_NS, ''];

function resolveUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

function vendorMac(device: XmlElement): string | undefined {
  const stack = [device];
  for (let el = stack.pop(); el; el = stack.pop()) {
    for (const c of el.children) {
      if (MAC_ELEMENTS.includes(c.local)) {
        const mac = tryNormaliseMac(c.text);
        if (mac) return mac;
      }
      if (c.local !== 'deviceList') stack.push(c);
    }
  }
  return undefined;
}

/**
 * Parses a UPnP device description. `location` (the SSDP LOCATION it came from) resolves a
 * relative presentationURL. Throws {@link DiscoveryParseError} for hostile or non-UPnP XML.
 */
export function parseDeviceDescription(xml: string | Uint8Array, location?: string): UpnpDeviceDescription {
  let root: XmlElement;
  try {
    root = parseXml(xml, { maxSize: 256 * 1024 });
  } catch (e) {
    throw new DiscoveryParseError('upnp', e instanceof XmlError ? e.message : String(e), { cause: e });
  }
  if (root.local !== 'root' || !DEVICE_NSS.includes(root.ns)) {
    throw new DiscoveryParseError('upnp', `expected a UPnP <root> in ${UPNP_DEVICE_NS}, got <${root.local}> in "${root.ns}"`);
  }
  const device = childOf(root, root.ns, 'device');
  if (!device) throw new DiscoveryParseError('upnp', 'device description has no <device>');
  const ns = root.ns;
  const field = (name: string): string | undefined => childText(device, ns, name) || undefined;
  const base = childText(root, ns, 'URLBase') || location;

  const out: UpnpDeviceDescription = {};
  const put = (key: keyof UpnpDeviceDescription, value: string | undefined): void => assignDefined(out, key, value);
  put('deviceType', field('deviceType'));
  put('friendlyName', field('friendlyName'));
  put('manufacturer', field('manufacturer'));
  put('modelName', field('modelName'));
  put('modelNumber', field('modelNumber'));
  put('modelDescription', field('modelDescription'));
  put('serialNumber', field('serialNumber'));
  put('udn', field('UDN'));
  put('presentationURL', resolveUrl(field('presentationURL'), base));
  put('macAddress', vendorMac(device));
  if (out.udn === undefined && out.friendlyName === undefined) {
    throw new DiscoveryParseError('upnp', 'device description has neither UDN nor friendlyName');
  }
  return out;
}
