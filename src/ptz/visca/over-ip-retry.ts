import { systemClock } from '../clock';
import type { Clock } from '../clock';
import { toHex } from '../hex';
import type { ByteLink } from '../link';
import type { FrameLogEntry } from './line';
import { decodeControl, decodeOverIp, encodeReset } from './over-ip';
import { ViscaOverIpLink } from './over-ip-link';
import type { OverIpEvent } from './over-ip-link';
import type { ControlMeaning } from './over-ip';

/** Options of {@link ReliableOverIpLink}. */
export interface ReliableOverIpOptions {
  clock?: Clock;
  /** Resend the unanswered datagram (same sequence number) after this long. Default 300 ms. */
  resendAfterMs?: number;
  /** Resends per packet before giving up (the line then reports a timeout). Default 2. */
  maxResends?: number;
  /** Wait for the RESET reply. Default 1000 ms. */
  resetTimeoutMs?: number;
  /** Header-level happenings for the frame log: RESET, resends, control replies, broken datagrams. */
  onLog?: (entry: FrameLogEntry) => void;
}

const CONTROL_MEANINGS: Record<ControlMeaning, string> = {
  resetAck: 'VISCA over IP: RESET acknowledged (sequence restarts at 1)',
  sequenceError: 'VISCA over IP: abnormal sequence number',
  messageError: 'VISCA over IP: abnormal message',
  reset: 'VISCA over IP: RESET in a reply (unexpected)',
  unknown: 'VISCA over IP: unknown control reply',
};

interface Outstanding {
  payload: Uint8Array;
  sequence: number;
  resends: number;
  /** Already recovered once from "abnormal sequence number": do not loop. */
  recovered: boolean;
  sentAt: number;
  cancel: () => void;
}

/**
 * VISCA over IP as Sony prescribes it, on top of {@link ViscaOverIpLink}: a datagram left
 * unanswered is resent with the same sequence number; "abnormal sequence number" (the camera's
 * counter and ours disagree, e.g. after a camera reboot or a resend of something it already ran)
 * is recovered by RESET and sending the packet once more with the fresh numbering.
 */
export class ReliableOverIpLink implements ByteLink {
  readonly inner: ViscaOverIpLink;
  private readonly clock: Clock;
  private outstanding?: Outstanding;
  private readonly unsubscribe: () => void;

  constructor(
    datagrams: ByteLink,
    private readonly opts: ReliableOverIpOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    // Subscribed before the inner link so a control reply is logged before what it triggers.
    this.unsubscribe = datagrams.onData((d) => this.onDatagram(d));
    this.inner = new ViscaOverIpLink(datagrams, {
      clock: this.clock,
      resetTimeoutMs: opts.resetTimeoutMs ?? 1000,
      onEvent: (e) => this.onEvent(e),
    });
  }

  /** Sends RESET (sequence back to 1) and waits for its acknowledgement. */
  async reset(): Promise<void> {
    this.log('tx', encodeReset(), 'VISCA over IP: RESET sequence number');
    await this.inner.reset();
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.clearOutstanding();
    const sequence = this.inner.nextSequence;
    await this.inner.write(bytes);
    this.track(Uint8Array.from(bytes), sequence, false);
  }

  onData(cb: (bytes: Uint8Array) => void): () => void {
    return this.inner.onData(cb);
  }

  onClose(cb: (reason?: Error) => void): () => void {
    return this.inner.onClose(cb);
  }

  async close(): Promise<void> {
    this.clearOutstanding();
    this.unsubscribe();
    await this.inner.close();
  }

  private track(payload: Uint8Array, sequence: number, recovered: boolean): void {
    const o: Outstanding = { payload, sequence, resends: 0, recovered, sentAt: this.clock.now(), cancel: () => undefined };
    this.outstanding = o;
    this.arm(o);
  }

  private arm(o: Outstanding): void {
    o.cancel = this.clock.setTimer(() => {
      if (this.outstanding !== o) return;
      if (o.resends >= (this.opts.maxResends ?? 2)) {
        this.outstanding = undefined;
        return;
      }
      o.resends++;
      this.log('tx', o.payload, `VISCA over IP: no reply, resend #${o.resends} with the same sequence number ${o.sequence}`);
      this.inner.resendLast().catch(() => undefined);
      this.arm(o);
    }, this.opts.resendAfterMs ?? 300);
  }

  private clearOutstanding(): void {
    this.outstanding?.cancel();
    this.outstanding = undefined;
  }

  private onDatagram(d: Uint8Array): void {
    const r = decodeOverIp(d);
    if (!r.ok) return;
    const { type, sequence, payload } = r.message;
    if (type === 'reply' && this.outstanding?.sequence === sequence) this.clearOutstanding();
    if (type === 'controlReply') this.log('rx', d, `${CONTROL_MEANINGS[decodeControl(type, payload)]}, sequence ${sequence}`);
  }

  private onEvent(e: OverIpEvent): void {
    if (e.type === 'invalid') {
      this.log('rx', e.datagram, `VISCA over IP: ignored datagram (${e.error})`);
      return;
    }
    const o = this.outstanding;
    if (e.meaning !== 'sequenceError' && e.meaning !== 'messageError') return;
    if (!o || o.sequence !== e.sequence) return;
    this.clearOutstanding();
    if (e.meaning === 'messageError' || o.recovered) return;
    void this.recover(o.payload);
  }

  /** RESET, then the packet again with sequence 1; on failure the line's timeout reports it. */
  private async recover(payload: Uint8Array): Promise<void> {
    try {
      await this.reset();
      const sequence = this.inner.nextSequence;
      this.log('tx', payload, `VISCA over IP: send again after RESET with sequence ${sequence}`);
      await this.inner.write(payload);
      this.track(payload, sequence, true);
    } catch {
      // The camera did not acknowledge RESET: the line times out and suggests a resync.
    }
  }

  private log(dir: 'tx' | 'rx', bytes: Uint8Array, meaning: string): void {
    try {
      this.opts.onLog?.({ dir, at: this.clock.now(), bytes: toHex(bytes), meaning });
    } catch {
      // a faulty log sink must not break the protocol
    }
  }
}
