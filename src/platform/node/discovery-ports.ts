import type { DiscoveryPorts } from '../discovery-ports';
import { nodeHttpTextFetcher } from './discovery-http';
import { nodeUdpSocketFactory } from './discovery-udp';
import { nodeNetDiagnostics } from './net-diagnostics';
import { nodeNeighbourTable } from './neighbour-table';

/** The real machine's discovery ports; any of them can be replaced (tests, simulators). */
export function nodeDiscoveryPorts(overrides: Partial<DiscoveryPorts> = {}): DiscoveryPorts {
  return {
    udp: nodeUdpSocketFactory(),
    http: nodeHttpTextFetcher(),
    neighbours: nodeNeighbourTable(),
    diagnostics: nodeNetDiagnostics(),
    ...overrides,
  };
}
