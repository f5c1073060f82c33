/**
 * Hikvision SADP (UDP 37020, group 239.255.255.250): read-only discovery. Changing settings over
 * SADP needs vendor encryption with no public spec, so FieldKit only probes and listens.
 */
import { childText, parseXml, XmlError, type XmlElement } from '../../xml/safe-xml';
import { DiscoveryParseError } from './errors';
import { tryNormaliseMac } from './mac';
import { assignDefined, isIPv4, toBool, toPort } from './values';

export { buildSadpProbe, SADP_MULTICAST_V4, SADP_PORT } from './sadp-probe';

/** A Hikvision device as its SADP ProbeMatch describes it. */
export interface SadpDevice {
  /** The probe's Uuid echoed back (matches replies to our probe). */
  uuid?: string;
  types?: string;
  /** Numeric device class code (e.g. "139015"). */
  deviceType?: string;
  /** DeviceDescription: the model, e.g. "DS-2CD2143G0-I". */
  model?: string;
  /** DeviceSN: full serial string. */
  serial?: string;
  /** Lowercase, colon-separated. */
  mac: string;
  ipv4: string;
  subnetMask?: string;
  gateway?: string;
  ipv6?: string;
  commandPort?: number;
  httpPort?: number;
  /** True when DHCP is enabled. */
  dhcp?: boolean;
  /** SoftwareVersion, e.g. "V5.5.82build 190220". */
  firmware?: string;
  dspVersion?: string;
  bootTime?: string;
  /**
   * False for a factory-new device that still needs a password. Firmware older than the
   * activation scheme (before 2015) omits the field and has no such step: reported as true.
   */
  activated: boolean;
  /** True when the device can reset its password over SADP. */
  passwordResetAbility?: boolean;
}

type SadpTextField = 'uuid' | 'types' | 'deviceType' | 'model' | 'serial' | 'firmware' | 'dspVersion' | 'bootTime';

/** A SADP datagram: a device's ProbeMatch, or a Probe (ours echoed back, or another tool's). */
export type SadpMessage = { kind: 'probeMatch'; device: SadpDevice } | { kind: 'probe'; uuid: string; types: string };

function field(root: XmlElement, name: string): string | undefined {
  const v = childText(root, '', name);
  return v === '' ? undefined : v;
}

function parseProbeMatch(root: XmlElement): SadpDevice {
  const f = (name: string): string | undefined => field(root, name);
  const mac = tryNormaliseMac(f('MAC') ?? '');
  if (!mac) throw new DiscoveryParseError('sadp', `ProbeMatch has no valid MAC (got "${f('MAC') ?? ''}")`);
  const ipv4 = f('IPv4Address');
  if (!isIPv4(ipv4)) throw new DiscoveryParseError('sadp', `ProbeMatch has no valid IPv4Address (got "${ipv4 ?? ''}")`);

  const device: SadpDevice = { mac, ipv4, activated: toBool(f('Activated')) ?? true };
  const text: Array<[SadpTextField, string]> = [
    ['uuid', 'Uuid'], ['types', 'Types'], ['deviceType', 'DeviceType'], ['model', 'DeviceDescription'],
    ['serial', 'DeviceSN'], ['firmware', 'SoftwareVersion'], ['dspVersion', 'DSPVersion'], ['bootTime', 'BootTime'],
  ];
  for (const [key, name] of text) assignDefined(device, key, f(name));
  const mask = f('IPv4SubnetMask');
  const gateway = f('IPv4Gateway');
  const ipv6 = f('IPv6Address');
  assignDefined(device, 'subnetMask', isIPv4(mask) ? mask : undefined);
  assignDefined(device, 'gateway', isIPv4(gateway) ? gateway : undefined);
  assignDefined(device, 'ipv6', ipv6 === '::' ? undefined : ipv6);
  assignDefined(device, 'commandPort', toPort(f('CommandPort')));
  assignDefined(device, 'httpPort', toPort(f('HttpPort')));
  assignDefined(device, 'dhcp', toBool(f('DHCP')));
  assignDefined(device, 'passwordResetAbility', toBool(f('PasswordResetAbility')));
  return device;
}

/** Parses one SADP datagram; throws {@link DiscoveryParseError} for garbage or hostile XML. */
export function parseSadpMessage(xml: string | Uint8Array): SadpMessage {
  let root: XmlElement;
  try {
    root = parseXml(xml, { maxSize: 16 * 1024, maxDepth: 8 });
  } catch (e) {
    throw new DiscoveryParseError('sadp', e instanceof XmlError ? e.message : String(e), { cause: e });
  }
  if (root.ns === '' && root.local === 'ProbeMatch') return { kind: 'probeMatch', device: parseProbeMatch(root) };
  if (root.ns === '' && root.local === 'Probe') {
    return { kind: 'probe', uuid: field(root, 'Uuid') ?? '', types: field(root, 'Types') ?? '' };
  }
  throw new DiscoveryParseError('sadp', `expected <ProbeMatch> or <Probe>, got <${root.local}>`);
}
