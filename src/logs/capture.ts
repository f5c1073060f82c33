import type Database from 'better-sqlite3';
import { FieldKitError } from '../contract/errors';
import type { DatagramListener, LogPorts } from '../platform/log-ports';
import type {
  AlarmRecord, LogEntriesEvent, LogEntry, LogListener, LogRetention, LogSerialPort, LogStatus,
} from '../contract/logs';
import { nullDeviceDirectory, type DeviceDirectory } from './device-directory';
import { Ingest } from './ingest';
import { TcpReceiver } from './net/tcp';
import { DEFAULT_RULES } from './rules/defaults';
import { RuleEngine } from './rules/engine';
import type { LogRule } from './rules/types';
import { SerialCapture } from './serial/capture';
import { InlineSink, type StoreSink } from './store/sink';
import { LogStore } from './store/store';
import { storedEntry } from './store/rows';
import { LogWriter, type LogWriterOptions } from './store/writer';
import type { NewLogEntry } from './entry';
import { WriterThread, type WriterTuning } from './store/writer-thread';

/** The events the capture sends (typed like the RPC server's emit). */
export interface LogsEmitter {
  (topic: 'logs.entries', payload: LogEntriesEvent): void;
  (topic: 'logs.status', payload: LogStatus): void;
  (topic: 'logs.alarmRecord', payload: AlarmRecord): void;
}

/** Options for {@link LogCapture}. */
export interface LogCaptureOptions {
  db: Database.Database;
  /** Sockets and serial ports (platform/node/log-sockets.ts on a real machine). */
  ports: LogPorts;
  emit?: LogsEmitter;
  now?: () => number;
  onError?: (msg: string, err: unknown) => void;
  devices?: DeviceDirectory;
  writer?: Omit<LogWriterOptions, 'onCommitted' | 'onStored' | 'onError'> & {
    /**
     * Where commits run: `worker` (default for database files) is a worker thread with its own
     * connection, so the sockets are read while SQLite writes; `inline` is this thread (always the
     * case for an in-memory database).
     */
    thread?: 'worker' | 'inline';
    tuning?: Partial<WriterTuning>;
    /** Writer thread crashes in a row it restarts after (default 3); then it writes on this thread. */
    maxRestarts?: number;
  };
  rules?: readonly LogRule[];
  retention?: Partial<LogRetention>;
  /** Longest TCP syslog message kept (default 64 KiB); longer ones are cut and flagged. */
  maxMessageBytes?: number;
  /** Live-tail event period (ms). Default 250. */
  tailIntervalMs?: number;
  /** Status event period (ms), sent only when something changed. Default 1000. */
  statusIntervalMs?: number;
  /** How often retention runs while entries arrive (ms). Default 60 000. */
  retentionIntervalMs?: number;
}

/** Default retention: three months, at most about 2 GiB of text. */
export const DEFAULT_RETENTION: LogRetention = { maxAgeDays: 90, maxEntries: null, maxBytes: 2 * 1024 ** 3 };
/** Most entries one live-tail event carries; the rest are counted in `skipped`. */
const TAIL_MAX = 500;

interface Running {
  info: Omit<LogListener, 'connections'>;
  udp?: DatagramListener;
  tcp?: TcpReceiver;
}

/**
 * Log capture: syslog listeners and serial consoles feed one bounded write queue in front of the
 * store; committed entries go to the live tail, the alarm rules and in-process subscribers.
 */
export class LogCapture {
  readonly store: LogStore;
  private readonly writer: LogWriter;
  private readonly sink: StoreSink;
  private readonly thread: WriterThread | null;
  private readonly ingest: Ingest;
  private readonly rules: RuleEngine;
  private readonly listeners = new Map<string, Running>();
  private readonly serial = new Map<string, SerialCapture>();
  private readonly committedSubs = new Set<(entries: LogEntry[]) => void>();
  private readonly recordSubs = new Set<(r: AlarmRecord) => void>();
  private readonly now: () => number;
  private retention: LogRetention;
  private expired = 0;
  private paused = 0;
  private baseCount: number | null = null;
  /** Committed entries not yet sent to the live tail (at most 2 × TAIL_MAX), with their ids. */
  private tail: NewLogEntry[] = [];
  private tailIds: number[] = [];
  private tailSkipped = 0;
  private lastStatusKey = '';
  private storedAtRetention = 0;
  private retentionRunning: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  /** Kernel drops of UDP listeners already closed, and a short-lived reading of the open ones. */
  private kernelDropsClosed = 0;
  private kernelDropsRead = { at: -Infinity, open: 0 };
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private closed = false;

