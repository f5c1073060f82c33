/** Which grammar a syslog message matched. `unknown`: no PRI and no recognisable header; kept raw. */
export type SyslogFormat = 'rfc5424' | 'rfc3164' | 'unknown';

/**
 * One RFC 5424 SD-ELEMENT. Escapes (`\"`, `\\`, `\]`) are already resolved in values.
 * A PARAM-NAME may legally repeat inside one element; then its value is an array in arrival order.
 */
export interface StructuredElement {
  id: string;
  params: Record<string, string | string[]>;
}

/**
 * One parsed syslog message, JSON-safe. Nothing is ever dropped: fields that could not be read are
 * null, `problems` says why in plain words, and the full text stays in `raw`.
 */
export interface SyslogMessage {
  /** 0..23, or null when the PRI was missing or invalid. */
  facility: number | null;
  /** 0 (emerg) .. 7 (debug), or null when the PRI was missing or invalid. */
  severity: number | null;
  facilityName: string | null;
  severityName: string | null;
  /** RFC 5424 VERSION (normally 1); null for RFC 3164. */
  version: number | null;
  /**
   * ISO 8601 time with the UTC offset exactly as the device sent it (not converted); an RFC 3164
   * timestamp carries no offset, so it is a local time without one (`2026-11-22T11:39:44`).
   * Null when absent or invalid.
   */
  time: string | null;
  /** The timestamp text as received, even when it could not be understood. */
  timeRaw: string | null;
  host: string | null;
  /** RFC 5424 APP-NAME, or the RFC 3164 TAG without its `[PID]`. */
  app: string | null;
  procid: string | null;
  msgid: string | null;
  structured: StructuredElement[];
  /** The free-text part (BOM removed). For an unparseable message: all of it. */
  message: string;
  format: SyslogFormat;
  /** True when `problems` is non-empty: the message deviates from its RFC and some fields were guessed. */
  malformed: boolean;
  problems: string[];
  /** The whole message as decoded text (trailing CR/LF/NUL removed). */
  raw: string;
  /** Hex of the original bytes, only when they were not valid UTF-8 (the text then holds U+FFFD). */
  rawHex: string | null;
}

/** Options for {@link SyslogMessage} parsing. */
export interface ParseOptions {
  /**
   * When the message was received. RFC 3164 timestamps have no year; it is taken from this date
   * (UTC), moved back or forward a year across the December/January wrap. Defaults to now.
   */
  received?: Date;
}
