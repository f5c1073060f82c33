/**
 * Shared VISCA types: what an encoder hands to a session, and the inquiry kinds whose replies
 * can be decoded into values.
 */

/** Inquiries FieldKit knows how to decode; the key picks the reply layout. */
export type InquiryKind =
  | 'power'
  | 'panTiltPosition'
  | 'panTiltMaxSpeed'
  | 'zoomPosition'
  | 'focusPosition'
  | 'focusMode'
  | 'version';

/** Decoded value of each inquiry kind. */
export interface InquiryValues {
  /** `error` = 04: the camera reports a power-circuit fault. */
  power: 'on' | 'off' | 'error';
  /** Signed positions in camera units; `panNibbles` tells 4 (most) from 5 (BRC-300 family). */
  panTiltPosition: { pan: number; tilt: number; panNibbles: 4 | 5 };
  /** Fastest drive speeds the camera accepts (VV / WW limits of pan-tilt drive). */
  panTiltMaxSpeed: { pan: number; tilt: number };
  zoomPosition: number;
  focusPosition: number;
  focusMode: 'auto' | 'manual';
  version: VersionInfo;
}

/** Reply of CAM_VersionInq. */
export interface VersionInfo {
  /** GGGG: 0x0020 Sony FCB, 0x0001 Sony SRG/BRC; other makers use their own numbers. */
  vendor: number;
  /** Best-known maker name for `vendor`, or undefined when the number is not in our table. */
  vendorName?: string;
  /** HHHH: model code (0x0467 FCB-EV7500, 0x0513 SRG-300H). */
  model: number;
  /** JJJJ: ROM revision. */
  rom: number;
  /** KK: highest socket number (2 on Sony cameras). */
  maxSocket: number;
}

/** A command (takes a socket; answered with ACK then completion, or an error). */
export interface ViscaCommand {
  readonly type: 'command';
  /** Camera address 1..7. */
  readonly address: number;
  readonly bytes: Uint8Array;
}

/** An inquiry (takes no socket; answered with one `y0 50 .. FF` reply or an error). */
export interface ViscaInquiry<K extends InquiryKind = InquiryKind> {
  readonly type: 'inquiry';
  readonly address: number;
  readonly kind: K;
  readonly bytes: Uint8Array;
}

/** Anything an encoder produces for one camera. */
export type ViscaRequest = ViscaCommand | ViscaInquiry;