  constructor(private readonly opts: LogCaptureOptions) {
    this.now = opts.now ?? Date.now;
    this.store = new LogStore(opts.db);
    this.rules = new RuleEngine(opts.rules ?? DEFAULT_RULES);
    this.retention = { ...DEFAULT_RETENTION, ...opts.retention };
    const { thread, tuning, maxRestarts, ...writerOpts } = opts.writer ?? {};
    const inline = thread === 'inline' || opts.db.memory || !opts.db.name;
    this.thread = inline
      ? null
      : new WriterThread({ db: opts.db, tuning, maxRestarts, onError: (msg, err) => opts.onError?.(msg, err) });
    this.sink = this.thread ?? new InlineSink(this.store.writes);
    this.writer = new LogWriter(this.sink, {
      ...writerOpts,
      onStored: (entries, firstId) => this.committed(entries, firstId),
      onError: (err) => opts.onError?.('log store write failed; entries kept and retried', err),
    });
    this.writer.onDrain(() => {
      for (const l of this.listeners.values()) l.tcp?.resume();
    });
    this.ingest = new Ingest(this.writer, opts.devices ?? nullDeviceDirectory, this.now);
    this.every(opts.tailIntervalMs ?? 250, () => this.flushTail());
    this.every(opts.statusIntervalMs ?? 1000, () => this.sendStatus(false));
    this.every(opts.retentionIntervalMs ?? 60_000, () => {
      if (this.writer.stored !== this.storedAtRetention) void this.runRetention();
    });
  }

  /** The writer thread (null when writing inline). For diagnostics and crash tests. */
  get writerThread(): WriterThread | null {
    return this.thread;
  }

  /** Subscribe to committed entries (after each transaction). Returns unsubscribe. */
  onCommitted(cb: (entries: LogEntry[]) => void): () => void {
    this.committedSubs.add(cb);
    return () => this.committedSubs.delete(cb);
  }

  /** Subscribe to alarm records from the rules (the alarms service uses this in-process). */
  onAlarmRecord(cb: (r: AlarmRecord) => void): () => void {
    this.recordSubs.add(cb);
    return () => this.recordSubs.delete(cb);
  }

  /** Starts the requested listeners; all or none (a failure closes the ones this call opened). */
  async start(o: { udpPort?: number; tcpPort?: number; bind?: string }): Promise<LogListener[]> {
    this.assertOpen();
    const bind = o.bind ?? '0.0.0.0';
    if (o.udpPort === undefined && o.tcpPort === undefined) throw new FieldKitError('invalid_input', 'Give a UDP port, a TCP port or both.');
    this.countBase();
    const opened: Running[] = [];
    try {
      if (o.udpPort !== undefined) {
        const udp = await this.bindOrExplain(
          () => this.opts.ports.listenUdp(o.udpPort!, bind, (bytes, address, port) => this.ingest.datagram(bytes, this.ingest.origin('udp', address, port))),
          'UDP', o.udpPort, bind,
        );
        const a = udp.bound;
        opened.push({ info: { id: `udp:${a.address}:${a.port}`, transport: 'udp', ...a }, udp });
      }
      if (o.tcpPort !== undefined) {
        const tcp = new TcpReceiver(this.opts.ports, {
          onFrames: (events, address, port) => {
            const origin = this.ingest.origin('tcp', address, port);
            for (const ev of events) this.ingest.frame(ev, origin);
          },
          pressure: () => this.writer.pressure,
          onPaused: () => this.paused++,
          maxMessageBytes: this.opts.maxMessageBytes,
        });
        const a = await this.bindOrExplain(() => tcp.listen(o.tcpPort!, bind), 'TCP', o.tcpPort, bind);
        opened.push({ info: { id: `tcp:${a.address}:${a.port}`, transport: 'tcp', ...a }, tcp });
      }
    } catch (err) {
      for (const r of opened) await (r.udp ?? r.tcp)?.close();
      throw err;
    }
    for (const r of opened) this.listeners.set(r.info.id, r);
    this.sendStatus(true);
    return opened.map((r) => this.listenerInfo(r));
  }

