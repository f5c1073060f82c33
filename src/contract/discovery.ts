import { z } from 'zod';
import { event, method } from './define';
import type { NetInterface, NetworkPrivilege } from './system';

import { DISCOVERY_PROTOCOLS, type DiscoveryProtocolName } from './discovery-protocols';

export { DISCOVERY_PROTOCOLS, type DiscoveryProtocolName } from './discovery-protocols';

/** Why a device is (not) reachable from the laptop without changing its addresses. */
export interface SubnetState {
  /** True when a laptop address shares the device's subnet. */
  inSubnet: boolean;
  /** When false: why, in one sentence ("no laptop address in 192.168.1.0/24"). */
  reason: string | null;
}

/** A device on the LAN, merged from every protocol that answered for it. */
export interface DiscoveredDevice {
  /** Stable id: survives IP changes (derived from the first identity seen: MAC, ONVIF uuid, UDN or serial). */
  id: string;
  /** Lowercase `aa:bb:cc:dd:ee:ff`, or null while unknown. */
  mac: string | null;
  /** Organisation that owns the MAC's OUI (offline IEEE table), or null. */
  macVendor: string | null;
  /** IPv4 addresses, most recently seen first. */
  ips: string[];
  /** Subnet mask when the device told us (SADP, DHIP). */
  mask: string | null;
  gateway: string | null;
  /** Laptop interfaces the device was heard on. */
  interfaces: string[];
  /** Protocol badges, in DISCOVERY_PROTOCOLS order. */
  protocols: DiscoveryProtocolName[];
  manufacturer: string | null;
  model: string | null;
  name: string | null;
  serial: string | null;
  firmware: string | null;
  /** ONVIF device-service URLs. */
  xaddrs: string[];
  /** ONVIF endpoint reference (`urn:uuid:...`). */
  endpoint: string | null;
  /** SSDP LOCATION (UPnP description URL). */
  location: string | null;
  /** UPnP UDN (`uuid:...`). */
  udn: string | null;
  /** SADP activation: false for a factory-new Hikvision needing a password; null when not reported. */
  activated: boolean | null;
  /** DHCP enabled, when reported (SADP, DHIP). */
  dhcp: boolean | null;
  /** HTTP port reported by SADP/DHIP. */
  httpPort: number | null;
  inSubnet: boolean;
  /** Why not in subnet; null when in subnet. */
  inSubnetReason: string | null;
  /** Presence as the watch sees it. */
  online: boolean;
  firstSeen: string;
  lastSeen: string;
}

const ifaceName = z.string().min(1).max(64).regex(/^[\w .:@()-]+$/, 'an interface name');

/** Options of a scan. */
export const scanOptionsSchema = z
  .object({
    /** Seconds to listen for answers (0.5..60). */
    timeoutSec: z.number().min(0.5).max(60).default(3),
    /** Interfaces to probe by name; empty = every up, physical IPv4 interface. */
    interfaces: z.array(ifaceName).max(32).default([]),
    /** Protocols to use; empty = all. */
    protocols: z.array(z.enum(DISCOVERY_PROTOCOLS)).max(4).default([]),
    /** Caller-chosen id, so it can cancel before the result arrives. */
    scanId: z.string().min(1).max(64).regex(/^[\w-]+$/).optional(),
  })
  .strict();

export type ScanOptions = z.input<typeof scanOptionsSchema>;

/** Options of the passive watch. */
export const watchOptionsSchema = z
  .object({
    interfaces: z.array(ifaceName).max(32).default([]),
    protocols: z.array(z.enum(DISCOVERY_PROTOCOLS)).max(4).default([]),
    /** Seconds between active re-probes (5..3600). */
    reprobeSec: z.number().min(5).max(3600).default(60),
    /** A device not heard for this long is offline (2..86400 s; default 3 re-probes plus a margin). */
    offlineAfterSec: z.number().min(2).max(86_400).optional(),
  })
  .strict()
  // Shorter than the re-probe period, a device that only answers probes would flap offline between rounds.
  .refine((o) => o.offlineAfterSec === undefined || o.offlineAfterSec > o.reprobeSec, {
    message: 'offlineAfterSec must be longer than reprobeSec',
    path: ['offlineAfterSec'],
  });

