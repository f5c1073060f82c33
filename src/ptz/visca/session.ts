import type { AsyncOutcome, LineClient, ViscaLine } from './line';
import { ViscaAbortedError, ViscaCameraError, ViscaProtocolError, ViscaTimeoutError } from './errors';
import { decodeInquiry } from './replies';
import type { ViscaReply } from './replies';
import { cancel as cancelPacket, ifClear } from './system';
import { checkAddress } from './packet';
import type { InquiryKind, InquiryValues, ViscaCommand, ViscaInquiry } from './types';

/** How a command ended. */
export interface CommandResult {
  /** Socket the camera ran it in (from the ACK). */
  socket: number;
  /** False only when the caller chose not to wait for completion. */
  completed: boolean;
  /** ms from send to ACK. */
  ackLatencyMs: number;
  /** ms from send to completion (or to ACK when not waiting for completion). */
  latencyMs: number;
}

/** Options of one camera's session. */
export interface ViscaSessionOptions {
  /** Wait for completion after ACK. Default 15000 ms (slow preset recalls take seconds). */
  completionTimeoutMs?: number;
  /** Sockets the camera has (KK of the version reply). Default 2. */
  maxSockets?: number;
  /** Times a command is resent after "buffer full" before failing. Default 3. */
  bufferFullRetries?: number;
}

interface PendingCommand {
  bytes: Uint8Array;
  awaitCompletion: boolean;
  /** A stop: never failed unsent because an earlier packet went unanswered (see exchangeFailed). */
  stop: boolean;
  resolve(r: CommandResult): void;
  reject(e: Error): void;
  settled: boolean;
  sentAt: number;
  ackLatencyMs: number;
  bufferFull: number;
  cancelTimer?: () => void;
}

/**
 * Talks to one camera on a {@link ViscaLine}. Never has more commands executing than the camera
 * has sockets: a third command waits for a completion instead of earning "buffer full"; if the
 * camera still says buffer full (another controller, or a timed-out command still running), the
 * command is resent after the next completion. Inquiries take no socket and are answered in order.
 */
export class ViscaSession implements LineClient {
  private readonly waiting: PendingCommand[] = [];
  private readonly busy = new Map<number, PendingCommand>();
  private inExchange = false;
  private blocked?: () => void;
  private readonly completionTimeoutMs: number;
  private readonly maxSockets: number;
  private readonly retries: number;

  constructor(
    private readonly line: ViscaLine,
    readonly address: number,
    opts: ViscaSessionOptions = {},
  ) {
    checkAddress(address);
    this.completionTimeoutMs = opts.completionTimeoutMs ?? 15_000;
    this.maxSockets = opts.maxSockets ?? 2;
    this.retries = opts.bufferFullRetries ?? 3;
    line.attach(address, this);
  }

  /** Sockets currently executing one of our commands. */
  get busySockets(): number[] {
    return [...this.busy.keys()].sort();
  }

  /**
   * Sends a command; resolves on completion (or on ACK with `awaitCompletion: false`). `stop` marks
   * a stop (pan-tilt, zoom, focus): it keeps its place in the queue but is still sent when an earlier
   * packet goes unanswered, since it is the one packet a camera left moving must get.
   */
  command(cmd: ViscaCommand, opts: { awaitCompletion?: boolean; stop?: boolean } = {}): Promise<CommandResult> {
    if (cmd.address !== this.address) {
      return Promise.reject(new ViscaProtocolError(`command for camera ${cmd.address} sent to the session of camera ${this.address}`));
    }
    return new Promise((resolve, reject) => {
      const p: PendingCommand = { bytes: cmd.bytes, awaitCompletion: opts.awaitCompletion ?? true, stop: opts.stop ?? false, resolve, reject, settled: false, sentAt: 0, ackLatencyMs: 0, bufferFull: 0 };
      this.waiting.push(p);
      this.pump();
    });
  }

  /** Sends an inquiry and decodes its reply. */
  inquire<K extends InquiryKind>(inq: ViscaInquiry<K>): Promise<InquiryValues[K]> {
    return new Promise((resolve, reject) => {
      this.line.submit({
        bytes: inq.bytes,
        from: this.address,
        inquiry: inq.kind,
        timeoutMs: this.line.replyTimeoutMs,
        onReply: (r) => {
          if (r.type === 'error') reject(this.cameraError(r));
          else if (r.type === 'reply' && r.data.length > 0) {
            const v = decodeInquiry(inq.kind, r.data);
            if (v.ok) resolve(v.value);
            else reject(new ViscaProtocolError(`camera ${this.address}: ${v.error}`, { data: r.data }));
          } else return false;
          return true;
        },
        onTimeout: (ms) => reject(new ViscaTimeoutError(this.address, 'reply', ms)),
        onAbort: reject,
      });
    });
  }

  /** Cancels the command in `socket` (`8x 2s FF`); that command then rejects as cancelled. */
  cancel(socket: number): Promise<{ cancelled: boolean }> {
    return new Promise((resolve, reject) => {
      this.line.submit({
        bytes: cancelPacket(this.address, socket),
        from: this.address,
        timeoutMs: this.line.replyTimeoutMs,
        seesConsumed: true,
        onReply: (r) => {
          if (r.type !== 'error' || r.socket !== socket) return false;
          if (r.name === 'cancelled' || r.name === 'noSocket') resolve({ cancelled: r.name === 'cancelled' });
          else reject(this.cameraError(r));
          return true;
        },
        onTimeout: (ms) => reject(new ViscaTimeoutError(this.address, 'reply', ms)),
        onAbort: reject,
      });
    });
  }

