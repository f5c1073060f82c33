import { hexByte, toHex } from '../hex';
import { PAN_TILT_DIRECTIONS, VISCA_BROADCAST, VISCA_TERMINATOR } from './constants';
import { decodeNibbles } from './packet';
import { decodeInquiry, decodeReply } from './replies';
import type { InquiryKind } from './types';

/** Human meanings of VISCA packets for the frame log ("cam 1: Pan-tilt drive up, speed 0x10/0x0E"). */

const DIRECTION_BY_BYTES = new Map<string, string>(
  Object.entries(PAN_TILT_DIRECTIONS).map(([name, [p, t]]) => [`${p},${t}`, name]),
);

const INQUIRIES: Record<string, [InquiryKind, string]> = {
  '04 00': ['power', 'Power inquiry'],
  '06 12': ['panTiltPosition', 'Pan-tilt position inquiry'],
  '06 11': ['panTiltMaxSpeed', 'Pan-tilt max speed inquiry'],
  '04 47': ['zoomPosition', 'Zoom position inquiry'],
  '04 48': ['focusPosition', 'Focus position inquiry'],
  '04 38': ['focusMode', 'Focus mode inquiry'],
  '00 02': ['version', 'Version inquiry'],
};

/** Which inquiry kind a request packet asks, if it is one we decode (lets the log decode its reply). */
export function inquiryKindOf(frame: Uint8Array): InquiryKind | undefined {
  if (frame.length !== 5 || frame[1] !== 0x09) return undefined;
  return INQUIRIES[toHex(frame.subarray(2, 4))]?.[0];
}

function lensDrive(what: string, p: number, dirs: [string, string]): string | undefined {
  if (p === 0x00) return `${what} stop`;
  if (p === 0x02 || p === 0x03) return `${what} ${dirs[p - 2]}`;
  const dir = p >> 4;
  if (dir === 2 || dir === 3) return `${what} ${dirs[dir - 2]}, variable speed ${p & 0x0f}`;
  return undefined;
}

function position(b: number[]): string | undefined {
  // 8 nibble bytes = 4 pan + 4 tilt; 9 = 5 pan (BRC-300) + 4 tilt.
  if (b.length !== 8 && b.length !== 9) return undefined;
  const split = b.length - 4;
  const pan = decodeNibbles(b.slice(0, split), true);
  const tilt = decodeNibbles(b.slice(split), true);
  return pan === undefined || tilt === undefined ? undefined : `pan ${pan} tilt ${tilt}`;
}

const hex4 = (v: number): string => `0x${v.toString(16).toUpperCase().padStart(4, '0')}`;
const FOCUS_MODES: Record<number, string> = { 0x02: 'Focus auto', 0x03: 'Focus manual', 0x10: 'Focus auto/manual toggle' };
const PRESET_OPS: Record<number, string> = { 0x00: 'Preset reset', 0x01: 'Preset set', 0x02: 'Preset recall' };

