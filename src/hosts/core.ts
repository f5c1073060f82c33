import { alarmsService } from '../alarms/service';
import type { HostKind, Settings } from '../contract';
import { openDatabase } from '../db/open';
import { createDiscoveryService } from '../discovery/service';
import { nodeDiscoveryPorts } from '../platform/node/discovery-ports';
import { LogCapture } from '../logs/capture';
import { createNetService } from '../net/service';
import { nodeNetConfig } from '../platform/node/netconfig';
import { logsService } from '../logs/service';
import type { Ports } from '../platform/ports';
import { nodePtzLinkOpener } from '../platform/node/ptz-link-opener';
import { PtzService, ptzHandlers } from '../ptz/service/service';
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
  /** Resolves when start-up work is done (laptop changes left by a crashed FieldKit reverted). */
  ready: Promise<void>;
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
  const logCapture = new LogCapture({
    db,
    emit,
    now: () => opts.ports.clock.now(),
    onError: (msg, err) => opts.ports.logger.error(msg, { error: String(err) }),
  });
  const ptz = new PtzService({ opener: nodePtzLinkOpener(), emit });
  const discovery = createDiscoveryService({ ports: opts.ports, net: nodeDiscoveryPorts(), db, emit });
  const net = createNetService({ db, ports: opts.ports, net: nodeNetConfig(), emit });
  const ptzApi = ptzHandlers(ptz);
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
    logs: logsService(logCapture),
    discovery: discovery.handlers,
    ptz: ptzApi,
    alarms: alarmsService({
      db,
      clock: opts.ports.clock,
      onChanged: (c) => emit('alarms.changed', c),
      onImportProgress: (p) => emit('alarms.importProgress', p),
    }),
    net: net.handlers,
  };
  const server: RpcServer = new RpcServer(handlers, {
    onInternalError: (p, err) => opts.ports.logger.error(`internal error in ${p}`, { error: String((err as Error)?.stack ?? err) }),
  });
  const heartbeat = setInterval(() => server.emit('system.heartbeat', { at: new Date(opts.ports.clock.now()).toISOString() }), 5000);
  heartbeat.unref();
  // Laptop changes left by a FieldKit that crashed or was killed mid-fix are undone first.
  const ready = net.revertOrphans().catch((err) => opts.ports.logger.error('start-up revert failed', { error: String(err) }));
  return {
    ready,
    server,
    db,
    dataDir: opts.dataDir,
    databasePath: path,
    logger: opts.ports.logger,
    async close() {
      clearInterval(heartbeat);
      await ready;
      // A running apply stops after its current step (the run stays resumable).
      // Scans and the watch release their sockets and save the device list first.
      await discovery.close();
      // Jogs are stopped and ports closed before anything else goes.
      await ptz.close();
      // Listeners stop and the write queue is flushed before the database closes.
      await logCapture.close();
      if (db.open) db.close();
    },
  };
}
