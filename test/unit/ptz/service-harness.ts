import type { EventPayload } from '../../../src/contract';
import type { PtzTargetInput } from '../../../src/contract/ptz';
import { ptzTargetSchema } from '../../../src/contract/ptz';
import type { ByteLink } from '../../../src/ptz/link';
import { memoryLinkPair } from '../../../src/ptz/memory-link';
import type { PtzLinkOpener } from '../../../src/ptz/service/ports';
import { PtzService } from '../../../src/ptz/service/service';
import type { PtzServiceOptions } from '../../../src/ptz/service/service';
import type { SimCameraOptions } from '../../sim/visca/camera';
import { SimCameraChain } from '../../sim/visca/chain';
import { ManualClock } from '../../sim/visca/manual-clock';

/** An event the service emitted. */
export type Emitted = { [T in 'ptz.frame' | 'ptz.state' | 'ptz.error']: { topic: T; payload: EventPayload<T> } }['ptz.frame' | 'ptz.state' | 'ptz.error'];

/** Where the fake opener sends each open: the device end of a memory link, per path/host. */
export interface FakeDevice {
  /** Called with the device end of every link opened to this path (first open and reopens). */
  attach(wire: ByteLink, baud?: number): void;
}

/**
 * A PtzService on a manual clock whose ports are in-memory links to simulators. `unplug(path)`
 * closes the current link the way a yanked USB adapter does; `missing` makes opens fail.
 */
export function serviceRig(opts: Partial<PtzServiceOptions> = {}) {
  const clock = new ManualClock();
  const events: Emitted[] = [];
  const devices = new Map<string, FakeDevice>();
  const current = new Map<string, ByteLink>();
  const missing = new Set<string>();
  const opens: Array<{ key: string; baud?: number }> = [];
  const open = async (key: string, baud?: number): Promise<ByteLink> => {
    opens.push(baud === undefined ? { key } : { key, baud });
    if (missing.has(key)) throw Object.assign(new Error(`${key}: ENOENT`), { code: 'ENOENT' });
    const dev = devices.get(key);
    if (!dev) throw new Error(`no fake device at ${key}`);
    const [app, wire] = memoryLinkPair();
    dev.attach(wire, baud);
    current.set(key, wire);
    return app;
  };
  const opener: PtzLinkOpener = {
    serial: (path, baud) => open(path, baud),
    udp: (host, port) => open(`udp:${host}:${port}`),
    tcp: (host, port) => open(`tcp:${host}:${port}`),
  };
  const service = new PtzService({
    opener,
    clock,
    replyTimeoutMs: 200,
    emit: (topic, payload) => events.push({ topic, payload } as Emitted),
    ...opts,
  });
  return {
    clock,
    events,
    service,
    missing,
    opens,
    /** A VISCA chain at `key` that keeps its state across reopens. */
    visca(key: string, cameras: SimCameraOptions[] = [{}]): SimCameraChain {
      let chain: SimCameraChain | undefined;
      devices.set(key, {
        attach(wire) {
          if (chain) chain.relink(wire);
          else chain = new SimCameraChain(wire, cameras.map((c) => ({ clock, ...c })));
        },
      });
      // Built eagerly so tests can inspect it before connecting.
      const [, idle] = memoryLinkPair();
      devices.get(key)?.attach(idle);
      return chain as unknown as SimCameraChain;
    },
    device(key: string, dev: FakeDevice): void {
      devices.set(key, dev);
    },
    unplug(key: string): Promise<void> {
      return current.get(key)?.close() ?? Promise.resolve();
    },
    connect(target: PtzTargetInput, o: Parameters<PtzService['connect']>[1] = {}) {
      return service.connect(ptzTargetSchema.parse(target), o);
    },
    of<T extends Emitted['topic']>(topic: T): Array<EventPayload<T>> {
      return events.filter((e) => e.topic === topic).map((e) => e.payload as EventPayload<T>);
    },
  };
}

/** Hex of every packet a simulated camera received, for readable assertions. */
export const receivedHex = (packets: Uint8Array[]): string[] => packets.map((p) => Buffer.from(p).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 '));
