import { FieldKitError } from '../contract/errors';
import { childOf, childrenOf, childText, type XmlElement } from '../xml/safe-xml';
import { tryNormaliseMac } from '../discovery/protocols/mac';
import { NS } from './namespaces';
import type { CameraClock, DeviceInformation, Ipv4Config, NetworkInterfaceInfo } from './types';

const num = (el: XmlElement | undefined, local: string): number | null => {
  const t = childText(el, NS.tt, local)?.trim();
  const n = t === undefined ? NaN : Number(t);
  return Number.isInteger(n) ? n : null;
};

/** GetSystemDateAndTimeResponse → the camera's UTC time and its offset from `laptopNow`. */
export function parseClock(body: XmlElement, laptopNow: number): CameraClock {
  const sdt = childOf(body, NS.tds, 'SystemDateAndTime');
  const utc = childOf(sdt, NS.tt, 'UTCDateTime');
  const date = childOf(utc, NS.tt, 'Date');
  const time = childOf(utc, NS.tt, 'Time');
  const parts = [num(date, 'Year'), num(date, 'Month'), num(date, 'Day'), num(time, 'Hour'), num(time, 'Minute'), num(time, 'Second')];
  let iso: string | null = null;
  let offsetMs = 0;
  if (parts.every((p) => p !== null)) {
    const [y, mo, d, h, mi, s] = parts as number[];
    const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
    if (!Number.isNaN(ms) && mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= 31 && h! <= 23 && mi! <= 59 && s! <= 60) {
      iso = new Date(ms).toISOString();
      offsetMs = ms - Math.floor(laptopNow / 1000) * 1000;
    }
  }
  return {
    utc: iso,
    offsetMs,
    type: childText(sdt, NS.tt, 'DateTimeType')?.trim() ?? null,
    timezone: childText(childOf(sdt, NS.tt, 'TimeZone'), NS.tt, 'TZ')?.trim() ?? null,
  };
}

export function parseDeviceInformation(body: XmlElement): DeviceInformation {
  const t = (local: string) => (childText(body, NS.tds, local) ?? '').trim();
  return {
    manufacturer: t('Manufacturer'),
    model: t('Model'),
    firmwareVersion: t('FirmwareVersion'),
    serialNumber: t('SerialNumber'),
    hardwareId: t('HardwareId'),
  };
}

function prefixed(el: XmlElement | undefined): { address: string; prefix: number } | null {
  const address = childText(el, NS.tt, 'Address')?.trim();
  const prefix = num(el, 'PrefixLength');
  return address && prefix !== null ? { address, prefix } : null;
}

function parseIpv4(ipv4: XmlElement | undefined): Ipv4Config | null {
  if (!ipv4) return null;
  const config = childOf(ipv4, NS.tt, 'Config');
  return {
    enabled: childText(ipv4, NS.tt, 'Enabled')?.trim() === 'true',
    dhcp: childText(config, NS.tt, 'DHCP')?.trim() === 'true',
    manual: childrenOf(config, NS.tt, 'Manual').map(prefixed).filter((x): x is { address: string; prefix: number } => x !== null),
    fromDhcp: prefixed(childOf(config, NS.tt, 'FromDHCP')),
  };
}

/** GetNetworkInterfacesResponse → interfaces with their IPv4 configuration. */
export function parseNetworkInterfaces(body: XmlElement): NetworkInterfaceInfo[] {
  return childrenOf(body, NS.tds, 'NetworkInterfaces').map((ni) => {
    const token = ni.attrs.find((a) => a.local === 'token')?.value;
    if (!token) throw new FieldKitError('failed', 'GetNetworkInterfaces: an interface without a token.');
    const info = childOf(ni, NS.tt, 'Info');
    const hw = childText(info, NS.tt, 'HwAddress')?.trim();
    return {
      token,
      enabled: childText(ni, NS.tt, 'Enabled')?.trim() === 'true',
      name: childText(info, NS.tt, 'Name')?.trim() || null,
      mac: hw ? (tryNormaliseMac(hw) ?? null) : null,
      ipv4: parseIpv4(childOf(ni, NS.tt, 'IPv4')),
    };
  });
}
