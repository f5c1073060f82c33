import type { Command } from 'commander';
import type { NetInterface } from '../../../contract';
import { withApi, type GlobalOptions } from '../context';
import { makeOut, table } from '../output';

type Run = (fn: () => Promise<void>) => Promise<void>;

function describeInterfaces(list: NetInterface[]): string {
  return table([
    ['NAME', 'KIND', 'STATE', 'MAC', 'ADDRESSES'],
    ...list.map((i) => [i.name, i.kind, i.up ? 'up' : 'down', i.mac ?? '-', i.addresses.map((a) => a.cidr).join(' ') || '-']),
  ]);
}

export function registerSystemCommands(program: Command, run: Run): void {
  const g = () => program.opts<GlobalOptions>();
  const out = () => makeOut(!!g().json);

  program
    .command('info')
    .description('version, data directory, database and network privileges')
    .action(() =>
      run(() =>
        withApi(g(), async (api) => {
          const info = await api.system.info();
          out().result(info, () =>
            [
              `FieldKit ${info.version} (${info.platform}/${info.arch}, Node ${info.nodeVersion})`,
              `data dir:  ${info.dataDir}`,
              `database:  ${info.databasePath} (schema ${info.schemaVersion})`,
              `network:   ${info.network.allowed ? 'may change settings' : 'may not change settings'}: ${info.network.reason}`,
            ].join('\n'),
          );
        }),
      ),
    );

  program
    .command('interfaces')
    .description('network interfaces with addresses and classification')
    .option('--physical', 'only physical and wireless interfaces')
    .action((o: { physical?: boolean }) =>
      run(() =>
        withApi(g(), async (api) => {
          const list = await api.system.interfaces({ includeVirtual: !o.physical });
          out().result({ interfaces: list }, () => describeInterfaces(list));
        }),
      ),
    );

  program
    .command('serial-ports')
    .description('serial ports the OS lists (ptys are not listed: type their path where needed)')
    .action(() =>
      run(() =>
        withApi(g(), async (api) => {
          const ports = await api.system.serialPorts();
          out().result({ ports }, () =>
            ports.length
              ? table([['PATH', 'MANUFACTURER', 'SERIAL'], ...ports.map((p) => [p.path, p.manufacturer ?? '-', p.serialNumber ?? '-'])])
              : 'No serial ports found.',
          );
        }),
      ),
    );
}
