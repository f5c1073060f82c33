import { systemClock } from '../clock';
import type { Clock } from '../clock';
import { toHex } from '../hex';
import type { ByteLink } from '../link';
import type { FrameLogEntry } from '../visca/line';
import { describePelco } from './describe';
import { encodePelcoD } from './pelco-d';
import { encodePelcoP } from './pelco-p';
import type { PelcoPOptions } from './pelco-p';
import type { PelcoCommand } from './types';

/** Options of {@link PelcoSession}. */
export interface PelcoSessionOptions {
  clock?: Clock;
  onFrame?: (entry: FrameLogEntry) => void;
  /** Pelco-P focus bit layout. */
  pelcoP?: PelcoPOptions;
}

/**
 * Pelco-D/P on an RS-485 line. The protocol is send-only for everything FieldKit uses (cameras
 * do not acknowledge), so a command is done once its bytes are handed to the port. Writes are
 * serialised so two callers' packets never interleave on a shared bus; bytes received (some
 * cameras answer queries or echo) are logged, never interpreted as an answer.
 */
export class PelcoSession {
  private readonly clock: Clock;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly link: ByteLink,
    readonly protocol: 'pelco-d' | 'pelco-p',
    private readonly opts: PelcoSessionOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.unsubscribe = link.onData((b) => this.log({ dir: 'rx', at: this.clock.now(), bytes: toHex(b), meaning: `received ${b.length} byte(s) (Pelco is send-only: ignored)` }));
  }

  /** Encodes (throwing on out-of-range values before anything is sent) and writes one packet. */
  send(address: number, cmd: PelcoCommand): Promise<void> {
    const bytes = this.protocol === 'pelco-d' ? encodePelcoD(address, cmd) : encodePelcoP(address, cmd, this.opts.pelcoP);
    const run = async (): Promise<void> => {
      this.log({ dir: 'tx', at: this.clock.now(), bytes: toHex(bytes), meaning: describePelco(this.protocol, bytes) });
      await this.link.write(bytes);
    };
    const p = this.tail.then(run, run);
    this.tail = p.catch(() => undefined);
    return p;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.link.close();
  }

  private log(e: FrameLogEntry): void {
    try {
      this.opts.onFrame?.(e);
    } catch {
      // a faulty log sink must not break the protocol
    }
  }
}
