/**
 * The discovery service: scans with progress and cancel, the passive watch with presence, the
 * merged list persisted in SQLite, and the doctor. Devices stream out as `discovery.device`
 * events the moment they answer; methods return snapshots.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EventPayload, Handlers, Topic } from '../contract';
import {
  DISCOVERY_PROTOCOLS, type DiscoveryProtocolName, type ScanProgress, type ScanResult, type WatchState,
} from '../contract/discovery';
import { FieldKitError } from '../contract/errors';
import type { DiscoveryPorts } from '../platform/discovery-ports';
import type { BasePorts } from '../platform/ports';
import { DescriptionCache } from './description-cache';
import { diagnose } from './doctor';
import { DiscoveryEngine, type ProbeInterface } from './engine';
import type { DiscoveryWire } from './wire';
import { macVendor } from './oui/lookup';
import { chooseInterfaces, laptopAddresses } from './interfaces';
import type { Observation } from './observation';
import { DeviceRegistry, type ObserveResult } from './registry';
import { DiscoveryStore } from './store';

type Emit = <T extends Topic>(topic: T, payload: EventPayload<T>) => void;

/** What the service needs. */
export interface DiscoveryServiceDeps {
  ports: BasePorts;
  net: DiscoveryPorts;
  db: Database.Database;
  emit: Emit;
  /** Delays of the probe rounds after the first, per protocol (ms). Repeats cover UDP loss. */
  schedule?: Partial<Record<DiscoveryProtocolName, number[]>>;
  /**
   * A wire opened and probed before the core was built (the CLI's early start), handed over once:
   * the first scan or watch adopts it when it covers the same interfaces and protocols.
   */
  earlyWire?: () => DiscoveryWire | undefined;
}

/** How long a read of the neighbour table is trusted to name the MAC behind an address. */
const NEIGHBOURS_FRESH_MS = 5000;

/** Probe rounds: WS-Discovery three times, the others twice, all within the first second. */
export const DEFAULT_SCHEDULE: Record<DiscoveryProtocolName, number[]> = {
  onvif: [0, 250, 900],
  ssdp: [0, 900],
  sadp: [0, 500],
  dhip: [0, 500],
};

const PROGRESS_EVERY_MS = 250;
const FLUSH_EVERY_MS = 1000;
// Short: an ONVIF or SSDP row without a MAC stays a separate row until the neighbour table names it,
// so the lookup runs as soon as a burst of replies has landed.
const NEIGHBOUR_DEBOUNCE_MS = 25;

interface RunningScan {
  cancel: () => void;
}

interface Watch {
  engine: DiscoveryEngine;
  /** Probe-round timeouts (added to as rounds are scheduled) and the re-probe/sweep intervals. */
  timers: Set<NodeJS.Timeout>;
  intervals: NodeJS.Timeout[];
  session: Set<string>;
  state: WatchState;
}

/** The service and its shutdown. */
export interface DiscoveryService {
  handlers: Handlers['discovery'];
  /** Cancels scans, stops the watch, closes sockets and saves the list. */
  close(): Promise<void>;
}

