/**
 * The laptop-side network changes IP fixing needs, as a port. Linux uses
 * iproute2 and iputils arping; Windows netsh and PowerShell. Every argument is
 * validated before it reaches execFile (never a shell).
 */

/** One ARP reply: who answered for an address. */
export interface ArpReply {
  ip: string;
  mac: string;
}

/** Result of an RFC 5227 probe (ARP request with sender 0.0.0.0) for one address. */
export interface ProbeResult {
  free: boolean;
  /** MACs that answered for it (empty when free). */
  macs: string[];
}

export interface NetConfig {
  /** Adds a secondary address (e.g. 192.168.1.200/24) to an interface. */
  addAddress(iface: string, cidr: string): Promise<void>;
  removeAddress(iface: string, cidr: string): Promise<void>;
  /** Pins IP → MAC in the neighbour table, so traffic goes to that one of several devices sharing the IP. */
  pinNeighbour(iface: string, ip: string, mac: string): Promise<void>;
  unpinNeighbour(iface: string, ip: string): Promise<void>;
  /**
   * Broadcast ARP requests for `ip`; every MAC that answered (several = an
   * address conflict). `first: true` returns at the first reply (presence checks).
   */
  arpRequest(iface: string, ip: string, opts?: { first?: boolean }): Promise<ArpReply[]>;
  /** RFC 5227 probe: is `ip` free to use? */
  probe(iface: string, ip: string): Promise<ProbeResult>;
}

/** Runs a program with an argument vector; resolves with its exit code and output. */
export type CommandRunner = (cmd: string, args: readonly string[], opts?: { timeoutMs?: number }) => Promise<{ code: number; stdout: string; stderr: string }>;
