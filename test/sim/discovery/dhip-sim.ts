import type { RemoteInfo } from 'node:dgram';
import {
  DHIP_MULTICAST_V4, decodeDhipPackets, dhipMethod, encodeDhipPacket,
} from '../../../src/discovery/protocols/dhip';
import { lieAboutDhipLength } from './corrupt';
import type { CameraSimConfig } from './sim-config';
import { UdpResponder, type Target } from './udp-responder';

/** The client.notifyDevInfo body a Dahua camera with this config sends. */
export function buildDhipDevInfo(c: CameraSimConfig): object {
  return {
    mac: c.mac.toLowerCase(),
    method: 'client.notifyDevInfo',
    params: {
      deviceInfo: {
        AlarmInputChannels: 1,
        AlarmOutputChannels: 1,
        DeviceClass: 'IPC',
        DeviceType: c.model,
        HttpPort: 80,
        HttpsPort: 443,
        IPv4Address: { DefaultGateway: c.gateway, DhcpEnable: c.dhcp, IPAddress: c.ip, SubnetMask: c.mask },
        MachineName: c.name,
        Port: 37777,
        SerialNo: c.serial,
        Vendor: c.manufacturer,
        Version: c.firmware,
        VideoInputChannels: 1,
      },
    },
  };
}

/** Answers DHDiscover.search on UDP 37810, to the searcher and/or group 239.255.255.251. */
export async function startDhipSim(c: CameraSimConfig, rootNetns: boolean, log: (l: string) => void): Promise<UdpResponder> {
  if (c.dhipReplyTo !== 'unicast' && !c.multicast) throw new Error(`dhipReplyTo "${c.dhipReplyTo}" needs multicast`);
  const targets = (from: RemoteInfo, group: Target[]): Target[] => {
    const unicast = [{ address: from.address, port: from.port }];
    if (c.dhipReplyTo === 'unicast') return unicast;
    return c.dhipReplyTo === 'multicast' ? group : [...unicast, ...group];
  };
  const responder: UdpResponder = await UdpResponder.start({
    name: 'dhip',
    ip: c.ip,
    port: c.ports.dhip,
    group: DHIP_MULTICAST_V4,
    multicast: c.multicast,
    rootNetns,
    faults: c.faults,
    log,
    onDatagram: (data, from) => {
      const searches = decodeDhipPackets(data).filter((p) => dhipMethod(p.json) === 'DHDiscover.search');
      if (searches.length === 0) return [];
      const payload = encodeDhipPacket(buildDhipDevInfo(c));
      return [{ payload, corrupt: lieAboutDhipLength, targets: targets(from, responder.groupTarget()) }];
    },
  });
  return responder;
}
