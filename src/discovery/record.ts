import type { DiscoveryProtocolName } from '../contract/discovery';
import type { DeviceFields } from './observation';

/** Where a device's fields came from: a protocol, or `upnp` for a fetched SSDP description. */
export type SourceKey = DiscoveryProtocolName | 'upnp';

/**
 * The registry's memory of one device: identities, each source's latest word, and times.
 * Plain JSON so the store can persist it as is.
 */
export interface DeviceRecord {
  id: string;
  mac: string | null;
  /** True when the MAC came from the OS neighbour table, not the device: a device's own word replaces it. */
  macWeak?: boolean;
  endpoint: string | null;
  udn: string | null;
  serial: string | null;
  /** The address each source last reported, with when. */
  ipBySource: Partial<Record<SourceKey, { ip: string; at: number }>>;
  interfaces: string[];
  protocols: DiscoveryProtocolName[];
  sources: Partial<Record<SourceKey, DeviceFields>>;
  firstSeen: number;
  lastSeen: number;
  online: boolean;
}