  /**
   * Sends IF_Clear to this camera: it empties its buffers and cancels what is executing. Our
   * executing commands reject as cancelled and the socket count starts from zero. Use it after
   * a timeout, when the camera's state is unknown.
   */
  resync(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.line.submit({
        bytes: ifClear(this.address),
        from: this.address,
        timeoutMs: this.line.replyTimeoutMs,
        onReply: (r) => {
          if (r.type === 'error') reject(this.cameraError(r));
          else if (r.type === 'reply' && r.data.length === 0) {
            this.cleared(new ViscaAbortedError(`camera ${this.address}: cleared by IF_Clear`));
            resolve();
          } else return false;
          return true;
        },
        onTimeout: (ms) => reject(new ViscaTimeoutError(this.address, 'reply', ms)),
        onAbort: reject,
      });
    });
  }

  /** Line callback: completions and errors of commands already ACKed. */
  handleAsync(r: ViscaReply): AsyncOutcome {
    if (r.type !== 'completion' && !(r.type === 'error' && r.socket !== 0)) return false;
    const p = this.busy.get(r.socket);
    // Any completion frees a socket in the camera, even one we did not use: retry now.
    if (r.type === 'completion' || p) this.unblock();
    if (!p) {
      this.pump();
      return false;
    }
    this.busy.delete(r.socket);
    p.cancelTimer?.();
    const latencyMs = this.line.clock.now() - p.sentAt;
    if (r.type === 'completion') this.settle(p, { socket: r.socket, completed: true, ackLatencyMs: p.ackLatencyMs, latencyMs });
    else this.settle(p, this.cameraError(r));
    this.pump();
    return { latencyMs };
  }

  /** Line callback: the camera emptied its buffers (IF_Clear to it or broadcast). */
  cleared(err: Error): void {
    this.failBusy(err);
    this.unblock();
    this.pump();
  }

  /** Line callback: the line closed. */
  abortAll(err: Error): void {
    this.unblock();
    for (const p of this.waiting.splice(0)) this.settle(p, err);
    this.failBusy(err);
  }

  private pump(): void {
    if (this.inExchange || this.blocked || this.busy.size >= this.maxSockets) return;
    const p = this.waiting.shift();
    if (!p) return;
    this.inExchange = true;
    this.line.submit({
      bytes: p.bytes,
      from: this.address,
      timeoutMs: this.line.replyTimeoutMs,
      onSent: (at) => (p.sentAt = at),
      onReply: (r, latency) => this.onCommandReply(p, r, latency),
      onTimeout: (ms) => this.exchangeFailed(p, new ViscaTimeoutError(this.address, 'reply', ms), true),
      onAbort: (err) => this.exchangeFailed(p, err, false),
    });
  }

  private onCommandReply(p: PendingCommand, r: ViscaReply, latency: number): boolean {
    if (r.type === 'ack') {
      this.inExchange = false;
      p.ackLatencyMs = latency;
      this.busy.set(r.socket, p);
      p.cancelTimer = this.line.clock.setTimer(() => this.completionTimedOut(r.socket, p), this.completionTimeoutMs);
      if (!p.awaitCompletion) this.settle(p, { socket: r.socket, completed: false, ackLatencyMs: latency, latencyMs: latency });
    } else if (r.type === 'error') {
      this.inExchange = false;
      if (r.name === 'bufferFull' && p.bufferFull++ < this.retries) {
        this.waiting.unshift(p);
        this.block();
      } else this.settle(p, this.cameraError(r));
    } else return false;
    this.pump();
    return true;
  }

  private exchangeFailed(p: PendingCommand, err: Error, silent: boolean): void {
    this.inExchange = false;
    this.settle(p, err);
    if (silent) {
      // The camera stopped answering: fail what is queued now rather than one timeout at a time,
      // except stops. A drive whose ACK was lost (line noise) may well be running: the stop the
      // deadman or the technician asked for behind it still goes out.
      const abort = new ViscaAbortedError(`not sent: camera ${this.address} did not answer an earlier packet; resync (IF_Clear) and retry`, 'timeout');
      const queued = this.waiting.splice(0);
      for (const w of queued) if (!w.stop) this.settle(w, abort);
      this.waiting.push(...queued.filter((w) => w.stop));
    }
    this.pump();
  }

  private completionTimedOut(socket: number, p: PendingCommand): void {
    if (this.busy.get(socket) !== p) return;
    // Forget the socket: if the camera still holds it, "buffer full" tells us and we retry.
    this.busy.delete(socket);
    this.settle(p, new ViscaTimeoutError(this.address, 'completion', this.completionTimeoutMs));
    this.pump();
  }

  /** Holds new commands until a completion; a timer retries anyway if none is seen. */
  private block(): void {
    this.blocked?.();
    const cancel = this.line.clock.setTimer(() => {
      if (this.blocked !== cancel) return;
      this.blocked = undefined;
      this.pump();
    }, this.completionTimeoutMs);
    this.blocked = cancel;
  }

  private unblock(): void {
    this.blocked?.();
    this.blocked = undefined;
  }

  private failBusy(err: Error): void {
    for (const p of this.busy.values()) {
      p.cancelTimer?.();
      this.settle(p, err);
    }
    this.busy.clear();
  }

  private settle(p: PendingCommand, outcome: CommandResult | Error): void {
    if (p.settled) return;
    p.settled = true;
    if (outcome instanceof Error) p.reject(outcome);
    else p.resolve(outcome);
  }

  private cameraError(r: Extract<ViscaReply, { type: 'error' }>): ViscaCameraError {
    return new ViscaCameraError(this.address, r.socket, r.code, r.name, r.message);
  }
}
