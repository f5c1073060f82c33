import { readPri, splitPri } from './pri';
import { parseRfc3164 } from './rfc3164';
import { RFC5424_HEAD, parseRfc5424 } from './rfc5424';
import type { ParseOptions, SyslogMessage } from './types';
import { decodeUtf8, toHex } from './utf8';

function blank(raw: string): SyslogMessage {
  return {
    facility: null, severity: null, facilityName: null, severityName: null, version: null,
    time: null, timeRaw: null, host: null, app: null, procid: null, msgid: null, structured: [],
    message: '', format: 'unknown', malformed: false, problems: [], raw, rawHex: null,
  };
}

/** Fill `out` from `text`; may throw only on a bug, which {@link parseSyslog} contains. */
function parseText(text: string, out: SyslogMessage, received: Date): void {
  if (text === '') {
    out.problems.push('empty message');
    return;
  }
  const pri = readPri(text);
  if (pri?.problem) out.problems.push(pri.problem);
  if (pri?.value != null) Object.assign(out, splitPri(pri.value));
  if (!pri) out.problems.push('no PRI');
  const body = text.slice(pri?.length ?? 0);

  if (pri && RFC5424_HEAD.test(body)) {
    parseRfc5424(body, out);
    return;
  }
  const foundTime = parseRfc3164(body, out, received);
  if (!pri && !foundTime) {
    // Neither a PRI nor a timestamp: nothing says this is syslog. Keep the text whole, unguessed.
    Object.assign(out, { format: 'unknown', app: null, procid: null, message: text, problems: ['no PRI', 'no TIMESTAMP'] });
  }
}

/**
 * Parse one syslog message (RFC 5424, RFC 3164 or the loose variants cameras send) from a datagram,
 * a deframed TCP message or a string. Never throws and never drops anything: invalid UTF-8 becomes
 * U+FFFD with the original bytes in `rawHex`, and anything unreadable stays in `message`/`raw` with
 * `malformed` set and `problems` saying why. Trailing CR, LF and NUL (added by some UDP senders) are
 * removed first.
 */
export function parseSyslog(input: Uint8Array | string, options: ParseOptions = {}): SyslogMessage {
  const received = options.received ?? new Date();
  let text: string;
  let rawHex: string | null = null;
  let invalidUtf8 = false;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeUtf8(input);
    text = decoded.text;
    invalidUtf8 = !decoded.valid;
    if (invalidUtf8) rawHex = toHex(input);
  }
  text = text.replace(/[\r\n\0]+$/, '');
  const out = blank(text);
  out.rawHex = rawHex;
  try {
    parseText(text, out, received);
  } catch (err) {
    Object.assign(out, blank(text), { rawHex, message: text });
    out.problems.push(`parser error: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (invalidUtf8) out.problems.push('invalid UTF-8 (bad bytes shown as U+FFFD; original in rawHex)');
  out.malformed = out.problems.length > 0;
  return out;
}
