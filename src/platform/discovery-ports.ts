/**
 * Ports LAN discovery needs from the machine besides the core's {@link Ports}: UDP sockets, the
 * HTTP fetch of UPnP descriptions, the OS neighbour (ARP) table and the facts the doctor reads.
 * Node adapters live in platform/node/discovery-*.ts; unit tests pass in-memory fakes.
 */

/** Where a datagram came from. */
export interface UdpPeer {
  address: string;
  port: number;
}

/** How to bind a discovery socket. */
export interface UdpBindOptions {
  /** Local address: an interface's IPv4 (unicast replies) or '0.0.0.0' (multicast listener). */
  address: string;
  /** 0 = an ephemeral port. */
  port: number;
  /** Share the port with other listeners (SO_REUSEADDR): needed for well-known multicast ports. */
  reuseAddr?: boolean;
}

/** One bound UDP socket. Errors after binding are reported through `onError`, never thrown. */
export interface UdpSocketHandle {
  /** The bound local port. */
  readonly port: number;
  send(payload: Uint8Array, port: number, address: string): Promise<void>;
  onMessage(cb: (data: Uint8Array, from: UdpPeer) => void): void;
  onError(cb: (err: Error) => void): void;
  /** Joins `group` on the interface whose IPv4 is `interfaceAddress`. */
  addMembership(group: string, interfaceAddress: string): void;
  /** Sends multicast out of the interface whose IPv4 is `interfaceAddress`, TTL 1. */
  setMulticastInterface(interfaceAddress: string): void;
  close(): Promise<void>;
}

/** Creates UDP sockets; rejects with the OS error (EADDRINUSE, EACCES) when binding fails. */
export interface UdpSocketFactory {
  bind(options: UdpBindOptions): Promise<UdpSocketHandle>;
}

/** Fetches a small HTTP document (a UPnP description) with a size cap and a timeout. */
export interface HttpTextFetcher {
  /** Rejects when the status is not 2xx, the body exceeds `maxBytes` or `timeoutMs` passes. */
  fetchText(url: string, options: { maxBytes: number; timeoutMs: number }): Promise<string>;
}

/** One entry of the OS neighbour (ARP) table. */
export interface NeighbourEntry {
  ip: string;
  /** Lowercase `aa:bb:cc:dd:ee:ff`. */
  mac: string;
  /** Interface name when the OS says (Linux), else null. */
  iface: string | null;
}

/** Reads the OS neighbour table (Linux /proc/net/arp, Windows Get-NetNeighbor / arp -a). */
export interface NeighbourTable {
  list(): Promise<NeighbourEntry[]>;
}

/** A firewall the doctor recognised. */
export interface FirewallFact {
  name: string;
  active: boolean | null;
  detail: string;
}

/** What the doctor reads from the OS; every field is null when this OS cannot tell. */
export interface NetDiagnostics {
  /** rp_filter per interface name ('all' and 'default' included); Linux only. */
  rpFilter(names: string[]): Promise<Record<string, number | null>>;
  /** Interface names with a route covering 239.255.255.250 (a 224.0.0.0/4 route or the default route). */
  multicastRouteInterfaces(): Promise<{ multicast: string[]; defaultRoute: string[] } | null>;
  /** Host firewalls found (ufw, firewalld, nftables, Windows Firewall). */
  firewalls(): Promise<FirewallFact[]>;
}

/** Everything discovery needs besides the core ports. */
export interface DiscoveryPorts {
  udp: UdpSocketFactory;
  http: HttpTextFetcher;
  neighbours: NeighbourTable;
  diagnostics: NetDiagnostics;
}
