import { FieldKitError } from '../../contract/errors';
import type { PtzTarget } from '../../contract/ptz';
import type { Clock } from '../clock';
import type { ByteLink } from '../link';
import { PelcoSession } from '../pelco/session';
import { ViscaLine } from '../visca/line';
import type { FrameLogEntry } from '../visca/line';
import { ReliableOverIpLink } from '../visca/over-ip-retry';
import type { ViscaSession, ViscaSessionOptions } from '../visca/session';
import type { PtzLinkOpener } from './ports';

/** Wire state: `lost` = the port or socket went away and is being reopened. */
export type WireState = 'opening' | 'open' | 'lost' | 'closed';

/** What a wire tells its owner. */
export interface WireHooks {
  onFrame(entry: FrameLogEntry): void;
  /** The link closed without being asked to. */
  onLost(reason: Error): void;
  /** Called after a reopen, before the wire accepts work again: send stop here. */
  beforeReady(): Promise<void>;
  /** Reopened and ready. */
  onReady(): void;
  /** A reopen attempt failed (the wire keeps trying). */
  onReopenFailed(err: Error): void;
}

/** Options of a wire. */
export interface WireOptions {
  opener: PtzLinkOpener;
  clock: Clock;
  replyTimeoutMs: number;
  session: ViscaSessionOptions;
  /** Delay between reopen attempts after the link is lost. */
  reopenMs: number;
}

/** Physical identity of a target: two connections with the same key share one port (a daisy chain). */
export function wireKey(t: PtzTarget): string {
  switch (t.kind) {
    case 'visca-serial':
    case 'pelco-d':
    case 'pelco-p':
      return `serial:${t.path}`;
    case 'visca-udp':
    case 'visca-udp-raw':
      return `udp:${t.host}:${t.port}`;
    case 'visca-tcp':
      return `tcp:${t.host}:${t.port}`;
  }
}

/** The settings that must match for two targets to share a wire. */
export function wireSignature(t: PtzTarget): string {
  return 'baud' in t ? `${t.kind}@${t.baud}` : t.kind;
}

/**
 * One open port or socket and the protocol stack on it (a VISCA line, optionally over the IP
 * header, or a Pelco session), shared by every connection to a camera on it. When the link closes
 * unexpectedly the wire reopens it on a timer and lets the owner send stop before anything else.
 */
export class Wire {
  state: WireState = 'opening';
  private link?: ByteLink;
  private viscaLine?: ViscaLine;
  private overIp?: ReliableOverIpLink;
  private pelcoSession?: PelcoSession;
  private cancelReopen?: () => void;

  constructor(
    readonly target: PtzTarget,
    private readonly opts: WireOptions,
    private readonly hooks: WireHooks,
  ) {}

  get key(): string {
    return wireKey(this.target);
  }

  get protocol(): 'visca' | 'pelco' {
    return this.target.kind === 'pelco-d' || this.target.kind === 'pelco-p' ? 'pelco' : 'visca';
  }

  /** Opens the link and builds the stack; rejects with a clear error when the port cannot be opened. */
  async open(): Promise<void> {
    await this.build();
    this.state = 'open';
  }

  /** The VISCA line (throws for Pelco wires or when not open). */
  line(): ViscaLine {
    if (!this.viscaLine) throw this.notReady('VISCA');
    return this.viscaLine;
  }

  /** The session of camera `address` on the current line. */
  session(address: number): ViscaSession {
    return this.line().session(address, this.opts.session);
  }

  /** The Pelco session (throws for VISCA wires or when not open). */
  pelco(): PelcoSession {
    if (!this.pelcoSession) throw this.notReady('Pelco');
    return this.pelcoSession;
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.cancelReopen?.();
    await this.teardown();
  }

  private notReady(what: string): FieldKitError {
    if (this.state === 'lost') return new FieldKitError('unavailable', `${this.key} was lost; FieldKit reopens it when it returns`);
    return new FieldKitError('unavailable', `${this.key} has no ${what} line open`);
  }

  private async build(): Promise<void> {
    const t = this.target;
    const { opener, clock } = this.opts;
    const onFrame = (e: FrameLogEntry): void => this.hooks.onFrame(e);
    let link: ByteLink;
    if (t.kind === 'visca-serial' || t.kind === 'pelco-d' || t.kind === 'pelco-p') link = await opener.serial(t.path, t.baud);
    else if (t.kind === 'visca-tcp') link = await opener.tcp(t.host, t.port);
    else link = await opener.udp(t.host, t.port);
    if (this.state === 'closed') {
      await link.close();
      throw new FieldKitError('cancelled', `${this.key} was closed while opening`);
    }
    this.link = link;
    link.onClose((reason) => this.lost(link, reason ?? new Error('the other side closed the connection')));

    if (t.kind === 'pelco-d' || t.kind === 'pelco-p') {
      this.pelcoSession = new PelcoSession(link, t.kind, { clock, onFrame });
      return;
    }
    let viscaLink: ByteLink = link;
    if (t.kind === 'visca-udp') {
      this.overIp = new ReliableOverIpLink(link, {
        clock,
        onLog: onFrame,
        // Resends must fit inside the line's reply timeout, or the line gives up first.
        resendAfterMs: Math.max(20, Math.floor(this.opts.replyTimeoutMs / 3.5)),
        maxResends: 2,
        resetTimeoutMs: this.opts.replyTimeoutMs,
      });
      viscaLink = this.overIp;
    }
    this.viscaLine = new ViscaLine(viscaLink, { clock, replyTimeoutMs: this.opts.replyTimeoutMs, onFrame });
    if (this.overIp) {
      // Many non-Sony cameras ignore RESET and accept any sequence number: carry on without it.
      await this.overIp.reset().catch((err: unknown) => onFrame({ dir: 'rx', at: clock.now(), bytes: '', meaning: `VISCA over IP: no RESET reply (${(err as Error).message}); continuing` }));
    }
  }

  /** Forgets the stack at once and closes it on a later microtask (after the line heard why the link closed). */
  private async teardown(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    const line = this.viscaLine;
    this.viscaLine = undefined;
    this.overIp = undefined;
    const pelco = this.pelcoSession;
    this.pelcoSession = undefined;
    await Promise.resolve();
    if (line) await line.close().catch(() => undefined);
    if (pelco) await pelco.close().catch(() => undefined);
    await link?.close().catch(() => undefined);
  }

  private lost(link: ByteLink, reason: Error): void {
    if (this.link !== link || this.state === 'closed') return;
    this.state = 'lost';
    void this.teardown();
    this.hooks.onLost(reason);
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    this.cancelReopen?.();
    this.cancelReopen = this.opts.clock.setTimer(() => void this.reopen(), this.opts.reopenMs);
  }

  private async reopen(): Promise<void> {
    if (this.state !== 'lost') return;
    try {
      await this.build();
    } catch (err) {
      if (this.state !== 'lost') return;
      this.hooks.onReopenFailed(err instanceof Error ? err : new Error(String(err)));
      this.scheduleReopen();
      return;
    }
    if (this.state !== 'lost') return;
    this.state = 'opening';
    // Whatever the camera was doing when the port vanished, it hears stop first.
    await this.hooks.beforeReady().catch(() => undefined);
    if (this.state !== 'opening') return;
    this.state = 'open';
    this.hooks.onReady();
  }
}
