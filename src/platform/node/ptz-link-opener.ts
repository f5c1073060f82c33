import type { PtzLinkOpener } from '../../ptz/service/ports';
import { openSerialLink } from './serial-link';
import { openTcpLink } from './tcp-link';
import { openUdpLink } from './udp-link';

/** Serial ports, UDP and TCP sockets of this machine as PTZ byte links. */
export function nodePtzLinkOpener(): PtzLinkOpener {
  return { serial: openSerialLink, udp: openUdpLink, tcp: openTcpLink };
}
