import type { DiscoveryProtocolName } from '../contract/discovery';

/** Descriptive fields a protocol may report; the registry picks per field by protocol priority. */
export interface DeviceFields {
  manufacturer?: string;
  model?: string;
  name?: string;
  serial?: string;
  firmware?: string;
  mask?: string;
  gateway?: string;
  xaddrs?: string[];
  location?: string;
  activated?: boolean;
  dhcp?: boolean;
  httpPort?: number;
}

/** What made a device show up (watch presence: bye/byebye mean it left). */
export type ObservationCause = 'reply' | 'hello' | 'bye' | 'alive' | 'byebye' | 'description';

/** One thing heard about one device, normalised from any protocol. */
export interface Observation {
  protocol: DiscoveryProtocolName;
  cause: ObservationCause;
  /** Milliseconds since the epoch. */
  at: number;
  /** The device's IPv4: the address it reports (SADP, DHIP) or the datagram's source. */
  ip: string;
  /** Laptop interface it was heard on, when known. */
  iface: string | null;
  mac?: string;
  /** ONVIF endpoint reference address (`urn:uuid:...`). */
  endpoint?: string;
  /** UPnP UDN (`uuid:...`). */
  udn?: string;
  fields: DeviceFields;
}
