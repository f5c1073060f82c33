/**
 * VISCA over IP (Sony, UDP 52381): an 8-byte header in front of each VISCA packet.
 * Header = payload type (2 bytes), payload length (2, big-endian), sequence number (4, big-endian).
 */

/** Sony's port; some models listen on 52380, and raw VISCA (no header) often uses 1259 or TCP 5678. */
export const VISCA_IP_PORT = 52381;
export const OVER_IP_HEADER_LENGTH = 8;

/** Payload types of the header. */
export const PAYLOAD_TYPES = {
  command: 0x0100,
  inquiry: 0x0110,
  reply: 0x0111,
  deviceSetting: 0x0120,
  control: 0x0200,
  controlReply: 0x0201,
} as const;

export type PayloadType = keyof typeof PAYLOAD_TYPES;
const TYPE_BY_CODE = new Map<number, PayloadType>(Object.entries(PAYLOAD_TYPES).map(([k, v]) => [v, k as PayloadType]));

/** One datagram, decoded. */
export interface OverIpMessage {
  type: PayloadType;
  sequence: number;
  payload: Uint8Array;
}

const MAX_SEQUENCE = 0xffff_ffff;
const MAX_PAYLOAD = 16;

/** Builds a datagram. Throws on an empty or over-long payload or a sequence outside 32 bits. */
export function encodeOverIp(type: PayloadType, sequence: number, payload: Uint8Array): Uint8Array {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`sequence number must be 0..${MAX_SEQUENCE}, got ${sequence}`);
  }
  if (payload.length < 1 || payload.length > MAX_PAYLOAD) {
    throw new RangeError(`payload must be 1..${MAX_PAYLOAD} bytes, got ${payload.length}`);
  }
  const out = new Uint8Array(OVER_IP_HEADER_LENGTH + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, PAYLOAD_TYPES[type]);
  view.setUint16(2, payload.length);
  view.setUint32(4, sequence);
  out.set(payload, OVER_IP_HEADER_LENGTH);
  return out;
}

/** Decodes a datagram, checking the type and that the length field matches what arrived. */
export function decodeOverIp(datagram: Uint8Array): { ok: true; message: OverIpMessage } | { ok: false; error: string } {
  if (datagram.length < OVER_IP_HEADER_LENGTH + 1) {
    return { ok: false, error: `datagram of ${datagram.length} bytes is shorter than header + 1` };
  }
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const code = view.getUint16(0);
  const type = TYPE_BY_CODE.get(code);
  if (!type) return { ok: false, error: `unknown payload type 0x${code.toString(16).padStart(4, '0')}` };
  const length = view.getUint16(2);
  const actual = datagram.length - OVER_IP_HEADER_LENGTH;
  if (length !== actual) return { ok: false, error: `length field says ${length} bytes, datagram carries ${actual}` };
  if (length > MAX_PAYLOAD) return { ok: false, error: `payload of ${length} bytes exceeds ${MAX_PAYLOAD}` };
  const payload = datagram.slice(OVER_IP_HEADER_LENGTH);
  return { ok: true, message: { type, sequence: view.getUint32(4), payload } };
}

/** Control payload RESET: sets the camera's sequence counter back to 0. */
export const CONTROL_RESET = Uint8Array.of(0x01);
/** Control reply to RESET. */
export const CONTROL_RESET_ACK = Uint8Array.of(0x01);
/** Control reply: abnormal sequence number (e.g. a retransmission of something already done). */
export const CONTROL_ERROR_SEQUENCE = Uint8Array.of(0x0f, 0x01);
/** Control reply: abnormal message (unknown payload type or broken datagram). */
export const CONTROL_ERROR_MESSAGE = Uint8Array.of(0x0f, 0x02);

/** Meaning of a control or control-reply payload. */
export type ControlMeaning = 'reset' | 'resetAck' | 'sequenceError' | 'messageError' | 'unknown';

/** Classifies a control payload (`01` is RESET in a command and its ACK in a reply). */
export function decodeControl(type: 'control' | 'controlReply', payload: Uint8Array): ControlMeaning {
  if (payload.length === 1 && payload[0] === 0x01) return type === 'control' ? 'reset' : 'resetAck';
  if (payload.length === 2 && payload[0] === 0x0f) {
    if (payload[1] === 0x01) return 'sequenceError';
    if (payload[1] === 0x02) return 'messageError';
  }
  return 'unknown';
}

/** RESET datagram (its sequence field is ignored by the camera; 0 by convention). */
export function encodeReset(): Uint8Array {
  return encodeOverIp('control', 0, CONTROL_RESET);
}

/**
 * Picks the payload type for a VISCA packet: inquiries `8x 09`, IF_Clear is a device-setting
 * command, everything else a command.
 */
export function payloadTypeFor(visca: Uint8Array): PayloadType {
  if (visca[1] === 0x09) return 'inquiry';
  if (visca[1] === 0x01 && visca[2] === 0x00 && visca[3] === 0x01) return 'deviceSetting';
  return 'command';
}
