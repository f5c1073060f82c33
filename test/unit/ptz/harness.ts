import { memoryLinkPair } from '../../../src/ptz/memory-link';
import { ViscaLine } from '../../../src/ptz/visca/line';
import type { FrameLogEntry, ViscaLineOptions } from '../../../src/ptz/visca/line';
import { ViscaSession } from '../../../src/ptz/visca/session';
import type { ViscaSessionOptions } from '../../../src/ptz/visca/session';
import { SimCameraChain } from '../../sim/visca/chain';
import type { SimCameraOptions } from '../../sim/visca/camera';
import { ManualClock } from '../../sim/visca/manual-clock';

/** A controller line and a simulated chain on one manual clock, joined by an in-memory link. */
export function rig(cameras: SimCameraOptions[] = [{}], opts: { chunkSize?: number; line?: ViscaLineOptions } = {}) {
  const clock = new ManualClock();
  const [app, wire] = memoryLinkPair(opts.chunkSize ? { chunkSize: opts.chunkSize } : {});
  const chain = new SimCameraChain(wire, cameras.map((c) => ({ clock, ...c })));
  const log: FrameLogEntry[] = [];
  const line = new ViscaLine(app, { clock, replyTimeoutMs: 200, onFrame: (e) => log.push(e), ...opts.line });
  const session = (address = 1, o: ViscaSessionOptions = {}): ViscaSession =>
    new ViscaSession(line, address, { completionTimeoutMs: 5000, ...o });
  return { clock, chain, cam: chain.camera, line, log, session };
}

/** The frame log as "tx meaning" / "rx meaning" lines, for readable assertions. */
export const lines = (log: FrameLogEntry[]): string[] => log.map((e) => `${e.dir} ${e.meaning}`);