export type WatchOptions = z.input<typeof watchOptionsSchema>;

/** Counters of one scan. */
export interface ScanStats {
  /** Datagrams sent (probes, searches). */
  sent: number;
  /** Datagrams received and understood. */
  received: number;
  /** Datagrams that failed to parse: counted and ignored. */
  malformed: number;
  /** Descriptions (SSDP LOCATION) fetched / failed. */
  descriptions: number;
  descriptionErrors: number;
}

/** The result of a scan. */
export interface ScanResult {
  scanId: string;
  /** Devices that answered during this scan. */
  devices: DiscoveredDevice[];
  elapsedMs: number;
  cancelled: boolean;
  /** Interfaces probed. */
  interfaces: string[];
  /** Problems that did not stop the scan (a port already in use, an interface without IPv4). */
  warnings: string[];
  stats: ScanStats;
}

/** Progress of a running scan. */
export interface ScanProgress {
  scanId: string;
  phase: 'started' | 'probing' | 'listening' | 'done' | 'cancelled';
  elapsedMs: number;
  timeoutMs: number;
  /** Devices heard in this scan so far. */
  devices: number;
  stats: ScanStats;
}

/** A device appeared in or changed in the list. */
export interface DeviceEvent {
  change: 'added' | 'updated';
  device: DiscoveredDevice;
  /** Rows folded into this device (they turned out to be the same box): remove them from any list. */
  mergedIds: string[];
}

/** A device went online or offline (watch). The alarms service raises "device-offline" from these. */
export interface PresenceEvent {
  id: string;
  state: 'online' | 'offline';
  /** What told us: 'hello', 'bye', 'byebye', 'reply', 'timeout'. */
  cause: string;
  at: string;
  device: DiscoveredDevice;
}

/** State of the passive watch. */
export interface WatchState {
  running: boolean;
  interfaces: string[];
  reprobeSec: number | null;
  offlineAfterSec: number | null;
}

/** One check of the pre-flight doctor. */
export interface DoctorCheck {
  id: string;
  status: 'ok' | 'warn' | 'fail' | 'info';
  title: string;
  /** What was found and what to do, one or two sentences. */
  detail: string;
  /**
   * Stable kebab-case id of this message variant (e.g. `rp-filter-strict`, `firewall-on`), so a UI
   * can say `title` and `detail` in its own language; `title`/`detail` stay the English wording.
   */
  code: string;
  /** The values the variant's text inserts (interface names, port lists), by name. */
  params: Record<string, string | number>;
}

/** The pre-flight report: can discovery work on this laptop right now? */
export interface DoctorReport {
  platform: string;
  interfaces: NetInterface[];
  /** Interfaces discovery would probe by default. */
  probeInterfaces: string[];
  checks: DoctorCheck[];
  privileges: NetworkPrivilege;
}

export const discoveryContract = {
  scan: method(z.tuple([scanOptionsSchema.prefault({})]), 'Probe every protocol on the chosen interfaces; devices stream as discovery.device events.').returns<ScanResult>(),
  cancel: method(z.tuple([z.string().min(1).max(64).optional()]), 'Cancel one running scan (or all); returns how many were cancelled.').returns<{ cancelled: number }>(),
  list: method(z.tuple([]), 'Every device known, from this session and earlier ones.').returns<DiscoveredDevice[]>(),
  forget: method(z.tuple([z.string().min(1).max(128).optional()]), 'Forget one device (or all of them).').returns<{ removed: number }>(),
  watch: method(z.tuple([watchOptionsSchema.prefault({})]), 'Start the passive watch (Hello/Bye/NOTIFY and periodic re-probes).').returns<WatchState>(),
  unwatch: method(z.tuple([]), 'Stop the passive watch.').returns<WatchState>(),
  watchState: method(z.tuple([]), 'Whether the passive watch runs.').returns<WatchState>(),
  doctor: method(z.tuple([]), 'Pre-flight check: interfaces, multicast route, rp_filter, VPNs, firewall, privileges.').returns<DoctorReport>(),
};

export const discoveryEvents = {
  'discovery.device': event<DeviceEvent>('A device was found or its details changed.'),
  'discovery.progress': event<ScanProgress>('Progress of a running scan.'),
  'discovery.presence': event<PresenceEvent>('A device went online or offline.'),
};
