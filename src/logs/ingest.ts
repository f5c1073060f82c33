import type { LogDeviceRef, LogTransport } from '../contract/logs';
import type { DeviceDirectory } from './device-directory';
import { entryFromConsole, entryFromSyslog, type NewLogEntry, type Origin } from './entry';
import { parseSyslog, type ConsoleLine, type DeframeEvent } from './parse';
import { decodeUtf8, toHex } from './parse/utf8';
import type { LogWriter } from './store/writer';

/** IPv4-mapped IPv6 (`::ffff:10.0.0.5`) from a dual-stack socket is shown and matched as IPv4. */
export function plainAddress(a: string): string {
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/**
 * Turns what receivers read into entries and hands them to the writer, counting everything on the
 * way: every datagram, frame, garbage run and console line is `received`; it is then either queued
 * (and later `stored`) or, for UDP with a full queue, `dropped`.
 */
export class Ingest {
  received = 0;
  malformed = 0;
  private readonly deviceCache = new Map<string, LogDeviceRef | null>();
  /** The receive time as a Date for the parser, shared by the messages of one millisecond. */
  private lastAt = NaN;
  private lastDate = new Date(0);

  constructor(
    private readonly writer: LogWriter,
    private readonly devices: DeviceDirectory,
    private readonly now: () => number,
  ) {}

  origin(transport: LogTransport, address: string, port: number): Origin {
    const a = plainAddress(address);
    return { transport, address: a, port, device: this.deviceFor(a) };
  }

  /** Forget cached device lookups (the device list changed). */
  devicesChanged(): void {
    this.deviceCache.clear();
  }

  /** A UDP datagram: droppable when the queue is full. */
  datagram(bytes: Uint8Array, origin: Origin): void {
    const at = this.now();
    this.received++;
    const entry = entryFromSyslog(parseSyslog(bytes, { received: this.dateOf(at) }), origin, at);
    this.take(entry, true);
  }

  /** A message or garbage cut from a TCP stream: never dropped (the stream is paused instead). */
  frame(ev: DeframeEvent, origin: Origin): void {
    const at = this.now();
    this.received++;
    if (ev.type === 'message') {
      const m = parseSyslog(ev.bytes, { received: this.dateOf(at) });
      this.take(entryFromSyslog(m, origin, at, { truncated: ev.truncated, incomplete: ev.incomplete }), false);
      return;
    }
    const d = decodeUtf8(ev.bytes);
    const m = parseSyslog(d.text, { received: this.dateOf(at) });
    m.problems.unshift(`not a syslog frame: ${ev.reason}`);
    m.rawHex = d.valid ? null : toHex(ev.bytes);
    this.take(entryFromSyslog(m, origin, at), false);
  }

  /** A serial console line: serial flow control is not used, so it is kept whatever the queue. */
  consoleLine(line: ConsoleLine, origin: Origin): void {
    this.received++;
    this.take(entryFromConsole(line, origin), false);
  }

  private dateOf(at: number): Date {
    if (at !== this.lastAt) {
      this.lastAt = at;
      this.lastDate = new Date(at);
    }
    return this.lastDate;
  }

  private take(entry: NewLogEntry, droppable: boolean): void {
    if (entry.problems.length) entry.malformed = true;
    if (entry.malformed) {
      entry.raw ??= entry.message;
      this.malformed++;
    }
    this.writer.offer(entry, droppable);
  }

  private deviceFor(address: string): LogDeviceRef | null {
    let d = this.deviceCache.get(address);
    if (d === undefined) {
      d = this.devices.deviceForAddress(address);
      // Bounded: a flood from spoofed sources must not grow memory without limit.
      if (this.deviceCache.size > 4096) this.deviceCache.clear();
      this.deviceCache.set(address, d);
    }
    return d;
  }
}
