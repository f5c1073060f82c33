import type { BoundAddress, LogPorts, StreamConnection, StreamListener } from '../../platform/log-ports';
import { SyslogDeframer, type DeframeEvent } from '../parse';

/** Callbacks of a {@link TcpReceiver}. */
export interface TcpHandlers {
  /** Frames cut from one connection, in order. */
  onFrames(events: DeframeEvent[], address: string, port: number): void;
  /** Whether the receiver should stop reading now (the write queue is full). */
  pressure(): boolean;
  /** Counts each pause, for the status. */
  onPaused?(): void;
  /** Longest message kept per frame (default 64 KiB); longer ones are cut and flagged. */
  maxMessageBytes?: number;
}

/** Idle connections are closed after this long so a dead peer does not hold a slot forever. */
const IDLE_MS = 15 * 60 * 1000;
const MAX_CONNECTIONS = 256;

/**
 * A TCP syslog server (RFC 6587): one deframer per connection decides octet counting or LF framing
 * from its first frame. Back-pressure: when the write queue is full every connection is paused (the
 * kernel then closes the TCP window, so senders slow down instead of losing messages) and resumed
 * by {@link resume}.
 */
export class TcpReceiver {
  private server: StreamListener | null = null;
  /** Open connections and the function that delivers their last partial frame. */
  private readonly sockets = new Map<StreamConnection, () => void>();
  private paused = false;

  constructor(
    private readonly ports: Pick<LogPorts, 'listenTcp'>,
    private readonly h: TcpHandlers,
  ) {}

  get connections(): number {
    return this.sockets.size;
  }

  async listen(port: number, address: string): Promise<BoundAddress> {
    this.server = await this.ports.listenTcp(port, address, (c) => this.accept(c), { maxConnections: MAX_CONNECTIONS, idleMs: IDLE_MS });
    return { ...this.server.bound };
  }

  /** Resume reading after back-pressure. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const s of this.sockets.keys()) s.resume();
  }

  /** Stops accepting, ends every connection and delivers what their deframers still held. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const [s, finish] of this.sockets) {
      finish();
      s.destroy();
    }
    await server?.close();
  }

  private accept(s: StreamConnection): void {
    const address = s.remoteAddress;
    const port = s.remotePort;
    const deframer = new SyslogDeframer({ maxMessageBytes: this.h.maxMessageBytes });
    s.onData((chunk) => {
      const events = deframer.push(chunk);
      if (events.length) this.h.onFrames(events, address, port);
      if (this.h.pressure()) this.pauseAll();
    });
    let ended = false;
    const finish = (): void => {
      if (ended) return;
      ended = true;
      this.sockets.delete(s);
      const rest = deframer.end();
      if (rest.length) this.h.onFrames(rest, address, port);
    };
    this.sockets.set(s, finish);
    s.onClose(finish);
    if (this.paused) s.pause();
  }

  private pauseAll(): void {
    if (this.paused) return;
    this.paused = true;
    this.h.onPaused?.();
    for (const s of this.sockets.keys()) s.pause();
  }
}