export function createDiscoveryService(deps: DiscoveryServiceDeps): DiscoveryService {
  const { ports, net, emit } = deps;
  const now = (): number => ports.clock.now();
  const logger = ports.logger;
  const schedule = { ...DEFAULT_SCHEDULE, ...deps.schedule };
  const store = new DiscoveryStore(deps.db);
  const registry = new DeviceRegistry();
  const loaded = store.load();
  registry.load(loaded.records);
  if (loaded.skipped) logger.warn('discovery: skipped unreadable stored devices', { count: loaded.skipped });
  const descriptions = new DescriptionCache(net.http, now);
  // Build the OUI index while the host is still starting, not when the first device answers.
  const warm = setTimeout(() => macVendor('00:00:00:00:00:00'), 0);
  warm.unref();
  const scans = new Map<string, RunningScan>();
  const dirty = new Set<string>();
  const removed = new Set<string>();
  /** Per live session (scan or watch): ids seen, kept current through merges. */
  const sessions = new Set<Set<string>>();
  let watch: Watch | undefined;
  let closed = false;
  let neighbourTimer: NodeJS.Timeout | undefined;

  const flush = (): void => {
    if (!deps.db.open) return;
    const changed = [...dirty].map((id) => registry.record(id)).filter((r) => r !== undefined);
    try {
      store.save(changed, [...removed]);
      dirty.clear();
      removed.clear();
    } catch (e) {
      logger.error('discovery: saving devices failed', { error: String(e) });
    }
  };
  const flushTimer = setInterval(flush, FLUSH_EVERY_MS);
  flushTimer.unref();

  const publish = (res: ObserveResult, cause: string): void => {
    for (const gone of res.absorbed) {
      dirty.delete(gone);
      removed.add(gone);
      for (const s of sessions) if (s.delete(gone)) s.add(res.id);
    }
    dirty.add(res.id);
    const device = registry.get(res.id);
    if (!device) return;
    if (res.change !== 'unchanged') emit('discovery.device', { change: res.change, device, mergedIds: res.absorbed });
    if (res.presence) emit('discovery.presence', { id: res.id, state: res.presence, cause, at: new Date(now()).toISOString(), device });
  };

  /** The OS neighbour table as last read (ip → MAC): devices that answered have usually ARPed us first. */
  let neighbours = new Map<string, string>();
  let neighboursAt = -Infinity;
  const readNeighbours = async (): Promise<boolean> => {
    try {
      neighbours = new Map((await net.neighbours.list()).map((e) => [e.ip, e.mac]));
      neighboursAt = now();
      return true;
    } catch (e) {
      logger.debug('discovery: neighbour table unreadable', { error: String(e) });
      return false;
    }
  };
  const learnMacs = async (): Promise<void> => {
    if (!registry.allRecords().some((r) => r.mac === null)) return;
    if (!(await readNeighbours())) return;
    for (const res of registry.learnMacs([...neighbours].map(([ip, mac]) => ({ ip, mac })))) publish(res, 'neighbour');
  };
  const scheduleNeighbours = (): void => {
    if (neighbourTimer || closed) return;
    neighbourTimer = setTimeout(() => {
      neighbourTimer = undefined;
      void learnMacs();
    }, NEIGHBOUR_DEBOUNCE_MS);
  };

  const ingest = (obs: Observation, session?: Set<string>): void => {
    const res = registry.observe(obs);
    if (!res) return;
    session?.add(res.id);
    // A MAC already in the neighbour table is learnt before the row is published, so a camera
    // answering two protocols without a MAC in either never shows as two rows, even briefly.
    // Only a recent read counts: an old entry may name a device that has since left the address.
    const fresh = now() - neighboursAt < NEIGHBOURS_FRESH_MS;
    const known = fresh && registry.record(res.id)?.mac === null ? (registry.get(res.id)?.ips ?? []).filter((ip) => neighbours.has(ip)) : [];
    const learnt = known.length ? registry.learnMacs(known.map((ip) => ({ ip, mac: neighbours.get(ip)! }))) : [];
    publish(res, obs.cause);
    for (const l of learnt) if (l.id !== res.id || l.absorbed.length) publish(l, 'neighbour');
    if (registry.record(res.id)?.mac === null) scheduleNeighbours();
  };

  const pickInterfaces = async (names: readonly string[]): Promise<{ chosen: ProbeInterface[]; warnings: string[] }> => {
    const all = await ports.network.listInterfaces();
    const choice = chooseInterfaces(all, names);
    if (choice.chosen.length === 0) {
      throw new FieldKitError('unavailable', names.length
        ? `None of the named interfaces can be probed: ${choice.warnings.join('; ')}.`
        : `No up wired or wireless interface has an IPv4 address; connect the laptop or name an interface with --iface. ${choice.warnings.join('; ')}`.trim());
    }
    registry.setLaptopAddresses(laptopAddresses(all));
    return { chosen: choice.chosen, warnings: choice.warnings };
  };

  /** The early wire when it was opened for exactly these interfaces and protocols; closed otherwise. */
  const adoptEarlyWire = (interfaces: ProbeInterface[], protocols: readonly DiscoveryProtocolName[]): DiscoveryWire | undefined => {
    const wire = deps.earlyWire?.();
    if (!wire) return undefined;
    const key = (list: readonly ProbeInterface[]) => list.map((i) => `${i.name}/${i.address}/${i.prefix}`).sort().join(' ');
    if (key(wire.interfaces) === key(interfaces) && [...wire.protocols].sort().join() === [...protocols].sort().join()) return wire;
    void wire.close();
    return undefined;
  };

  const openEngine = async (interfaces: ProbeInterface[], protocols: readonly DiscoveryProtocolName[], session: Set<string>): Promise<DiscoveryEngine> => {
    const wire = adoptEarlyWire(interfaces, protocols);
    // Its backlog is parsed at once: read the neighbour table first so rows merge by MAC as they come.
    if (wire) await readNeighbours();
    return DiscoveryEngine.open({ udp: net.udp, descriptions, now, logger }, { interfaces, protocols, onObservation: (obs) => ingest(obs, session), wire });
  };

  /**
   * Sends the probe rounds of `schedule`, timed from the wire's first round when an early start
   * already sent it (that round is not repeated).
   */
  const probeRounds = (engine: DiscoveryEngine, protocols: readonly DiscoveryProtocolName[], timers: Set<NodeJS.Timeout>, onRound: () => void, fresh = false): void => {
    const rounds = new Map<number, DiscoveryProtocolName[]>();
    for (const p of protocols) for (const at of schedule[p]) rounds.set(at, [...(rounds.get(at) ?? []), p]);
    const first = fresh ? null : engine.wire.firstProbeAt;
    const elapsed = first === null ? 0 : now() - first;
    for (const [at, list] of rounds) {
      const send = (): void => {
        void engine.probe(list).then(onRound);
      };
      if (first !== null && at === 0) continue;
      if (at - elapsed <= 0) send();
      else timers.add(setTimeout(send, at - elapsed));
    }
  };

  const scan: Handlers['discovery']['scan'] = async (opts) => {
    if (closed) throw new FieldKitError('unavailable', 'Discovery is shutting down.');
    const scanId = opts.scanId ?? randomUUID();
    if (scans.has(scanId)) throw new FieldKitError('conflict', `A scan with id ${scanId} is already running.`);
    const protocols = opts.protocols.length ? DISCOVERY_PROTOCOLS.filter((p) => opts.protocols.includes(p)) : [...DISCOVERY_PROTOCOLS];
    const timeoutMs = Math.round(opts.timeoutSec * 1000);
    const started = now();
    let cancelled = false;
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    scans.set(scanId, { cancel: () => ((cancelled = true), finish()) });
    const session = new Set<string>();
    sessions.add(session);
    const timers = new Set<NodeJS.Timeout>();
    let engine: DiscoveryEngine | undefined;
    const progress = (phase: ScanProgress['phase']): void =>
      emit('discovery.progress', { scanId, phase, elapsedMs: now() - started, timeoutMs, devices: session.size, stats: { ...(engine?.stats ?? { sent: 0, received: 0, malformed: 0, descriptions: 0, descriptionErrors: 0 }) } });
    try {
      progress('started');
      const { chosen, warnings } = await pickInterfaces(opts.interfaces);
      engine = await openEngine(chosen, protocols, session);
      if (!cancelled) {
        probeRounds(engine, protocols, timers, () => progress('probing'));
        timers.add(setTimeout(finish, timeoutMs));
        const ticker = setInterval(() => progress('listening'), PROGRESS_EVERY_MS);
        timers.add(ticker);
        await done;
        clearInterval(ticker);
      }
      for (const t of timers) clearTimeout(t);
      await engine.close();
      await learnMacs();
      flush();
      progress(cancelled ? 'cancelled' : 'done');
      const result: ScanResult = {
        scanId,
        devices: [...session].map((id) => registry.get(id)).filter((d) => d !== undefined),
        elapsedMs: now() - started,
        cancelled,
        interfaces: chosen.map((i) => i.name),
        warnings: [...warnings, ...engine.warnings],
        stats: { ...engine.stats },
      };
      return result;
    } finally {
      for (const t of timers) clearTimeout(t);
      await engine?.close();
      sessions.delete(session);
      scans.delete(scanId);
    }
  };

  const stopWatch = async (): Promise<void> => {
    const w = watch;
    watch = undefined;
    if (!w) return;
    for (const t of w.timers) clearTimeout(t);
    for (const t of w.intervals) clearInterval(t);
    sessions.delete(w.session);
    await w.engine.close();
    flush();
  };

  // watch, unwatch and close run one at a time: two overlapping watch calls (two browser tabs, a
  // double click) would both pass stopWatch() before either set `watch`, and the first one's
  // sockets and timers would run on, unreachable.
  let watchQueue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = watchQueue.then(fn, fn);
    watchQueue = run.catch(() => undefined);
    return run;
  };

  const watchState = (): WatchState => watch?.state ?? { running: false, interfaces: [], reprobeSec: null, offlineAfterSec: null };

  const handlers: Handlers['discovery'] = {
    scan,
    cancel: (scanId) => {
      const targets = scanId === undefined ? [...scans.values()] : [scans.get(scanId)].filter((s) => s !== undefined);
      for (const s of targets) s.cancel();
      return { cancelled: targets.length };
    },
    list: async () => {
      // The laptop's addresses may have changed since the last scan (or never been read since a
      // restart): refresh them so a saved device is not judged against stale ones.
      registry.setLaptopAddresses(laptopAddresses(await ports.network.listInterfaces()));
      return registry.list();
    },
    forget: (id) => {
      if (id === undefined) {
        const n = registry.clear();
        dirty.clear();
        removed.clear();
        store.clear();
        return { removed: n };
      }
      if (!registry.remove(id)) throw new FieldKitError('not_found', `No device with id ${id}.`);
      dirty.delete(id);
      removed.add(id);
      flush();
      return { removed: 1 };
    },
    watch: (opts) => oneAtATime(async () => {
      if (closed) throw new FieldKitError('unavailable', 'Discovery is shutting down.');
      await stopWatch();
      const { chosen } = await pickInterfaces(opts.interfaces);
      const protocols = opts.protocols.length ? DISCOVERY_PROTOCOLS.filter((p) => opts.protocols.includes(p)) : [...DISCOVERY_PROTOCOLS];
      const offlineAfterSec = opts.offlineAfterSec ?? opts.reprobeSec * 3 + 5;
      const session = new Set<string>();
      sessions.add(session);
      const engine = await openEngine(chosen, protocols, session);
      const timers = new Set<NodeJS.Timeout>();
      probeRounds(engine, protocols, timers, () => undefined);
      const reprobe = setInterval(() => probeRounds(engine, protocols, timers, () => undefined, true), opts.reprobeSec * 1000);
      // Offline = not heard for offlineAfterSec; only devices heard during this watch are judged.
      const sweep = setInterval(() => {
        const limit = now() - offlineAfterSec * 1000;
        for (const id of session) {
          const r = registry.record(id);
          if (r && r.online && r.lastSeen < limit && registry.markOffline(id)) {
            const device = registry.get(id)!;
            emit('discovery.presence', { id, state: 'offline', cause: 'timeout', at: new Date(now()).toISOString(), device });
            emit('discovery.device', { change: 'updated', device, mergedIds: [] });
          }
        }
      }, Math.min(5000, Math.max(500, (offlineAfterSec * 1000) / 4)));
      const state: WatchState = { running: true, interfaces: chosen.map((i) => i.name), reprobeSec: opts.reprobeSec, offlineAfterSec };
      watch = { engine, timers, intervals: [reprobe, sweep], session, state };
      return state;
    }),
    unwatch: () =>
      oneAtATime(async () => {
        await stopWatch();
        return watchState();
      }),
    watchState: () => watchState(),
    doctor: async () => {
      const interfaces = await ports.network.listInterfaces();
      const names = interfaces.map((i) => i.name);
      const [rpFilter, routes, firewalls, privileges, portErrors] = await Promise.all([
        net.diagnostics.rpFilter(names).catch(() => ({})),
        net.diagnostics.multicastRouteInterfaces().catch(() => null),
        net.diagnostics.firewalls().catch(() => []),
        ports.privileges.network(),
        probeListenPorts(net),
      ]);
      return diagnose({ platform: process.platform, interfaces, rpFilter, routes, firewalls, privileges, portErrors });
    },
  };

  return {
    handlers,
    async close() {
      closed = true;
      for (const s of scans.values()) s.cancel();
      if (neighbourTimer) clearTimeout(neighbourTimer);
      await oneAtATime(stopWatch);
      // Give cancelled scans a turn to close their sockets.
      await new Promise((r) => setImmediate(r));
      clearInterval(flushTimer);
      flush();
    },
  };
}

/** Tries to listen on each well-known port (no traffic is sent) and reports the failures. */
async function probeListenPorts(net: DiscoveryPorts): Promise<Array<{ port: number; error: string }>> {
  const out: Array<{ port: number; error: string }> = [];
  for (const port of [3702, 1900, 37020, 37810]) {
    try {
      const s = await net.udp.bind({ address: '0.0.0.0', port, reuseAddr: true });
      await s.close();
    } catch (e) {
      out.push({ port, error: (e as Error).message });
    }
  }
  return out;
}