function describeCommand(b: number[]): string | undefined {
  const key = toHex(b.slice(0, 3));
  const [, , , a = -1, c = -1] = b;
  if (b[0] === 0x09 && b.length === 3) return INQUIRIES[toHex(b.slice(1))]?.[1] ?? `unknown inquiry ${toHex(b)}`;
  if (b.length === 1 && b[0] !== undefined && b[0] >> 4 === 2) return `Cancel socket ${b[0] & 0x0f}`;
  const n = b.length;
  switch (key) {
    case '01 00 01':
      return n === 3 ? 'IF_Clear' : undefined;
    case '01 04 00':
      return n === 4 ? ({ 0x02: 'Power on', 0x03: 'Power off (standby)' } as Record<number, string>)[a] : undefined;
    case '01 06 01': {
      const dir = n === 7 ? DIRECTION_BY_BYTES.get(`${b[5]},${b[6]}`) : undefined;
      return dir && `Pan-tilt drive ${dir}, speed ${hexByte(a)}/${hexByte(c)}`;
    }
    case '01 06 02':
    case '01 06 03': {
      const pos = position(b.slice(5));
      return pos && `Pan-tilt ${b[2] === 2 ? 'absolute' : 'relative'} ${pos}, speed ${hexByte(a)}/${hexByte(c)}`;
    }
    case '01 06 04':
      return n === 3 ? 'Pan-tilt home' : undefined;
    case '01 06 05':
      return n === 3 ? 'Pan-tilt reset' : undefined;
    case '01 04 07':
      return n === 4 ? lensDrive('Zoom', a, ['tele', 'wide']) : undefined;
    case '01 04 08':
      return n === 4 ? lensDrive('Focus', a, ['far', 'near']) : undefined;
    case '01 04 47':
    case '01 04 48': {
      const v = n === 7 ? decodeNibbles(b.slice(3), false) : undefined;
      return v === undefined ? undefined : `${b[2] === 0x47 ? 'Zoom' : 'Focus'} direct ${hex4(v)}`;
    }
    case '01 04 38':
      return n === 4 ? FOCUS_MODES[a] : undefined;
    case '01 04 18':
      return n === 4 && a === 1 ? 'Focus one-push trigger' : undefined;
    case '01 04 3F':
      return n === 5 && PRESET_OPS[a] ? `${PRESET_OPS[a]} ${c}` : undefined;
    default:
      return undefined;
  }
}

function describeIncoming(frame: Uint8Array, inquiry?: InquiryKind): string {
  const r = decodeReply(frame);
  switch (r.type) {
    case 'ack':
      return `cam ${r.address}: ACK socket ${r.socket}`;
    case 'completion':
      return `cam ${r.address}: Completion socket ${r.socket}`;
    case 'error':
      return `cam ${r.address}: Error socket ${r.socket}: ${r.message}`;
    case 'addressSet':
      return `broadcast: AddressSet reply, next address ${r.next} (${r.next - 1} camera(s))`;
    case 'ifClearBroadcast':
      return 'broadcast: IF_Clear came back';
    case 'networkChange':
      return `cam ${r.address}: Network change (run AddressSet)`;
    case 'reply': {
      if (r.data.length === 0) return `cam ${r.address}: Completion (IF_Clear / socket 0)`;
      if (!inquiry) return `cam ${r.address}: Inquiry reply ${toHex(r.data)}`;
      const v = decodeInquiry(inquiry, r.data);
      return `cam ${r.address}: ${inquiry} = ${v.ok ? JSON.stringify(v.value) : `undecodable (${v.error})`}`;
    }
    case 'invalid':
      return `invalid packet: ${r.reason}`;
  }
}

/**
 * Describes one packet in either direction. Pass the inquiry kind a reply answers to get its
 * value decoded, and `dir: 'rx'` for received packets (broadcasts look the same both ways). Unknown packets still get a useful line: the raw bytes with what is known.
 */
export function describeFrame(frame: Uint8Array, ctx: { inquiry?: InquiryKind; dir?: 'tx' | 'rx' } = {}): string {
  const bytes = Array.from(frame);
  const header = bytes[0];
  if (header === undefined || bytes[bytes.length - 1] !== VISCA_TERMINATOR) return `incomplete packet ${toHex(frame)}`;
  const body = bytes.slice(1, -1);
  if (header === VISCA_BROADCAST) {
    if (body.length === 2 && body[0] === 0x30) {
      // The same bytes travel out (88 30 01) and back (88 30 0n): only the number tells them apart.
      return body[1] === 1 && ctx.dir !== 'rx' ? 'broadcast: AddressSet (first camera takes 1)' : describeIncoming(frame);
    }
    if (body.join(',') === '1,0,1') return ctx.dir === 'rx' ? describeIncoming(frame) : 'broadcast: IF_Clear';
  }
  if (header >= 0x81 && header <= 0x87) {
    const address = header & 0x07;
    return `cam ${address}: ${describeCommand(body) ?? `unknown command ${toHex(body)}`}`;
  }
  return describeIncoming(frame, ctx.inquiry);
}
