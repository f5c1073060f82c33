import { z } from 'zod';
import { event, method } from './define';

/** PTZ control: VISCA (serial, over IP, raw TCP/UDP) and Pelco-D/P cameras, with a frame log. */

const path = z.string().min(1).max(260);
const host = z.string().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'host name or IP address');
const port = z.number().int().min(1).max(65535);
/** Serial rates FieldKit offers (VISCA 9600..115200; Pelco 2400/4800/9600). */
export const PTZ_BAUDS = [2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
const baud = z.literal(PTZ_BAUDS);

/** Where a camera is and which protocol it speaks. */
export const ptzTargetSchema = z.discriminatedUnion('kind', [
  /** VISCA on RS-232/RS-422 (USB adapter or pty); `address` 1..7 on a daisy chain. */
  z.object({ kind: z.literal('visca-serial'), path, baud: baud.default(9600), address: z.number().int().min(1).max(7).default(1) }).strict(),
  /** Sony VISCA over IP: UDP 52381 with the 8-byte header (sequence numbers); address is always 1. */
  z.object({ kind: z.literal('visca-udp'), host, port: port.default(52381) }).strict(),
  /** Raw VISCA bytes in UDP datagrams (no header), usually port 1259. */
  z.object({ kind: z.literal('visca-udp-raw'), host, port: port.default(1259), address: z.number().int().min(1).max(7).default(1) }).strict(),
  /** Raw VISCA bytes over a TCP stream, usually port 5678 (PTZOptics). */
  z.object({ kind: z.literal('visca-tcp'), host, port: port.default(5678), address: z.number().int().min(1).max(7).default(1) }).strict(),
  /** Pelco-D on RS-485; `address` 1..255. */
  z.object({ kind: z.literal('pelco-d'), path, baud: baud.default(9600), address: z.number().int().min(1).max(255) }).strict(),
  /** Pelco-P on RS-485; `address` 1..256 (sent as address - 1). */
  z.object({ kind: z.literal('pelco-p'), path, baud: baud.default(9600), address: z.number().int().min(1).max(256) }).strict(),
]);

/** A camera target after defaults are applied. */
export type PtzTarget = z.output<typeof ptzTargetSchema>;
/** A camera target as a client may send it (defaults optional). */
export type PtzTargetInput = z.input<typeof ptzTargetSchema>;

/** Options of `ptz.connect`. */
export const ptzConnectOptionsSchema = z
  .object({
    /** Wait for an ACK / inquiry reply (ms). */
    replyTimeoutMs: z.number().int().min(50).max(30_000).optional(),
    /** Wait for a completion after the ACK (ms). */
    completionTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** Highest preset number the camera accepts (VISCA: Sony FCB 15, others up to 254). */
    maxPreset: z.number().int().min(1).max(254).optional(),
  })
  .strict();

/** Connection state of one camera target. */
export type PtzConnectionState = 'open' | 'lost' | 'closed';

/** One connected camera. */
export interface PtzConnectionInfo {
  connId: string;
  target: PtzTarget;
  /** `visca` or `pelco` (Pelco is send-only: no inquiries, no completions). */
  protocol: 'visca' | 'pelco';
  state: PtzConnectionState;
  /** A jog (drive while held) is running under the deadman. */
  jogging: boolean;
  /** Last known position (from the last position inquiry). */
  position?: PtzPosition;
}

/** One frame in or out, as the frame log shows it. */
export interface PtzFrame {
  dir: 'tx' | 'rx';
  /** ISO time. */
  at: string;
  /** Bytes as upper-case hex pairs. */
  hex: string;
  /** Decoded meaning ("cam 1: ACK socket 1"). */
  meaning: string;
  /** For replies: ms since the packet they answer was sent. */
  latencyMs?: number;
  /** Set when the bytes were skipped as garbage. */
  discarded?: boolean;
}

/** What every camera operation returns besides its value: the frames it caused and how long it took. */
export interface PtzOutcome {
  /** Frames logged on this connection while the operation ran. */
  frames: PtzFrame[];
  /** ms from the call reaching the service to the last answer (completion or reply). */
  latencyMs: number;
}

/** Decoded position of a VISCA camera. */
export interface PtzPosition {
  pan: number;
  tilt: number;
  zoom: number;
  focus: number;
  focusMode: 'auto' | 'manual';
}

/** Camera identity from the VISCA version inquiry. */
export interface PtzVersion {
  vendor: number;
  vendorName?: string;
  model: number;
  rom: number;
  maxSocket: number;
}

/**
 * Camera error names carried in `details.camera` of failed calls (the CLI prints them as `error`):
 * the VISCA error replies, and `timeout` for a silent camera.
 */
export type PtzCameraErrorName = 'syntax' | 'buffer-full' | 'canceled' | 'no-socket' | 'not-executable' | 'timeout';

export const PTZ_DIRECTIONS = ['up', 'down', 'left', 'right', 'up-left', 'up-right', 'down-left', 'down-right'] as const;
/** Pan-tilt drive directions. */
export type PtzDirection = (typeof PTZ_DIRECTIONS)[number];

const connId = z.string().min(1).max(64);
/** Protocol-native speed: VISCA pan 1..0x18, tilt 1..0x14 (model-dependent); Pelco 0..0x3F. */
const speed = z.number().int().min(0).max(0x3f);
const preset = z.number().int().min(0).max(255);

export const ptzContract = {
  connect: method(z.tuple([ptzTargetSchema, ptzConnectOptionsSchema.optional()]), 'Open a camera target; several may be open at once.').returns<PtzConnectionInfo>(),
  disconnect: method(z.tuple([connId]), 'Send stop if jogging, then close the connection.').returns<{ closed: boolean }>(),
  connections: method(z.tuple([]), 'Open connections and their state.').returns<PtzConnectionInfo[]>(),
  drive: method(
    z.tuple([connId, z.object({ direction: z.enum(PTZ_DIRECTIONS), panSpeed: speed.optional(), tiltSpeed: speed.optional(), deadman: z.boolean().default(true) }).strict()]),
    'Start a pan-tilt drive (jog). With the deadman on, stop is sent unless ptz.heartbeat arrives every 500 ms.',
  ).returns<PtzOutcome>(),
  heartbeat: method(z.tuple([connId]), 'Keep a jog alive (the UI sends this while a jog is held).').returns<{ jogging: boolean }>(),
  stop: method(z.tuple([connId]), 'Stop pan-tilt motion and end the jog.').returns<PtzOutcome>(),
  home: method(z.tuple([connId]), 'Pan-tilt home.').returns<PtzOutcome>(),
  reset: method(z.tuple([connId]), 'Pan-tilt reset (re-initialise the mechanism).').returns<PtzOutcome>(),
  goto: method(
    z.tuple([connId, z.object({ pan: z.number().int().min(-0x80000).max(0x7ffff), tilt: z.number().int().min(-0x8000).max(0x7fff), panSpeed: speed.optional(), tiltSpeed: speed.optional() }).strict()]),
    'Absolute pan-tilt move; resolves on completion.',
  ).returns<PtzOutcome>(),
  zoom: method(z.tuple([connId, z.object({ action: z.enum(['tele', 'wide', 'stop']), speed: z.number().int().min(0).max(7).optional() }).strict()]), 'Zoom drive.').returns<PtzOutcome>(),
  zoomTo: method(z.tuple([connId, z.number().int().min(0).max(0xffff)]), 'Zoom direct to a position.').returns<PtzOutcome>(),
  focus: method(
    z.tuple([connId, z.object({ action: z.enum(['auto', 'manual', 'far', 'near', 'stop', 'one-push']), speed: z.number().int().min(0).max(7).optional() }).strict()]),
    'Focus mode or drive.',
  ).returns<PtzOutcome>(),
  focusTo: method(z.tuple([connId, z.number().int().min(0).max(0xffff)]), 'Focus direct to a position.').returns<PtzOutcome>(),
  preset: method(z.tuple([connId, z.object({ action: z.enum(['set', 'recall', 'clear']), number: preset }).strict()]), 'Save, recall or clear a preset.').returns<PtzOutcome>(),
  position: method(z.tuple([connId]), 'Pan, tilt, zoom, focus and focus mode (VISCA).').returns<PtzOutcome & PtzPosition>(),
  power: method(z.tuple([connId, z.boolean()]), 'Power on (true) or standby (false).').returns<PtzOutcome>(),
  powerStatus: method(z.tuple([connId]), 'Power inquiry.').returns<PtzOutcome & { power: 'on' | 'off' | 'error' }>(),
  version: method(z.tuple([connId]), 'Version inquiry: vendor, model, ROM, sockets.').returns<PtzOutcome & PtzVersion>(),
  addressSet: method(z.tuple([connId]), 'AddressSet broadcast on the daisy chain: cameras take addresses 1..n.').returns<PtzOutcome & { cameras: number }>(),
  ifClear: method(z.tuple([connId, z.object({ broadcast: z.boolean().default(false) }).strict().optional()]), 'IF_Clear: empty the camera buffers and resynchronise.').returns<PtzOutcome>(),
  detectBaud: method(
    z.tuple([z.object({ path, address: z.number().int().min(1).max(7).default(1), timeoutMs: z.number().int().min(50).max(5000).default(400) }).strict()]),
    'Try 9600/19200/38400/115200 with the (non-moving) version inquiry; the first that answers wins.',
  ).returns<PtzOutcome & { baud: number; version: PtzVersion; tried: number[] }>(),
  frameLog: method(z.tuple([connId, z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict().optional()]), 'The in-memory frame log, oldest first.').returns<PtzFrame[]>(),
  exportLog: method(z.tuple([connId, z.enum(['csv', 'text'])]), 'The frame log as CSV or plain text.').returns<{ filename: string; mimeType: string; content: string }>(),
};

export const ptzEvents = {
  'ptz.frame': event<PtzFrame & { connId: string }>('A frame went out or came in on a connection.'),
  'ptz.state': event<PtzConnectionInfo>('A connection opened, was lost, reopened, closed, started/stopped jogging or learned its position.'),
  'ptz.error': event<{ connId: string; code: string; message: string }>('Something went wrong outside a call: port lost, deadman stop, reopen failed.'),
};
