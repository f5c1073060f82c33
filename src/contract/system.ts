import { z } from 'zod';
import { event, method } from './define';

/** Which host runs the core: decides what the UI can offer (a PDF printer, a desktop window). */
export type HostKind = 'electron' | 'browser' | 'cli';

/** How an interface is classified; discovery probes only `physical` by default. */
export type InterfaceKind = 'physical' | 'wireless' | 'loopback' | 'virtual' | 'vpn' | 'container';

/** One IPv4 or IPv6 address bound to an interface. */
export interface InterfaceAddress {
  family: 'IPv4' | 'IPv6';
  address: string;
  netmask: string;
  /** Prefix length, e.g. 24. */
  prefix: number;
  /** `address/prefix`. */
  cidr: string;
}

/** A network interface of the laptop, as FieldKit sees it. */
export interface NetInterface {
  name: string;
  /** MAC as `aa:bb:cc:dd:ee:ff`, or null for interfaces without one (loopback, tun). */
  mac: string | null;
  up: boolean;
  kind: InterfaceKind;
  /** Why it was classified so (e.g. "no device link in /sys", "name matches docker*"). */
  kindReason: string;
  addresses: InterfaceAddress[];
}

/** A serial port the OS lists (ptys are not listed: the UI lets the user type a path). */
export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  friendlyName?: string;
}

/** Whether this process may change the laptop's network settings, and how it would get the right. */
export interface NetworkPrivilege {
  allowed: boolean;
  /** Stable code for the reason, so the UI can say it in the technician's language. */
  code: 'net-admin' | 'needs-pkexec' | 'needs-sudo' | 'administrator' | 'needs-uac' | 'unsupported' | 'unknown';
  /** One sentence for the technician: why, and what FieldKit does about it. */
  reason: string;
  /** The elevation helper FieldKit would use when not allowed (pkexec, UAC), or null if none. */
  elevation: 'pkexec' | 'uac' | null;
}

export interface SystemInfo {
  name: 'FieldKit';
  version: string;
  host: HostKind;
  platform: string;
  arch: string;
  nodeVersion: string;
  electronVersion: string | null;
  dataDir: string;
  databasePath: string;
  /** Schema version of the database (PRAGMA user_version). */
  schemaVersion: number;
  network: NetworkPrivilege;
}

export const systemContract = {
  info: method(z.tuple([]), 'Version, host, data location and privileges.').returns<SystemInfo>(),
  interfaces: method(
    z.tuple([z.object({ includeVirtual: z.boolean().default(true) }).strict().optional()]),
    'Network interfaces with addresses and their classification.',
  ).returns<NetInterface[]>(),
  serialPorts: method(z.tuple([]), 'Serial ports the OS lists.').returns<SerialPortInfo[]>(),
  ping: method(z.tuple([z.string().max(200).optional()]), 'Echo, for health checks and tests.').returns<{
    echo: string | null;
    at: string;
  }>(),
};

export const systemEvents = {
  'system.heartbeat': event<{ at: string }>('Sent periodically so clients can show the core is alive.'),
};
