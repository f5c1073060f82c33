import type { Handlers, HostKind, SystemInfo } from '../contract';
import type { BasePorts } from '../platform/ports';
import { FIELDKIT_VERSION } from './version';

export interface SystemDeps {
  ports: BasePorts;
  host: HostKind;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  electronVersion: string | null;
}

export function systemService(deps: SystemDeps): Handlers['system'] {
  return {
    async info(): Promise<SystemInfo> {
      return {
        name: 'FieldKit',
        version: FIELDKIT_VERSION,
        host: deps.host,
        platform: process.platform,
        arch: process.arch,
        nodeVersion: process.versions.node,
        electronVersion: deps.electronVersion,
        dataDir: deps.dataDir,
        databasePath: deps.databasePath,
        schemaVersion: deps.schemaVersion,
        network: await deps.ports.privileges.network(),
      };
    },
    async interfaces(opts) {
      const all = await deps.ports.network.listInterfaces();
      return opts?.includeVirtual === false ? all.filter((i) => i.kind === 'physical' || i.kind === 'wireless') : all;
    },
    serialPorts: () => deps.ports.serial.list(),
    ping: (echo) => ({ echo: echo ?? null, at: new Date(deps.ports.clock.now()).toISOString() }),
  };
}
