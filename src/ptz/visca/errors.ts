import { FieldKitError } from '../../contract/errors';
import type { ErrorCode } from '../../contract/errors';
import type { ViscaErrorName } from './constants';

/** Which wait ran out: the ACK/reply after sending, or the completion after an ACK. */
export type ViscaTimeoutPhase = 'reply' | 'completion';

/** The camera answered with a VISCA error packet (`y0 6s ee FF`). */
export class ViscaCameraError extends FieldKitError {
  readonly address: number;
  readonly socket: number;
  /** Raw error code (0x01..0x05, 0x41, or a vendor code). */
  readonly viscaCode: number;
  readonly viscaName: ViscaErrorName;

  constructor(address: number, socket: number, viscaCode: number, viscaName: ViscaErrorName, message: string) {
    const code: ErrorCode = viscaName === 'bufferFull' ? 'conflict' : viscaName === 'cancelled' ? 'cancelled' : 'failed';
    super(code, `camera ${address}: ${message}`, { address, socket, viscaCode, viscaName });
    this.name = 'ViscaCameraError';
    this.address = address;
    this.socket = socket;
    this.viscaCode = viscaCode;
    this.viscaName = viscaName;
  }
}

/**
 * The camera stayed silent. After this the camera's state is unknown (a drive may still be
 * running): send IF_Clear (`session.resync()`) before trusting sockets again, and a stop.
 */
export class ViscaTimeoutError extends FieldKitError {
  readonly address: number | 'broadcast';
  readonly phase: ViscaTimeoutPhase;
  /** Always true: IF_Clear is the documented way back to a known state. */
  readonly resyncSuggested = true;

  constructor(address: number | 'broadcast', phase: ViscaTimeoutPhase, waitedMs: number) {
    const who = address === 'broadcast' ? 'the daisy chain' : `camera ${address}`;
    const what = phase === 'reply' ? 'did not answer' : 'did not report completion';
    super(
      'timeout',
      `${who} ${what} within ${waitedMs} ms; check wiring, address and baud rate, then resync (IF_Clear)`,
      { address, phase, waitedMs },
    );
    this.name = 'ViscaTimeoutError';
    this.address = address;
    this.phase = phase;
  }
}

/** The reply arrived but could not be decoded for what was asked (wrong length, bad nibbles). */
export class ViscaProtocolError extends FieldKitError {
  constructor(message: string, details?: unknown) {
    super('failed', message, details);
    this.name = 'ViscaProtocolError';
  }
}

/** Work still pending when the line closed or was cleared. */
export class ViscaAbortedError extends FieldKitError {
  constructor(message: string, code: ErrorCode = 'cancelled') {
    super(code, message);
    this.name = 'ViscaAbortedError';
  }
}
