import type { Ports } from '../ports';
import { nodeDiscoveryPorts } from './discovery-ports';
import { nodeLogPorts } from './log-sockets';
import { stderrLogger } from './logger';
import { nodeNetConfig } from './netconfig';
import { nodePtzLinkOpener } from './ptz-link-opener';
import { nodeNetworkInfo } from './network-info';
import { nodePrivilegeProbe } from './privileges';
import { nodeSerialLister } from './serial-lister';

/** The real machine, for Electron main, the browser host and the CLI. */
export function nodePorts(overrides: Partial<Ports> = {}): Ports {
  return {
    clock: { now: () => Date.now() },
    logger: stderrLogger(),
    network: nodeNetworkInfo(),
    serial: nodeSerialLister(),
    privileges: nodePrivilegeProbe(),
    netConfig: nodeNetConfig(),
    discovery: nodeDiscoveryPorts(),
    ptzLinks: nodePtzLinkOpener(),
    logs: nodeLogPorts(),
    ...overrides,
  };
}
