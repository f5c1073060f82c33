import type { RemoteInfo } from 'node:dgram';
import { SADP_MULTICAST_V4, parseSadpMessage } from '../../../src/discovery/protocols/sadp';
import { escapeXmlText } from '../../../src/xml/safe-xml';
import { truncateHalf } from './corrupt';
import type { CameraSimConfig } from './sim-config';
import { UdpResponder, type Target } from './udp-responder';

/** The ProbeMatch a Hikvision camera with this config sends, field order as on the wire. */
export function buildSadpProbeMatch(c: CameraSimConfig, probeUuid: string): string {
  const fields: Array<[string, string]> = [
    ['Uuid', probeUuid], ['Types', 'inquiry'], ['DeviceType', '139015'], ['DeviceDescription', c.model],
    ['DeviceSN', c.serial], ['CommandPort', '8000'], ['HttpPort', '80'],
    ['MAC', c.mac.toLowerCase().replace(/:/g, '-')], ['IPv4Address', c.ip], ['IPv4SubnetMask', c.mask],
    ['IPv4Gateway', c.gateway], ['IPv6Address', '::'], ['IPv6Gateway', '::'], ['IPv6MaskLen', '64'],
    ['DHCP', String(c.dhcp)], ['AnalogChannelNum', '0'], ['DigitalChannelNum', '1'],
    ['SoftwareVersion', c.firmware], ['DSPVersion', 'V7.3 build 190218'], ['BootTime', '2024-01-01 00:00:00'],
    ['Encrypt', 'true'], ['ResetAbility', 'false'], ['DiskNumber', '0'], ['Activated', String(c.activated)],
    ['PasswordResetAbility', 'true'],
  ];
  const body = fields.map(([k, v]) => `<${k}>${escapeXmlText(v)}</${k}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><ProbeMatch>${body}</ProbeMatch>`;
}

/** Answers SADP inquiries on UDP 37020, to the prober and/or the multicast group. */
export async function startSadpSim(c: CameraSimConfig, rootNetns: boolean, log: (l: string) => void): Promise<UdpResponder> {
  if (c.sadpReplyTo !== 'unicast' && !c.multicast) throw new Error(`sadpReplyTo "${c.sadpReplyTo}" needs multicast`);
  const targets = (from: RemoteInfo, group: Target[]): Target[] => {
    const unicast = [{ address: from.address, port: from.port }];
    if (c.sadpReplyTo === 'unicast') return unicast;
    return c.sadpReplyTo === 'multicast' ? group : [...unicast, ...group];
  };
  const responder: UdpResponder = await UdpResponder.start({
    name: 'sadp',
    ip: c.ip,
    port: c.ports.sadp,
    group: SADP_MULTICAST_V4,
    multicast: c.multicast,
    rootNetns,
    faults: c.faults,
    log,
    onDatagram: (data, from) => {
      const msg = parseSadpMessage(data);
      if (msg.kind !== 'probe' || msg.types.toLowerCase() !== 'inquiry') return [];
      const payload = new TextEncoder().encode(buildSadpProbeMatch(c, msg.uuid));
      return [{ payload, corrupt: truncateHalf, targets: targets(from, responder.groupTarget()) }];
    },
  });
  return responder;
}
