import type {
  DiscoveryPorts, HttpTextFetcher, NeighbourEntry, UdpBindOptions, UdpPeer, UdpSocketFactory, UdpSocketHandle,
} from '../../../src/platform/discovery-ports';
import type { NetInterface } from '../../../src/contract';
import type { BasePorts } from '../../../src/platform/ports';

/** One datagram a fake socket sent. */
export interface Sent {
  from: { address: string; port: number };
  to: UdpPeer;
  text: string;
  bytes: Uint8Array;
}

/** A socket of the fake network. */
export class FakeSocket implements UdpSocketHandle {
  readonly memberships: Array<{ group: string; iface: string }> = [];
  multicastInterface: string | undefined;
  closed = false;
  private readonly handlers: Array<(d: Uint8Array, from: UdpPeer) => void> = [];
  constructor(
    private readonly net: FakeUdpNetwork,
    readonly address: string,
    readonly port: number,
  ) {}
  async send(payload: Uint8Array, port: number, address: string): Promise<void> {
    if (this.closed) throw new Error('socket closed');
    const sent: Sent = { from: { address: this.address, port: this.port }, to: { address, port }, bytes: payload, text: new TextDecoder().decode(payload) };
    this.net.sent.push(sent);
    this.net.onSend?.(sent, this);
  }
  onMessage(cb: (d: Uint8Array, from: UdpPeer) => void): void {
    this.handlers.push(cb);
  }
  onError(): void {}
  addMembership(group: string, iface: string): void {
    this.memberships.push({ group, iface });
  }
  setMulticastInterface(iface: string): void {
    this.multicastInterface = iface;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  /** Delivers a datagram to this socket as if it came from `from`. */
  deliver(data: Uint8Array | string, from: UdpPeer): void {
    if (this.closed) return;
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    for (const h of this.handlers) h(bytes, from);
  }
}

/**
 * An in-memory UDP world: sockets bind instantly (or fail for ports listed in `refuse`), sends are
 * recorded and passed to `onSend`, which plays the devices by calling `deliver` on sockets.
 */
export class FakeUdpNetwork implements UdpSocketFactory {
  readonly sockets: FakeSocket[] = [];
  readonly sent: Sent[] = [];
  refuse = new Set<number>();
  onSend?: (sent: Sent, socket: FakeSocket) => void;
  private nextPort = 50000;

  async bind(o: UdpBindOptions): Promise<UdpSocketHandle> {
    if (this.refuse.has(o.port)) throw Object.assign(new Error(`bind EADDRINUSE 0.0.0.0:${o.port}`), { code: 'EADDRINUSE' });
    const s = new FakeSocket(this, o.address, o.port === 0 ? this.nextPort++ : o.port);
    this.sockets.push(s);
    return s;
  }

  /** Open sockets bound to `port` on the wildcard address (the multicast listeners). */
  listeners(port: number): FakeSocket[] {
    return this.sockets.filter((s) => !s.closed && s.address === '0.0.0.0' && s.port === port);
  }

  /** The open socket bound to `address:port`. */
  socketAt(address: string, port: number): FakeSocket | undefined {
    return this.sockets.find((s) => !s.closed && s.address === address && s.port === port);
  }
}

/** Fake HTTP: documents by URL; records what was asked. */
export class FakeHttp implements HttpTextFetcher {
  readonly requested: string[] = [];
  constructor(readonly docs: Record<string, string> = {}) {}
  async fetchText(url: string): Promise<string> {
    this.requested.push(url);
    const doc = this.docs[url];
    if (doc === undefined) throw new Error(`HTTP 404 from ${url}`);
    return doc;
  }
}

/** Discovery ports over the fakes. */
export function fakeDiscoveryPorts(net: FakeUdpNetwork, http = new FakeHttp(), neighbours: NeighbourEntry[] = []): DiscoveryPorts {
  return {
    udp: net,
    http,
    neighbours: { list: async () => neighbours },
    diagnostics: {
      rpFilter: async () => ({ all: 0, default: 0 }),
      multicastRouteInterfaces: async () => ({ multicast: [], defaultRoute: ['eth0'] }),
      firewalls: async () => [],
    },
  };
}

/** The laptop's wired interface in these tests: 192.168.1.10/24, where the fake cameras answer. */
export const ETH0: NetInterface = {
  name: 'eth0', mac: '02:00:00:00:00:01', up: true, kind: 'physical', kindReason: 'test',
  addresses: [{ family: 'IPv4', address: '192.168.1.10', netmask: '255.255.255.0', prefix: 24, cidr: '192.168.1.10/24' }],
};

/** Host ports for the discovery service: these interfaces, the given clock, a silent logger, no privileges. */
export function fakeBasePorts(interfaces: NetInterface[], now: () => number): BasePorts {
  return {
    clock: { now },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    network: { listInterfaces: async () => interfaces },
    serial: { list: async () => [] },
    privileges: { network: async () => ({ allowed: false, code: 'unknown' as const, reason: 'test', elevation: null }) },
  };
}
