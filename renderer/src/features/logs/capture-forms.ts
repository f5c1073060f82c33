/**
 * The listener and serial forms as typed, and their checks. Problems are i18n keys under
 * `logs.errors`, so the page can say them in the technician's language before asking the core.
 */

/** The default syslog port when 514 needs privileges (many cameras let you pick the port). */
export const DEFAULT_SYSLOG_PORT = '5514';

/** Baud rates offered for consoles; any other can be typed. */
export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const;

export interface ListenDraft {
  udp: boolean;
  udpPort: string;
  tcp: boolean;
  tcpPort: string;
  bind: string;
}

export const DEFAULT_LISTEN: ListenDraft = {
  udp: true,
  udpPort: DEFAULT_SYSLOG_PORT,
  tcp: true,
  tcpPort: DEFAULT_SYSLOG_PORT,
  bind: '0.0.0.0',
};

/** What `logs.start` takes. */
export interface StartArgs {
  udpPort?: number;
  tcpPort?: number;
  bind: string;
}

export type ListenProblem = 'noTransport' | 'badUdpPort' | 'badTcpPort' | 'badBind';
export type SerialProblem = 'noPath' | 'badBaud' | 'labelTooLong';

/** A port number 0..65535 (0 lets the system pick a free one), or null. */
export function parsePort(s: string): number | null {
  const t = s.trim();
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n <= 65535 ? n : null;
}

/** Same rule as the contract: an IP literal or `localhost` (a name would need DNS). */
export function isBindAddress(s: string): boolean {
  return s.length >= 2 && s.length <= 64 && /^(localhost|[0-9.]+|[0-9a-fA-F:.]+)$/.test(s);
}

export function listenArgs(d: ListenDraft): { ok: true; args: StartArgs } | { ok: false; problem: ListenProblem } {
  if (!d.udp && !d.tcp) return { ok: false, problem: 'noTransport' };
  const bind = d.bind.trim();
  if (!isBindAddress(bind)) return { ok: false, problem: 'badBind' };
  const args: StartArgs = { bind };
  if (d.udp) {
    const p = parsePort(d.udpPort);
    if (p === null) return { ok: false, problem: 'badUdpPort' };
    args.udpPort = p;
  }
  if (d.tcp) {
    const p = parsePort(d.tcpPort);
    if (p === null) return { ok: false, problem: 'badTcpPort' };
    args.tcpPort = p;
  }
  return { ok: true, args };
}

export interface SerialDraft {
  path: string;
  baud: string;
  label: string;
}

export const DEFAULT_SERIAL: SerialDraft = { path: '', baud: '115200', label: '' };

/** What `logs.serialOpen` takes. */
export interface SerialOpenArgs {
  path: string;
  baudRate: number;
  name?: string;
}

export function serialArgs(d: SerialDraft): { ok: true; args: SerialOpenArgs } | { ok: false; problem: SerialProblem } {
  const path = d.path.trim();
  if (!path || path.length > 255) return { ok: false, problem: 'noPath' };
  const baud = /^\d{2,7}$/.test(d.baud.trim()) ? Number(d.baud.trim()) : NaN;
  if (!(baud >= 50 && baud <= 4_000_000)) return { ok: false, problem: 'badBaud' };
  const label = d.label.trim();
  if (label.length > 100) return { ok: false, problem: 'labelTooLong' };
  return { ok: true, args: label ? { path, baudRate: baud, name: label } : { path, baudRate: baud } };
}

/** Line endings a console send may append. */
export const LINE_ENDINGS = ['crlf', 'lf', 'cr', 'none'] as const;
export type LineEnding = (typeof LINE_ENDINGS)[number];
