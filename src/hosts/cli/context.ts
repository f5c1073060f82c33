import { homedir } from 'node:os';
import type { Api, HostKind } from '../../contract';
import { resolveDataDir } from '../../platform/data-dir';
import { nodePorts } from '../../platform/node';
import { createClient, type RpcClient } from '../../rpc/client';
import { memoryTransportPair } from '../../rpc/memory-transport';
import { createCore, type Core } from '../core';
import { takeEarlyWire } from './early-discovery';

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
  return {
    core,
    api: client.api,
    on: client.on.bind(client),
    close: async () => {
      client.close();
      disconnect();
      await core.close();
    },
  };
}

/** Opens the core, runs `fn` with the typed API, and always closes the database. */
export async function withApi<T>(opts: GlobalOptions, fn: (api: Api, on: RpcClient['on']) => Promise<T>): Promise<T> {
  const { core, api, on, close } = openCore(opts);
  try {
    await core.ready;
    return await fn(api, on);
  } finally {
    await close();
  }
}
