/**
 * Errors that cross a transport. Every failure a client sees is a {@link WireError}:
 * a stable machine-readable `code` the UI and CLI can branch on, and a human
 * `message` that says what went wrong and, where possible, what to do.
 */
export const ERROR_CODES = [
  /** The call's arguments failed the method's schema; `details` lists the issues. */
  'invalid_input',
  /** No such service or method. */
  'unknown_method',
  /** The thing named does not exist (device, port, record). */
  'not_found',
  /** The operation was tried and failed (device refused, I/O error). */
  'failed',
  /** The peer did not answer in time. */
  'timeout',
  /** The operation was cancelled by the user or shutdown. */
  'cancelled',
  /** The process lacks a privilege the operation needs (root, CAP_NET_ADMIN, UAC). */
  'permission_denied',
  /** A resource is busy or the state forbids the operation now. */
  'conflict',
  /** A feature or OS facility is not available on this machine. */
  'unavailable',
  /** The caller is not authenticated (missing or wrong token or device credentials). */
  'unauthorized',
  /** A bug: an exception the service did not expect. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A JSON-safe error as it travels on the wire. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** Structured context, JSON-safe (for invalid_input: the schema issues). */
  details?: unknown;
}

/** Throw this from services to choose the code the client sees. */
export class FieldKitError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'FieldKitError';
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromWire(e: WireError): FieldKitError {
    return new FieldKitError(e.code, e.message, e.details);
  }
}

export function isWireError(v: unknown): v is WireError {
  return (
    typeof v === 'object' && v !== null &&
    typeof (v as WireError).message === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as WireError).code)
  );
}
