import { FieldKitError } from '../../contract/errors';
import type { PtzFrame, PtzVersion } from '../../contract/ptz';
import type { Clock } from '../clock';
import { ViscaLine } from '../visca/line';
import type { FrameLogEntry } from '../visca/line';
import { versionInquiry } from '../visca/system';
import type { PtzLinkOpener } from './ports';

/** Rates tried in order: the Sony default first, then what USB PTZ cameras commonly use. */
export const DETECT_BAUDS = [9600, 19200, 38400, 115200] as const;

/** Result of {@link detectBaud}. */
export interface BaudDetection {
  baud: number;
  version: PtzVersion;
  tried: number[];
  frames: PtzFrame[];
  /** ms from the first try to the answer. */
  latencyMs: number;
}

/**
 * Finds the serial rate of a VISCA camera by asking its version at each rate (an inquiry moves
 * nothing, so a wrong guess is harmless). The port is opened afresh per rate and always closed.
 */
export async function detectBaud(
  opener: PtzLinkOpener,
  clock: Clock,
  req: { path: string; address: number; timeoutMs: number },
  toFrame: (e: FrameLogEntry) => PtzFrame,
): Promise<BaudDetection> {
  const tried: number[] = [];
  const frames: PtzFrame[] = [];
  const t0 = clock.now();
  for (const baud of DETECT_BAUDS) {
    tried.push(baud);
    const link = await opener.serial(req.path, baud);
    const line = new ViscaLine(link, { clock, replyTimeoutMs: req.timeoutMs, onFrame: (e) => frames.push(toFrame(e)) });
    try {
      const version = await line.session(req.address).inquire(versionInquiry(req.address));
      return { baud, version, tried, frames, latencyMs: clock.now() - t0 };
    } catch (err) {
      // Garbage at the wrong rate decodes as a protocol error; silence as a timeout: both mean "next rate".
      if (err instanceof FieldKitError && (err.code === 'timeout' || err.code === 'failed')) continue;
      throw err;
    } finally {
      await line.close().catch(() => undefined);
    }
  }
  throw new FieldKitError('timeout', `no VISCA camera ${req.address} answered the version inquiry on ${req.path} at ${tried.join(', ')} baud; check wiring and address`, {
    camera: 'timeout',
    frames,
  });
}
