import type { HostKind, Settings } from '../contract';
import { openDatabase } from '../db/open';
import type { Ports } from '../platform/ports';
import { RpcServer } from '../rpc/server';
import { settingsService } from '../settings/service';
import { SettingsStore } from '../settings/store';
import { systemService } from '../system/service';
import type Database from 'better-sqlite3';

export interface CoreOptions {
  host: HostKind;
  dataDir: string;
  ports: Ports;
  electronVersion?: string | null;
  /** Tests use ':memory:'. */
  databaseFile?: string;
}

export interface Core {
  server: RpcServer;
  db: Database.Database;
  dataDir: string;
  databasePath: string;
  logger: Ports['logger'];
  close(): Promise<void>;
}

/**
 * The composition root: opens the database, builds every service from the
 * ports it is given and registers them on one RPC server. Electron main, the
 * browser host and the CLI all start here; only the ports and host differ.
 */
export function createCore(opts: CoreOptions): Core {
  const { db, path, schemaVersion } = openDatabase(opts.dataDir, opts.databaseFile);
  // Services emit through `emit`, which forwards to the server built from them.
  const emit: RpcServer['emit'] = (topic, payload) => server.emit(topic, payload);
  const handlers = {
    system: systemService({
      ports: opts.ports,
      host: opts.host,
      dataDir: opts.dataDir,
      databasePath: path,
      schemaVersion,
      electronVersion: opts.electronVersion ?? null,
    }),
    settings: settingsService({
      store: new SettingsStore(db),
      clock: opts.ports.clock,
      onChanged: (s: Settings) => emit('settings.changed', s),
    }),
  };
  const server: RpcServer = new RpcServer(handlers, {
    onInternalError: (p, err) => opts.ports.logger.error(`internal error in ${p}`, { error: String((err as Error)?.stack ?? err) }),
  });
  const heartbeat = setInterval(() => server.emit('system.heartbeat', { at: new Date(opts.ports.clock.now()).toISOString() }), 5000);
  heartbeat.unref();
  return {
    server,
    db,
    dataDir: opts.dataDir,
    databasePath: path,
    logger: opts.ports.logger,
    async close() {
      clearInterval(heartbeat);
      if (db.open) db.close();
    },
  };
}
