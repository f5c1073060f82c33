import type { PtzTargetInput } from '../../../contract/ptz';
import { UsageError } from '../output';

/** Target flags of `fieldkit ptz` as commander hands them over (strings). */
export interface PtzTargetFlags {
  serial?: string;
  viscaUdp?: string;
  viscaTcp?: string;
  pelcoD?: string;
  pelcoP?: string;
  raw?: boolean;
  baud?: string;
  addr?: string;
}

/** Parses a decimal or 0x-hex integer, or throws a usage error naming the flag. */
export function parseIntFlag(flag: string, text: string): number {
  const t = text.trim();
  const n = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t.slice(2), 16) : /^-?\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} needs an integer, got "${text}"`);
  return n;
}

/** `P` or `P,T` speeds; one number sets both. */
export function parseSpeeds(text: string): { panSpeed: number; tiltSpeed: number } {
  const parts = text.split(',');
  if (parts.length > 2) throw new UsageError(`--speed takes P or P,T, got "${text}"`);
  const panSpeed = parseIntFlag('--speed', parts[0] ?? '');
  const tiltSpeed = parts[1] === undefined ? panSpeed : parseIntFlag('--speed', parts[1]);
  return { panSpeed, tiltSpeed };
}

/** Splits `HOST[:PORT]` (IPv6 as `[::1]:PORT`). */
export function parseHostPort(flag: string, text: string, portRequired: boolean): { host: string; port?: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text);
  if (!m || !m[1]) throw new UsageError(`${flag} takes HOST${portRequired ? ':PORT' : '[:PORT]'}, got "${text}"`);
  if (portRequired && m[2] === undefined) throw new UsageError(`${flag} needs a port: HOST:PORT (PTZOptics use 5678)`);
  return m[2] === undefined ? { host: m[1] } : { host: m[1], port: parseIntFlag(flag, m[2]) };
}

/**
 * Builds the camera target from the flags: exactly one of --serial, --visca-udp, --visca-tcp,
 * --pelco-d, --pelco-p. Ranges (baud, address, port) are checked by the contract's schema.
 */
export function targetFromFlags(f: PtzTargetFlags): PtzTargetInput {
  const given = (['serial', 'viscaUdp', 'viscaTcp', 'pelcoD', 'pelcoP'] as const).filter((k) => f[k] !== undefined);
  if (given.length === 0) throw new UsageError('name the camera: --serial PATH, --visca-udp HOST[:PORT], --visca-tcp HOST:PORT or --pelco-d PATH --addr N');
  if (given.length > 1) throw new UsageError('give only one of --serial, --visca-udp, --visca-tcp, --pelco-d, --pelco-p');
  const baud = f.baud === undefined ? undefined : parseIntFlag('--baud', f.baud);
  const address = f.addr === undefined ? undefined : parseIntFlag('--addr', f.addr);
  const opt = <K extends string, V>(k: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : ({ [k]: v } as Record<K, V>));
  if (f.raw && f.viscaUdp === undefined) throw new UsageError('--raw applies to --visca-udp only');
  if (f.serial !== undefined) return { kind: 'visca-serial', path: f.serial, ...opt('baud', baud), ...opt('address', address) } as PtzTargetInput;
  if (f.pelcoD !== undefined || f.pelcoP !== undefined) {
    if (address === undefined) throw new UsageError('Pelco needs the camera address: --addr N (1..255)');
    const kind = f.pelcoD !== undefined ? 'pelco-d' : 'pelco-p';
    return { kind, path: (f.pelcoD ?? f.pelcoP) as string, address, ...opt('baud', baud) } as PtzTargetInput;
  }
  if (baud !== undefined) throw new UsageError('--baud applies to serial targets only');
  if (f.viscaTcp !== undefined) {
    const hp = parseHostPort('--visca-tcp', f.viscaTcp, true);
    return { kind: 'visca-tcp', host: hp.host, ...opt('port', hp.port), ...opt('address', address) } as PtzTargetInput;
  }
  const hp = parseHostPort('--visca-udp', f.viscaUdp as string, false);
  if (f.raw) return { kind: 'visca-udp-raw', host: hp.host, ...opt('port', hp.port), ...opt('address', address) } as PtzTargetInput;
  if (address !== undefined && address !== 1) throw new UsageError('VISCA over IP always uses camera address 1 (use --raw for raw VISCA on UDP)');
  return { kind: 'visca-udp', host: hp.host, ...opt('port', hp.port) } as PtzTargetInput;
}