  /** Stops listeners (all when `ids` is omitted) and writes what they received. */
  async stop(ids?: string[]): Promise<string[]> {
    const chosen = ids ?? [...this.listeners.keys()];
    const unknown = chosen.filter((id) => !this.listeners.has(id));
    if (unknown.length) throw new FieldKitError('not_found', `No such listener: ${unknown.join(', ')}.`);
    for (const id of chosen) {
      const r = this.listeners.get(id)!;
      this.listeners.delete(id);
      await this.closeListener(r);
    }
    await this.writer.flush();
    this.sendStatus(true);
    return chosen;
  }

  async openSerial(o: { path: string; baudRate: number; name?: string }): Promise<LogSerialPort> {
    this.assertOpen();
    if (this.serial.has(o.path)) throw new FieldKitError('conflict', `${o.path} is already being captured.`);
    let link;
    try {
      link = await this.opts.ports.openConsole(o.path, o.baudRate);
    } catch (err) {
      const msg = (err as Error).message;
      const code = /permission|EACCES/i.test(msg) ? 'permission_denied' : /No such file|ENOENT/i.test(msg) ? 'not_found' : 'failed';
      throw new FieldKitError(code, `Cannot open serial port ${o.path}: ${msg}`);
    }
    this.countBase();
    const name = o.name ?? o.path;
    const origin = { transport: 'serial' as const, address: null, port: null, device: null, label: name };
    const cap = new SerialCapture(o.path, name, o.baudRate, link, (line) => {
      if (!this.closed) this.ingest.consoleLine(line, origin);
    });
    link.onClose(() => {
      if (this.serial.get(o.path) === cap) this.serial.delete(o.path);
    });
    this.serial.set(o.path, cap);
    this.sendStatus(true);
    return cap.info();
  }

  async closeSerial(path: string): Promise<boolean> {
    const cap = this.serial.get(path);
    if (!cap) return false;
    this.serial.delete(path);
    await cap.close();
    await this.writer.flush();
    this.sendStatus(true);
    return true;
  }

  async sendSerial(path: string, text: string, ending: 'cr' | 'lf' | 'crlf' | 'none'): Promise<number> {
    const cap = this.serial.get(path);
    if (!cap) throw new FieldKitError('not_found', `${path} is not open: open it with serialOpen first.`);
    try {
      return await cap.send(text, ending);
    } catch (err) {
      throw new FieldKitError('failed', `Cannot write to ${path}: ${(err as Error).message}`);
    }
  }

  status(): LogStatus {
    const base = this.countBase();
    return {
      listeners: [...this.listeners.values()].map((r) => this.listenerInfo(r)),
      serial: [...this.serial.values()].map((c) => c.info()),
      counts: {
        // A datagram the kernel dropped was received by this computer and lost: counted as both.
        received: this.ingest.received + this.kernelDropped,
        stored: this.writer.stored,
        dropped: this.writer.dropped + this.kernelDropped,
        malformed: this.ingest.malformed,
        queued: this.writer.queued,
        paused: this.paused,
        expired: this.expired,
      },
      totalEntries: base + this.writer.stored - this.expired,
      retention: { ...this.retention },
    };
  }

  /**
   * UDP datagrams the kernel discarded because FieldKit did not read them in time (Linux; 0
   * elsewhere). Included in `received` and `dropped`. Read at most every 250 ms.
   */
  get kernelDropped(): number {
    const t = Date.now();
    if (t - this.kernelDropsRead.at > 250) {
      let open = 0;
      for (const r of this.listeners.values()) open += r.udp?.kernelDrops() ?? 0;
      this.kernelDropsRead = { at: t, open };
    }
    return this.kernelDropsClosed + this.kernelDropsRead.open;
  }

  async setRetention(r: Partial<LogRetention>): Promise<LogRetention> {
    for (const k of ['maxAgeDays', 'maxEntries', 'maxBytes'] as const) if (r[k] !== undefined) this.retention[k] = r[k];
    await this.writer.flush();
    await this.retentionRunning; // one started earlier used the old policy
    await this.runRetention();
    return { ...this.retention };
  }

  rulesInfo() {
    return this.rules.describe();
  }

