import { systemClock } from '../clock';
import type { Clock } from '../clock';
import { toHex } from '../hex';
import type { ByteLink } from '../link';
import { describeFrame } from './describe';
import { ViscaAbortedError } from './errors';
import { decodeReply } from './replies';
import type { ViscaReply } from './replies';
import { ViscaSession } from './session';
import type { ViscaSessionOptions } from './session';
import { isReplyHeader, ViscaFrameSplitter } from './splitter';
import type { DiscardReason } from './splitter';
import type { InquiryKind } from './types';

/** One line of the frame log shown to the technician. */
export interface FrameLogEntry {
  dir: 'tx' | 'rx';
  /** Clock time (ms) when sent or received. */
  at: number;
  /** Bytes as upper-case hex pairs. */
  bytes: string;
  meaning: string;
  /** For replies: ms since the packet they answer was sent. */
  latencyMs?: number;
  /** Set when the bytes were skipped as garbage rather than decoded. */
  discarded?: DiscardReason;
}

/** A packet sent on the line that waits for its immediate answer (ACK, reply or error). */
export interface Exchange {
  bytes: Uint8Array;
  /** Who answers: a camera address, or the chain for broadcasts. */
  from: number | 'broadcast';
  /** Lets the frame log decode the reply's value. */
  inquiry?: InquiryKind;
  timeoutMs: number;
  /** Offered every reply from `from`; returns true when it answers this exchange. */
  onReply(reply: ViscaReply, latencyMs: number): boolean;
  /** Called when sent (clock time), so callers can measure completion latency. */
  onSent?(at: number): void;
  onTimeout(waitedMs: number): void;
  onAbort(err: Error): void;
  /** Also offer replies a session already consumed (Cancel: "cancelled" answers both). */
  seesConsumed?: boolean;
}

/** What a per-camera session says about a reply outside any exchange (completions, late errors). */
export type AsyncOutcome = false | { latencyMs?: number };

/** A camera session as the line sees it. */
export interface LineClient {
  handleAsync(reply: ViscaReply): AsyncOutcome;
  /** The camera's buffers were emptied (IF_Clear): forget executing commands, rejecting them with `err`. */
  cleared(err: Error): void;
  abortAll(err: Error): void;
}

/** Options of {@link ViscaLine}. */
export interface ViscaLineOptions {
  clock?: Clock;
  /** How long to wait for an ACK, inquiry reply or error. Default 1000 ms. */
  replyTimeoutMs?: number;
  /** Frame log sink: every packet sent, received or skipped. */
  onFrame?: (entry: FrameLogEntry) => void;
  /** Replies nobody waited for (late answers, network change, another controller's traffic). */
  onUnexpected?: (reply: ViscaReply, frame: Uint8Array) => void;
}

/**
 * One VISCA wire (a serial daisy chain of up to 7 cameras, or one IP camera). Keeps exactly one
 * exchange outstanding at a time, because replies carry no sequence number and Sony requires
 * waiting for each ACK before sending the next packet. Completions are routed to the camera
 * sessions by address and socket whenever they arrive.
 */
