import type { RemoteInfo } from 'node:dgram';
import {
  NVT_TYPE, ONVIF_DEVICE_TYPE, parseWsdMessage, typesMatch, WSD_MULTICAST_V4,
} from '../../../src/discovery/protocols/wsdiscovery';
import { truncateHalf } from './corrupt';
import type { CameraSimConfig } from './sim-config';
import { UdpResponder, type Reply, type Target } from './udp-responder';
import { buildBye, buildHello, buildProbeMatches, buildResolveMatches, type AppSequence, type WsdEndpoint } from './wsd-messages';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The ONVIF scopes a camera with this config advertises. */
export function simScopes(c: CameraSimConfig): string[] {
  return [
    'onvif://www.onvif.org/type/video_encoder',
    'onvif://www.onvif.org/Profile/Streaming',
    `onvif://www.onvif.org/name/${encodeURIComponent(c.name)}`,
    `onvif://www.onvif.org/hardware/${encodeURIComponent(c.model)}`,
    `onvif://www.onvif.org/location/${c.location.split('/').map(encodeURIComponent).join('/')}`,
    ...(c.wsd.macScope ? [`onvif://www.onvif.org/MAC/${c.mac.toLowerCase()}`] : []),
  ];
}

/** A running WS-Discovery responder. */
export interface WsdSim {
  port: number;
  /** Sends Bye (if configured) and closes. */
  stop(): Promise<void>;
}

/** Answers Probe and Resolve on UDP 3702 and announces Hello/Bye. */
export async function startWsdSim(c: CameraSimConfig, rootNetns: boolean, log: (l: string) => void): Promise<WsdSim> {
  const endpoint: WsdEndpoint = {
    address: `urn:uuid:${c.uuid}`,
    deviceType: c.wsd.deviceType,
    scopes: simScopes(c),
    xaddrs: [`http://${c.ip}/onvif/device_service`],
    metadataVersion: 1,
  };
  const advertised = c.wsd.deviceType ? [NVT_TYPE, ONVIF_DEVICE_TYPE] : [NVT_TYPE];
  const seq: AppSequence = { instanceId: Math.floor(Date.now() / 1000), messageNumber: 0 };
  const reply = (xml: string, from: RemoteInfo): Reply => ({
    payload: enc(xml),
    corrupt: truncateHalf,
    targets: [{ address: from.address, port: from.port }],
    copies: c.wsd.replyTwice ? 2 : 1,
    ...(c.wsd.delayMs ? { delayMs: c.wsd.delayMs.min + Math.floor(Math.random() * (Math.max(c.wsd.delayMs.max, c.wsd.delayMs.min) - c.wsd.delayMs.min + 1)) } : {}),
  });

  const responder = await UdpResponder.start({
    name: 'wsd',
    ip: c.ip,
    port: c.ports.wsd,
    group: WSD_MULTICAST_V4,
    multicast: c.multicast,
    rootNetns,
    faults: c.faults,
    log,
    onDatagram: (data, from) => {
      const msg = parseWsdMessage(data);
      if (msg.kind === 'probe' && typesMatch(msg.probeTypes ?? [], advertised)) {
        return [reply(buildProbeMatches(endpoint, msg.messageId ?? '', seq, !c.wsd.omitXAddrs), from)];
      }
      if (msg.kind === 'resolve' && msg.resolveAddress === endpoint.address) {
        return [reply(buildResolveMatches(endpoint, msg.messageId ?? '', seq), from)];
      }
      return [];
    },
  });
  const announceTargets: Target[] = [...responder.groupTarget(), ...c.announceTo];
  if (c.wsd.hello) await responder.announce(enc(buildHello(endpoint, seq)), announceTargets);

  return {
    port: responder.port,
    async stop() {
      if (c.wsd.hello) await responder.announce(enc(buildBye(endpoint, seq)), announceTargets);
      await responder.close();
    },
  };
}