  /** Commits everything received so far; resolves once it is stored. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Stops listeners and consoles, writes everything received, stops timers and the writer thread. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const id of [...this.listeners.keys()]) {
      const r = this.listeners.get(id)!;
      this.listeners.delete(id);
      await this.closeListener(r);
    }
    for (const cap of [...this.serial.values()]) await cap.close().catch(() => {});
    this.serial.clear();
    // Console lines still arriving are refused from here; everything before is flushed below.
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await this.retentionRunning;
    await this.writer.close();
    await this.sink.close();
    this.flushTail();
  }

  /**
   * A committed batch (ids firstId, firstId + 1, ...). Contract entries are built only where they
   * are read: for in-process subscribers, and for the newest TAIL_MAX when the tail is sent; the
   * rules read the queued entries directly.
   */
  private committed(entries: readonly NewLogEntry[], firstId: number): void {
    if (this.committedSubs.size) {
      const stored = entries.map((e, i) => storedEntry(e, firstId + i));
      for (const cb of this.committedSubs) cb(stored);
    }
    if (this.opts.emit) {
      // Only the newest TAIL_MAX of each period are sent; older ones are counted as skipped.
      const from = Math.max(0, entries.length - TAIL_MAX);
      this.tailSkipped += from;
      for (let i = from; i < entries.length; i++) {
        this.tail.push(entries[i]!);
        this.tailIds.push(firstId + i);
      }
      if (this.tail.length > 2 * TAIL_MAX) this.trimTail();
    }
    for (let i = 0; i < entries.length; i++) {
      const records = this.rules.evaluateAt(entries[i]!, firstId + i);
      for (const r of records) {
        this.opts.emit?.('logs.alarmRecord', r);
        for (const cb of this.recordSubs) cb(r);
      }
    }
  }

  private trimTail(): void {
    const extra = this.tail.length - TAIL_MAX;
    if (extra <= 0) return;
    this.tailSkipped += extra;
    this.tail = this.tail.slice(extra);
    this.tailIds = this.tailIds.slice(extra);
  }

  private flushTail(): void {
    if (this.tail.length === 0 && this.tailSkipped === 0) return;
    this.trimTail();
    const ids = this.tailIds;
    const payload = { entries: this.tail.map((e, i) => storedEntry(e, ids[i]!)), skipped: this.tailSkipped };
    this.tail = [];
    this.tailIds = [];
    this.tailSkipped = 0;
    this.opts.emit?.('logs.entries', payload);
  }

  private sendStatus(force: boolean): void {
    if (!this.opts.emit) return;
    const s = this.status();
    const key = JSON.stringify([s.counts, s.listeners, s.serial]);
    if (!force && key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.opts.emit('logs.status', s);
  }

  /** Runs retention where the writes run (one at a time). */
  private runRetention(): Promise<void> {
    this.retentionRunning ??= (async () => {
      this.storedAtRetention = this.writer.stored;
      try {
        this.expired += (await this.sink.applyRetention(this.retention, this.now())).deleted;
      } catch (err) {
        this.opts.onError?.('log retention failed', err);
      } finally {
        this.retentionRunning = null;
      }
    })();
    return this.retentionRunning;
  }

  /**
   * Rows stored before this capture wrote any (for `totalEntries`). Counted once, when no batch is
   * being written (a committed but unacknowledged batch would skew it for good); start() counts it
   * before the first listener opens, so the count(*) is not repeated during a flood.
   */
  private countBase(): number {
    if (this.baseCount === null && this.writer.writing === 0) this.baseCount = this.store.count() - this.writer.stored + this.expired;
    return this.baseCount ?? this.store.count() - this.writer.stored + this.expired;
  }

  /** Closes a listener, keeping the kernel's drop count of a UDP socket. */
  private async closeListener(r: Running): Promise<void> {
    if (r.udp) {
      this.kernelDropsClosed += r.udp.kernelDrops() ?? 0;
      this.kernelDropsRead.at = -Infinity;
    }
    await (r.udp ?? r.tcp)?.close();
  }

  private listenerInfo(r: Running): LogListener {
    return { ...r.info, connections: r.tcp?.connections ?? 0 };
  }

  private async bindOrExplain<T>(fn: () => Promise<T>, what: string, port: number, bind: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new FieldKitError('conflict', `${what} port ${port} on ${bind} is already in use: pick another port.`);
      if (code === 'EACCES') throw new FieldKitError('permission_denied', `${what} port ${port} needs privileges on this system: use a port above 1023 (e.g. 5514).`);
      if (code === 'EADDRNOTAVAIL') throw new FieldKitError('invalid_input', `${bind} is not an address of this computer.`);
      throw new FieldKitError('failed', `Cannot listen on ${what} ${bind}:${port}: ${(err as Error).message}`);
    }
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  private assertOpen(): void {
    if (this.closed) throw new FieldKitError('unavailable', 'Log capture is shut down.');
  }
}