export class ViscaLine {
  readonly clock: Clock;
  readonly replyTimeoutMs: number;
  private readonly splitter = new ViscaFrameSplitter({ isHeader: isReplyHeader });
  private readonly queue: Exchange[] = [];
  private readonly clients = new Map<number, LineClient>();
  private current?: { ex: Exchange; sentAt: number; cancelTimer: () => void };
  private closed = false;
  /** While a received packet is being handled, sends wait so the log shows cause before effect. */
  private holding = false;
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly link: ByteLink,
    private readonly opts: ViscaLineOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.replyTimeoutMs = opts.replyTimeoutMs ?? 1000;
    this.unsubscribe = [
      link.onData((chunk) => this.onData(chunk)),
      link.onClose((reason) => this.shutdown(reason ?? new Error('link closed'))),
    ];
  }

  /** The session of camera `address`, created on first use (`opts` apply only then). */
  session(address: number, opts?: ViscaSessionOptions): ViscaSession {
    const existing = this.clients.get(address);
    if (existing instanceof ViscaSession) return existing;
    return new ViscaSession(this, address, opts);
  }

  /** Registers the session of camera `address`; used by ViscaSession. */
  attach(address: number, client: LineClient): void {
    if (this.clients.has(address)) throw new Error(`camera ${address} already has a session on this line`);
    this.clients.set(address, client);
  }

  /** Queues an exchange; it goes out when every earlier one has been answered or timed out. */
  submit(ex: Exchange): void {
    if (this.closed) {
      ex.onAbort(new ViscaAbortedError('the VISCA line is closed', 'unavailable'));
      return;
    }
    this.queue.push(ex);
    this.pump();
  }

  /** Exchanges waiting to be sent (for diagnostics and tests). */
  get queued(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  /** Tells every session that an IF_Clear broadcast emptied all cameras' buffers. */
  clearedAll(err: Error): void {
    for (const c of this.clients.values()) c.cleared(err);
  }

  /** Closes the link; pending work is rejected. */
  async close(): Promise<void> {
    this.shutdown(new Error('line closed by the application'));
    await this.link.close();
  }

  private pump(): void {
    if (this.current || this.closed || this.holding) return;
    const ex = this.queue.shift();
    if (!ex) return;
    const sentAt = this.clock.now();
    const cancelTimer = this.clock.setTimer(() => this.onTimeout(ex), ex.timeoutMs);
    this.current = { ex, sentAt, cancelTimer };
    this.log({ dir: 'tx', at: sentAt, bytes: toHex(ex.bytes), meaning: describeFrame(ex.bytes) });
    ex.onSent?.(sentAt);
    this.link.write(ex.bytes).catch((err: unknown) => {
      if (this.current?.ex !== ex) return;
      this.finish();
      ex.onAbort(new ViscaAbortedError(`write failed: ${err instanceof Error ? err.message : String(err)}`, 'failed'));
    });
  }

  private finish(): void {
    this.current?.cancelTimer();
    this.current = undefined;
    this.pump();
  }

  private onTimeout(ex: Exchange): void {
    if (this.current?.ex !== ex) return;
    const waited = this.clock.now() - this.current.sentAt;
    this.current = undefined;
    this.holding = true;
    try {
      // Queued packets for a camera that just went silent would each wait out the timeout too.
      // They are failed before the timed-out exchange hears of it, so what its owner submits in
      // reply (the session sends a queued stop regardless) is not failed with them.
      const who = ex.from === 'broadcast' ? 'the chain' : `camera ${ex.from}`;
      const err = new ViscaAbortedError(`not sent: ${who} did not answer an earlier packet; resync (IF_Clear) and retry`, 'timeout');
      const silent: Exchange[] = [];
      for (let i = this.queue.length - 1; i >= 0; i--) {
        const q = this.queue[i] as Exchange;
        if (q.from !== ex.from) continue;
        this.queue.splice(i, 1);
        silent.unshift(q);
      }
      for (const q of silent) q.onAbort(err);
      ex.onTimeout(waited);
    } finally {
      this.holding = false;
    }
    this.pump();
  }

  private onData(chunk: Uint8Array): void {
    const at = this.clock.now();
    const { frames, discarded } = this.splitter.push(chunk);
    for (const d of discarded) {
      this.log({ dir: 'rx', at, bytes: toHex(d.bytes), meaning: `discarded ${d.bytes.length} byte(s): ${d.reason}`, discarded: d.reason });
    }
    for (const frame of frames) this.onFrame(frame, at);
  }

  private onFrame(frame: Uint8Array, at: number): void {
    const reply = decodeReply(frame);
    const cur = this.current;
    const from = reply.type === 'addressSet' || reply.type === 'ifClearBroadcast' ? 'broadcast' : 'address' in reply ? reply.address : undefined;
    const forCurrent = cur !== undefined && from !== undefined && cur.ex.from === from;
    const latency = cur ? at - cur.sentAt : 0;

    this.holding = true;
    let outcome: AsyncOutcome = false;
    let answered = false;
    try {
      outcome = typeof from === 'number' ? (this.clients.get(from)?.handleAsync(reply) ?? false) : false;
      if (forCurrent && (outcome === false || cur.ex.seesConsumed)) answered = cur.ex.onReply(reply, latency);
    } finally {
      this.holding = false;
    }

    const inquiry = forCurrent ? cur.ex.inquiry : undefined;
    const latencyMs = answered ? latency : outcome !== false ? outcome.latencyMs : undefined;
    const meaning = describeFrame(frame, inquiry ? { inquiry, dir: 'rx' } : { dir: 'rx' }) + (answered || outcome !== false ? '' : ' (unexpected)');
    this.log({ dir: 'rx', at, bytes: toHex(frame), meaning, ...(latencyMs !== undefined ? { latencyMs } : {}) });

    if (answered) this.finish();
    else {
      if (outcome === false) this.opts.onUnexpected?.(reply, frame);
      this.pump();
    }
  }

  private log(entry: FrameLogEntry): void {
    try {
      this.opts.onFrame?.(entry);
    } catch {
      // a faulty log sink must not break the protocol
    }
  }

  private shutdown(reason: Error): void {
    if (this.closed) return;
    this.closed = true;
    for (const u of this.unsubscribe) u();
    const err = new ViscaAbortedError(`VISCA line closed: ${reason.message}`, 'unavailable');
    const cur = this.current;
    cur?.cancelTimer();
    this.current = undefined;
    cur?.ex.onAbort(err);
    for (const ex of this.queue.splice(0)) ex.onAbort(err);
    for (const c of this.clients.values()) c.abortAll(err);
  }
}
