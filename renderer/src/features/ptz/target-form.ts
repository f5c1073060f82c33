import { PTZ_BAUDS, ptzTargetSchema } from '../../../../src/contract/ptz';
import type { PtzTarget, PtzTargetInput } from '../../../../src/contract';

/** How the camera is reached. */
export type LinkKind = 'serial' | 'network';
/** Protocols on a serial line (RS-232/422 for VISCA, RS-485 for Pelco). */
export const SERIAL_PROTOCOLS = ['visca-serial', 'pelco-d', 'pelco-p'] as const;
export type SerialProtocol = (typeof SERIAL_PROTOCOLS)[number];
/** Protocols over the network. */
export const NETWORK_PROTOCOLS = ['visca-udp', 'visca-udp-raw', 'visca-tcp'] as const;
export type NetworkProtocol = (typeof NETWORK_PROTOCOLS)[number];

/** The connection form as typed (numbers stay text until Connect, so a half-typed value is not rewritten). */
export interface TargetDraft {
  link: LinkKind;
  path: string;
  baud: number;
  serialProtocol: SerialProtocol;
  networkProtocol: NetworkProtocol;
  host: string;
  port: string;
  address: string;
}

export const DEFAULT_DRAFT: TargetDraft = {
  link: 'serial',
  path: '',
  baud: 9600,
  serialProtocol: 'visca-serial',
  networkProtocol: 'visca-udp',
  host: '',
  port: '',
  address: '1',
};

/** The well-known port of each network protocol (used when the port field is left empty). */
export const DEFAULT_PORTS: Record<NetworkProtocol, number> = { 'visca-udp': 52381, 'visca-udp-raw': 1259, 'visca-tcp': 5678 };

export { PTZ_BAUDS };

/** The camera addresses a protocol accepts (VISCA over IP is always camera 1). */
export function addressRange(kind: PtzTarget['kind']): { min: number; max: number } | null {
  switch (kind) {
    case 'visca-udp':
      return null;
    case 'pelco-d':
      return { min: 1, max: 255 };
    case 'pelco-p':
      return { min: 1, max: 256 };
    default:
      return { min: 1, max: 7 };
  }
}

/** The target kind the draft describes. */
export function draftKind(d: TargetDraft): PtzTarget['kind'] {
  return d.link === 'serial' ? d.serialProtocol : d.networkProtocol;
}

/** A form field that can be wrong. */
export type DraftField = 'path' | 'host' | 'port' | 'address';
/** Why a field is wrong: an i18n key under `ptz.form.errors` and its values. */
export interface FieldError {
  key: 'required' | 'integer' | 'range' | 'host' | 'invalid';
  min?: number;
  max?: number;
}

export type BuildResult = { ok: true; target: PtzTargetInput } | { ok: false; errors: Partial<Record<DraftField, FieldError>> };

const INT = /^\s*\d+\s*$/;

function intField(text: string, min: number, max: number, required: boolean): { value?: number; error?: FieldError } {
  if (text.trim() === '') return required ? { error: { key: 'required' } } : {};
  if (!INT.test(text)) return { error: { key: 'integer' } };
  const value = Number(text);
  return value < min || value > max ? { error: { key: 'range', min, max } } : { value };
}

/**
 * Turns the form into a camera target, or says which fields are wrong and why. The contract's
 * schema has the last word, so the form can never send what the core would refuse.
 */
export function buildTarget(d: TargetDraft): BuildResult {
  const kind = draftKind(d);
  const errors: Partial<Record<DraftField, FieldError>> = {};
  const range = addressRange(kind);
  let address: number | undefined;
  if (range) {
    const a = intField(d.address, range.min, range.max, true);
    if (a.error) errors.address = a.error;
    address = a.value;
  }
  let candidate: Record<string, unknown>;
  if (d.link === 'serial') {
    const path = d.path.trim();
    if (!path) errors.path = { key: 'required' };
    candidate = { kind, path, baud: d.baud, address };
  } else {
    const host = d.host.trim();
    if (!host) errors.host = { key: 'required' };
    else if (!/^[A-Za-z0-9.:_-]+$/.test(host) || host.length > 253) errors.host = { key: 'host' };
    const p = intField(d.port, 1, 65535, false);
    if (p.error) errors.port = p.error;
    candidate = { kind, host, port: p.value ?? DEFAULT_PORTS[d.networkProtocol], ...(range ? { address } : {}) };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = ptzTargetSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'path' || field === 'host' || field === 'port' || field === 'address') errors[field] ??= { key: 'invalid' };
    }
    if (!Object.keys(errors).length) errors[d.link === 'serial' ? 'path' : 'host'] = { key: 'invalid' };
    return { ok: false, errors };
  }
  return { ok: true, target: candidate as PtzTargetInput };
}

/** Where a target is, as shown in the connection selector: a path, or host:port. */
export function targetPlace(t: PtzTarget): string {
  if ('path' in t) return t.path;
  return t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

/** The camera address of a target (VISCA over IP: always 1). */
export function targetAddress(t: PtzTarget): number {
  return 'address' in t ? t.address : 1;
}

/** Whether AddressSet makes sense: only a VISCA serial line can be a daisy chain. */
export function canAssignAddresses(t: PtzTarget): boolean {
  return t.kind === 'visca-serial';
}

/** Preset numbers offered for a target: VISCA 0..maxPreset (Sony 0..15), Pelco 1..16 (what most domes keep). */
export function presetNumbers(t: PtzTarget, viscaMax = 15): number[] {
  const pelco = t.kind === 'pelco-d' || t.kind === 'pelco-p';
  return pelco ? Array.from({ length: 16 }, (_, i) => i + 1) : Array.from({ length: viscaMax + 1 }, (_, i) => i);
}

/** A draft that reconnects to `t` at another address (the next camera on a daisy chain). */
export function draftFor(t: PtzTarget, address?: number): TargetDraft {
  if ('path' in t) {
    return { ...DEFAULT_DRAFT, link: 'serial', path: t.path, baud: t.baud, serialProtocol: t.kind, address: String(address ?? t.address) };
  }
  return { ...DEFAULT_DRAFT, link: 'network', networkProtocol: t.kind, host: t.host, port: String(t.port), address: String(address ?? targetAddress(t)) };
}
