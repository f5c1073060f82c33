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

/** A batch ARP sweep: one request per address (more for silent ones), replies collected as they come. */
export interface ArpSweepRequest {
  /** Addresses to ask for (IPv4, unicast). */
  targets: readonly string[];
  /** Wait after an address's first request before asking again, ms; each later try waits `backoff` times longer. */
  timeoutMs?: number;
  /** Requests per silent address (an answered address is not asked again). */
  tries?: number;
  backoff?: number;
  signal?: AbortSignal;
  /** Each new (ip, mac) pair, as it arrives. */
  onReply?: (reply: ArpReply) => void;
  /** Addresses settled so far: answered, or silent after their last try. */
  onProgress?: (done: number, total: number) => void;
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
  /**
   * Optional batch sweep from one raw socket: every distinct (ip, mac) reply for the targets,
   * several MACs for one IP included (a conflict). Resolves null when this machine cannot
   * (no raw-socket support or privilege): the caller then asks per address with {@link arpRequest}.
   * Rejects with `cancelled` when the signal aborts.
   */
  arpSweep?(iface: string, req: ArpSweepRequest): Promise<ArpReply[] | null>;
}

/** Runs a program with an argument vector; resolves with its exit code and output. */
export type CommandRunner = (cmd: string, args: readonly string[], opts?: { timeoutMs?: number }) => Promise<{ code: number; stdout: string; stderr: string }>;
