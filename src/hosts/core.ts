import { alarmsService } from '../alarms/service';
import type { EventPayload, HostKind, Settings } from '../contract';
import { withHostFilePolicy } from './host-policy';
import { DiscoveryDeviceDirectory, logAlarm, presenceAlarm } from './live-sources';
import { openDatabase } from '../db/open';
import { createDiscoveryService } from '../discovery/service';
import type { DiscoveryWire } from '../discovery/wire';
import { LogCapture } from '../logs/capture';
import { createNetService } from '../net/service';
import { logsService } from '../logs/service';
import type { Ports } from '../platform/ports';
import { PtzService, ptzHandlers } from '../ptz/service/service';
import { RpcServer } from '../rpc/server';
import { settingsService } from '../settings/service';
import { SettingsStore } from '../settings/store';
import { systemService } from '../system/service';
import type Database from 'better-sqlite3';
import { createWizardService } from '../wizard/service';
import { recordsService } from '../records/service';
import { FileKeyProvider } from '../vault/file-key-provider';
import type { KeyProvider } from '../vault/key-provider';

export interface CoreOptions {
  host: HostKind;
  dataDir: string;
  ports: Ports;
  electronVersion?: string | null;
  /** Tests use ':memory:'. */
  databaseFile?: string;
  /** Where the vault key comes from: the desktop wraps it with the OS keychain; default a 0600 key file. */
  keys?: KeyProvider;
  /** Discovery sockets the CLI opened and probed before the core was built (see cli/early-discovery.ts). */
  earlyDiscoveryWire?: () => DiscoveryWire | undefined;
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
  // Services emit through `emit`, which forwards to the server built from them, and feeds
  // the live links between services (live-sources.ts) on the way.
  const devices = new DiscoveryDeviceDirectory();
  const emit: RpcServer['emit'] = (topic, payload) => {
    if (topic === 'discovery.device') {
      const e = payload as EventPayload<'discovery.device'>;
      devices.update(e.device, e.mergedIds);
    } else if (topic === 'discovery.presence' || topic === 'logs.alarmRecord') {
      // A failed alarm write is logged, never thrown back into the emitter: that is the log
      // writer's commit acknowledgement or a discovery timer, and neither may die of it.
      try {
        const record = topic === 'discovery.presence' ? presenceAlarm(payload as EventPayload<'discovery.presence'>) : logAlarm(payload as EventPayload<'logs.alarmRecord'>);
        // A refused record is not an exception: said here, or the alarm would vanish without a trace.
        for (const r of alarms.ingestLive([record]).rejected) {
          opts.ports.logger.warn(`the alarm store refused the alarm from ${topic}`, { reason: r.reason, device: record.device, type: record.type, time: record.time });
        }
      } catch (err) {
        opts.ports.logger.error(`could not record the alarm from ${topic}`, { error: err instanceof Error ? err.message : String(err) });
      }
    }
    server.emit(topic, payload);
  };
  const alarms = alarmsService({
    db,
    clock: opts.ports.clock,
    onChanged: (c) => emit('alarms.changed', c),
    onImportProgress: (p) => emit('alarms.importProgress', p),
  });
  const logCapture = new LogCapture({
    db,
    ports: opts.ports.logs,
    emit,
    devices,
    now: () => opts.ports.clock.now(),
    onError: (msg, err) => opts.ports.logger.error(msg, { error: String(err) }),
  });
  const ptz = new PtzService({ opener: opts.ports.ptzLinks, emit });
  const discovery = createDiscoveryService({ ports: opts.ports, net: opts.ports.discovery, db, emit, earlyWire: opts.earlyDiscoveryWire });
  // Log entries from devices found in earlier sessions get their device too.
  void Promise.resolve(discovery.handlers.list()).then((list) => list.forEach((d) => devices.update(d)), () => undefined);
  const net = createNetService({ db, ports: opts.ports, net: opts.ports.netConfig, emit });
  const ptzApi = ptzHandlers(ptz);
  const wizard = createWizardService({
    db,
    ports: opts.ports,
    net: opts.ports.netConfig,
    journal: net.journal,
    emit,
    keys: opts.keys ?? new FileKeyProvider(opts.dataDir),
    ptz: ptzApi,
    discovery: discovery.handlers,
  });
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
    alarms: withHostFilePolicy(alarms, opts.host),
    net: net.handlers,
    wizard: wizard.wizard,
    records: recordsService({ store: wizard.records, now: () => opts.ports.clock.now() }),
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
      // Jogs are stopped and ports closed before anything else goes.
      await ptz.close();
      // The rest side by side, so the log queue is flushed at once and never waits behind a wizard
      // step (a network step may wait up to its verify timeout; the run stays resumable): the
      // listeners stop and the queue is written, scans and the watch release their sockets and
      // save the device list.
      const closed = await Promise.allSettled([wizard.close(), discovery.close(), logCapture.close()]);
      // Last before the database: a camera operation cut short leaves no temporary alias or pin behind.
      closed.push(...(await Promise.allSettled([net.close()])));
      if (db.open) db.close();
      const failed = closed.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
