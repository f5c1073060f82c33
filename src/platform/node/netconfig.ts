import type { NetConfig } from '../netconfig';
import { linuxNetConfig } from './netconfig-linux';
import { win32NetConfig } from './netconfig-win32';
import { nodePrivilegeProbe } from './privileges';

/**
 * The OS's NetConfig. Elevation is decided per call: when this process may
 * not change network settings, Linux goes through pkexec and Windows through UAC.
 */
export function nodeNetConfig(platform: NodeJS.Platform = process.platform): NetConfig {
  const privileges = nodePrivilegeProbe(platform);
  const make = async (): Promise<NetConfig> => {
    const elevate = !(await privileges.network()).allowed;
    return platform === 'win32' ? win32NetConfig({ elevate }) : linuxNetConfig({ elevate });
  };
  let current: Promise<NetConfig> | undefined;
  const get = () => (current ??= make());
  return {
    addAddress: async (i, c) => (await get()).addAddress(i, c),
    removeAddress: async (i, c) => (await get()).removeAddress(i, c),
    pinNeighbour: async (i, ip, mac) => (await get()).pinNeighbour(i, ip, mac),
    unpinNeighbour: async (i, ip) => (await get()).unpinNeighbour(i, ip),
    arpRequest: async (i, ip, o) => (await get()).arpRequest(i, ip, o),
    probe: async (i, ip) => (await get()).probe(i, ip),
    arpSweep: async (i, req) => {
      const n = await get();
      return n.arpSweep ? n.arpSweep(i, req) : null;
    },
  };
}
