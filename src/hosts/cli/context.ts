import { homedir } from 'node:os';
import type { Api, HostKind } from '../../contract';
import { resolveDataDir } from '../../platform/data-dir';
import { nodePorts } from '../../platform/node';
import { createClient, type RpcClient } from '../../rpc/client';
import { memoryTransportPair } from '../../rpc/memory-transport';
import { createCore, type Core } from '../core';
import { takeEarlyWire } from './early-discovery';
import { EXIT } from './output';

export interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export function dataDirFrom(opts: GlobalOptions): string {
  return resolveDataDir({ override: opts.dataDir, env: process.env, platform: process.platform, homedir: homedir() });
}

/**
 * The CLI uses the services in-process, but through the same RPC server and
 * client as the UI so every argument is validated by the same schemas.
 */
export function openCore(opts: GlobalOptions, host: HostKind = 'cli'): { core: Core; api: Api; on: RpcClient['on']; close: () => Promise<void> } {
  const core = createCore({ host, dataDir: dataDirFrom(opts), ports: nodePorts(), earlyDiscoveryWire: takeEarlyWire });
  const [a, b] = memoryTransportPair();
  const disconnect = core.server.connect(a);
  const client = createClient(b);
  let closing: Promise<void> | undefined;
  return {
    core,
    api: client.api,
    on: client.on.bind(client),
    // Once: a signal may close the core while the command's own `finally` is about to.
    close: () =>
      (closing ??= (async () => {
        client.close();
        disconnect();
        await core.close();
      })()),
  };
}

/**
 * Commands that change the laptop while they wait on a camera pass `interrupt`: Ctrl+C or SIGTERM
 * then closes the core (which flushes it and undoes this process's temporary aliases and MAC pins),
 * says `message` in one line and exits 130, instead of dying with the alias still on the NIC.
 */
export interface InterruptOptions {
  message: string;
}

/** Opens the core, runs `fn` with the typed API, and always closes the database. */
export async function withApi<T>(opts: GlobalOptions, fn: (api: Api, on: RpcClient['on']) => Promise<T>, interrupt?: InterruptOptions): Promise<T> {
  const { core, api, on, close } = openCore(opts);
  const onSignal = (): void => {
    void close()
      .catch(() => undefined)
      .finally(() => {
        process.stderr.write(`fieldkit: ${interrupt!.message}\n`);
        process.exit(EXIT.interrupted);
      });
  };
  if (interrupt) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    await core.ready;
    return await fn(api, on);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await close();
  }
}
