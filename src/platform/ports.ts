/**
 * Ports: what the core needs from the machine, as interfaces. Hosts pass the
 * Node adapters from platform/node; tests may pass simulators. Nothing outside
 * platform/ runs OS commands.
 */
import type { NetInterface, NetworkPrivilege, SerialPortInfo } from '../contract';
import type { PtzLinkOpener } from '../ptz/service/ports';
import type { DiscoveryPorts } from './discovery-ports';
import type { LogPorts } from './log-ports';
import type { NetConfig } from './netconfig';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Logger {
  debug(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  error(msg: string, ctx?: Record<string, unknown>): void;
}

/** Lists the laptop's network interfaces with their classification. */
export interface NetworkInfo {
  listInterfaces(): Promise<NetInterface[]>;
}

/** Lists serial ports the OS knows (not ptys). */
export interface SerialLister {
  list(): Promise<SerialPortInfo[]>;
}

/** Tells whether this process may change network settings, and how it would elevate. */
export interface PrivilegeProbe {
  network(): Promise<NetworkPrivilege>;
}

export interface Ports {
  clock: Clock;
  logger: Logger;
  network: NetworkInfo;
  serial: SerialLister;
  privileges: PrivilegeProbe;
  /** Laptop-side network changes (aliases, neighbour pins, ARP). */
  netConfig: NetConfig;
  /** Sockets and OS facts discovery needs. */
  discovery: DiscoveryPorts;
  /** Opens serial/UDP/TCP byte links to PTZ cameras. */
  ptzLinks: PtzLinkOpener;
  /** Syslog listeners and serial consoles for log capture. */
  logs: LogPorts;
}

/** The machine facts every service may read; the device-facing ports are passed only to the services that use them. */
export type BasePorts = Pick<Ports, 'clock' | 'logger' | 'network' | 'serial' | 'privileges'>;
