import { systemClock } from '../clock';
import type { Clock } from '../clock';
import type { ByteLink } from '../link';
import { ViscaAbortedError, ViscaTimeoutError } from './errors';
import { decodeControl, decodeOverIp, encodeOverIp, encodeReset, payloadTypeFor } from './over-ip';
import type { ControlMeaning } from './over-ip';

/** Something on the IP side the frame log should show: control replies and broken datagrams. */
export type OverIpEvent =
  | { type: 'control'; meaning: ControlMeaning; sequence: number }
  | { type: 'invalid'; error: string; datagram: Uint8Array };

/** Options of {@link ViscaOverIpLink}. */
export interface OverIpLinkOptions {
  clock?: Clock;
  /** Wait for the RESET reply. Default 1000 ms. */
  resetTimeoutMs?: number;
  onEvent?: (e: OverIpEvent) => void;
}

/**
 * Turns a datagram link (one write = one UDP datagram to the camera) into a plain VISCA byte
 * link: each VISCA packet written gets the 8-byte header with the next sequence number, and
 * each reply datagram is unwrapped. A ViscaLine runs on top unchanged.
 */
export class ViscaOverIpLink implements ByteLink {
  private readonly clock: Clock;
  private sequence = 0;
  private last?: Uint8Array;
  private pendingReset?: { resolve(): void; reject(e: Error): void };
  private readonly listeners = new Set<(b: Uint8Array) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly datagrams: ByteLink,
    private readonly opts: OverIpLinkOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.unsubscribe = datagrams.onData((d) => this.onDatagram(d));
    datagrams.onClose(() => this.pendingReset?.reject(new ViscaAbortedError('link closed', 'unavailable')));
  }

  /** Sequence number the next packet will carry. */
  get nextSequence(): number {
    return this.sequence;
  }

  /** Sends RESET and waits for its reply; the next packet then carries sequence 1. */
  reset(): Promise<void> {
    this.pendingReset?.reject(new ViscaAbortedError('superseded by a newer RESET'));
    return new Promise((resolve, reject) => {
      const ms = this.opts.resetTimeoutMs ?? 1000;
      const settle = (err?: Error): void => {
        if (this.pendingReset !== entry) return;
        this.pendingReset = undefined;
        cancel();
        if (err) return reject(err);
        this.sequence = 1;
        resolve();
      };
      const entry = { resolve: () => settle(), reject: (e: Error) => settle(e) };
      this.pendingReset = entry;
      const cancel = this.clock.setTimer(() => settle(new ViscaTimeoutError(1, 'reply', ms)), ms);
      this.datagrams.write(encodeReset()).catch((e: unknown) => settle(e instanceof Error ? e : new Error(String(e))));
    });
  }

  /** Wraps one VISCA packet; the caller writes whole packets (ViscaLine does). */
  write(bytes: Uint8Array): Promise<void> {
    const datagram = encodeOverIp(payloadTypeFor(bytes), this.sequence, bytes);
    this.sequence = this.sequence >= 0xffff_ffff ? 0 : this.sequence + 1;
    this.last = datagram;
    return this.datagrams.write(datagram);
  }

  /**
   * Sends the last datagram again with the same sequence number, as Sony prescribes after a
   * timeout: a camera that already ran it answers "abnormal sequence number" instead of repeating.
   */
  resendLast(): Promise<void> {
    return this.last ? this.datagrams.write(this.last) : Promise.resolve();
  }

  onData(cb: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(cb);
    return () => void this.listeners.delete(cb);
  }

  onClose(cb: (reason?: Error) => void): () => void {
    return this.datagrams.onClose(cb);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.datagrams.close();
  }

  private onDatagram(d: Uint8Array): void {
    const r = decodeOverIp(d);
    if (!r.ok) {
      this.opts.onEvent?.({ type: 'invalid', error: r.error, datagram: d });
      return;
    }
    const { type, sequence, payload } = r.message;
    if (type === 'reply') {
      for (const cb of [...this.listeners]) cb(payload);
    } else if (type === 'controlReply') {
      const meaning = decodeControl(type, payload);
      if (meaning === 'resetAck') this.pendingReset?.resolve();
      this.opts.onEvent?.({ type: 'control', meaning, sequence });
    } else {
      this.opts.onEvent?.({ type: 'invalid', error: `unexpected ${type} datagram from the camera`, datagram: d });
    }
  }
}
