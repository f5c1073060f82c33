import { VISCA_BROADCAST, VISCA_TERMINATOR, VISCA_VENDORS, viscaErrorInfo } from './constants';
import type { ViscaErrorName } from './constants';
import { decodeNibbles } from './packet';
import type { InquiryKind, InquiryValues } from './types';

/** A packet received by the controller, classified. Addresses are camera addresses (1..7). */
export type ViscaReply =
  | { type: 'ack'; address: number; socket: number }
  | { type: 'completion'; address: number; socket: number }
  /** `y0 50 .. FF`: an inquiry reply (`data` = bytes between 50 and FF) or, with no data, IF_Clear done. */
  | { type: 'reply'; address: number; data: number[] }
  | { type: 'error'; address: number; socket: number; code: number; name: ViscaErrorName; message: string }
  /** `88 30 0n FF`: n = the address the next camera would take (cameras on the chain = n - 1). */
  | { type: 'addressSet'; next: number }
  /** `88 01 00 01 FF` came back round the chain. */
  | { type: 'ifClearBroadcast' }
  /** `y0 38 FF`: a camera joined or left the chain; AddressSet again. */
  | { type: 'networkChange'; address: number }
  | { type: 'invalid'; reason: string };

/**
 * Classifies one whole packet (as returned by the splitter). Never throws: anything that is not
 * a reply a controller can receive comes back as `{ type: 'invalid', reason }`.
 */
export function decodeReply(frame: Uint8Array): ViscaReply {
  const bytes = Array.from(frame);
  const invalid = (reason: string): ViscaReply => ({ type: 'invalid', reason });
  if (bytes.length < 3) return invalid(`packet of ${bytes.length} bytes is shorter than 3`);
  if (bytes[bytes.length - 1] !== VISCA_TERMINATOR) return invalid('packet does not end with FF');
  const header = bytes[0] as number;
  const body = bytes.slice(1, -1);
  if (body.includes(VISCA_TERMINATOR)) return invalid('FF inside the packet');

  if (header === VISCA_BROADCAST) {
    if (body.length === 2 && body[0] === 0x30) return { type: 'addressSet', next: body[1] as number };
    if (body.length === 3 && body[0] === 0x01 && body[1] === 0x00 && body[2] === 0x01) return { type: 'ifClearBroadcast' };
    return invalid('unknown broadcast packet');
  }
  if (header < 0x90 || (header & 0x0f) !== 0) {
    return invalid(`header ${header.toString(16)} is not a camera reply (expected 90..F0 or 88)`);
  }
  const address = (header >> 4) - 8;
  const kind = body[0] as number;
  const socket = kind & 0x0f;
  switch (kind >> 4) {
    case 0x4:
      return body.length === 1 ? { type: 'ack', address, socket } : invalid('ACK with extra bytes');
    case 0x5:
      if (socket === 0) return { type: 'reply', address, data: body.slice(1) };
      return body.length === 1 ? { type: 'completion', address, socket } : invalid('completion with extra bytes');
    case 0x6: {
      if (body.length !== 2) return invalid('error reply must be y0 6s ee FF');
      const code = body[1] as number;
      return { type: 'error', address, socket, code, ...viscaErrorInfo(code) };
    }
    case 0x3:
      if (kind === 0x38 && body.length === 1) return { type: 'networkChange', address };
      return invalid('unknown network message');
    default:
      return invalid(`unknown reply type ${kind.toString(16)}`);
  }
}

/** Result of decoding an inquiry reply's data. */
export type InquiryDecode<K extends InquiryKind> = { ok: true; value: InquiryValues[K] } | { ok: false; error: string };

type Out<T> = { value: T } | { error: string };
type Decoders = { [K in InquiryKind]: (d: number[]) => Out<InquiryValues[K]> };

const ok = <T>(value: T): Out<T> => ({ value });
const fail = (error: string): { error: string } => ({ error });
const u16 = (hi: number, lo: number): number => hi * 256 + lo;
const nibbles = (d: number[], what: string): Out<number> => {
  if (d.length !== 4) return fail(`${what}: expected 4 bytes, got ${d.length}`);
  const v = decodeNibbles(d, false);
  return v === undefined ? fail(`${what}: a byte has its high nibble set`) : ok(v);
};
const oneOf = <T>(d: number[], what: string, map: Record<number, T>): Out<T> => {
  const v = d.length === 1 ? map[d[0] as number] : undefined;
  return v === undefined ? fail(`${what}: unexpected data ${d.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`) : ok(v);
};

const DECODERS: Decoders = {
  power: (d) => oneOf(d, 'power', { 2: 'on', 3: 'off', 4: 'error' } as const),
  panTiltPosition: (d) => {
    // BRC-300 sends 5 pan nibbles; everyone else 4. Tilt is always 4.
    if (d.length !== 8 && d.length !== 9) return fail(`pan-tilt position: expected 8 or 9 bytes, got ${d.length}`);
    const panNibbles = d.length === 9 ? 5 : 4;
    const pan = decodeNibbles(d.slice(0, panNibbles), true);
    const tilt = decodeNibbles(d.slice(panNibbles), true);
    if (pan === undefined || tilt === undefined) return fail('pan-tilt position: a byte has its high nibble set');
    return ok({ pan, tilt, panNibbles });
  },
  panTiltMaxSpeed: (d) => (d.length === 2 ? ok({ pan: d[0] as number, tilt: d[1] as number }) : fail(`max speed: expected 2 bytes, got ${d.length}`)),
  zoomPosition: (d) => nibbles(d, 'zoom position'),
  focusPosition: (d) => nibbles(d, 'focus position'),
  focusMode: (d) => oneOf(d, 'focus mode', { 2: 'auto', 3: 'manual' } as const),
  version: (d) => {
    if (d.length !== 7) return fail(`version: expected 7 bytes, got ${d.length}`);
    const [g1, g2, h1, h2, j1, j2, k] = d as [number, number, number, number, number, number, number];
    const vendor = u16(g1, g2);
    const vendorName = VISCA_VENDORS[vendor];
    const base = { vendor, model: u16(h1, h2), rom: u16(j1, j2), maxSocket: k };
    return ok(vendorName ? { ...base, vendorName } : base);
  },
};

/** Decodes the data of a `y0 50 .. FF` reply according to the inquiry that asked for it. */
export function decodeInquiry<K extends InquiryKind>(kind: K, data: readonly number[]): InquiryDecode<K> {
  const out = (DECODERS[kind] as (d: number[]) => Out<InquiryValues[K]>)([...data]);
  return 'error' in out ? { ok: false, error: out.error } : { ok: true, value: out.value };
}
