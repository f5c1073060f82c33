import { readStructuredData } from './structured-data';
import { readIsoTime } from './time';
import type { SyslogMessage } from './types';

/** VERSION followed by a TIMESTAMP or NILVALUE: how an RFC 5424 message looks right after its PRI. */
export const RFC5424_HEAD = /^[1-9]\d{0,2} (?:-|\d{4}-\d{2}-\d{2}[Tt])/;

/** Header fields after TIMESTAMP, with their RFC 5424 maximum lengths. */
const FIELDS = [
  ['host', 'HOSTNAME', 255],
  ['app', 'APP-NAME', 48],
  ['procid', 'PROCID', 128],
  ['msgid', 'MSGID', 32],
] as const;

const PRINTUSASCII = /^[!-~]+$/;

/** Drop the UTF-8 BOM that RFC 5424 puts in front of a Unicode MSG. */
export function stripBom(msg: string): string {
  return msg.startsWith('\uFEFF') ? msg.slice(1) : msg;
}

/**
 * Parse what follows the PRI of an RFC 5424 message (`VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME
 * SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]`) into `out`. A short header leaves the missing
 * fields null; unreadable STRUCTURED-DATA keeps the complete elements and puts the rest into
 * `message`, so nothing is lost.
 */
/** Where the space-separated token starting at `pos` ends (every message passes here: no closure). */
function tokenEnd(text: string, pos: number): number {
  const sp = text.indexOf(' ', pos);
  return sp === -1 ? text.length : sp;
}

export function parseRfc5424(text: string, out: SyslogMessage): void {
  out.format = 'rfc5424';
  let pos = 0;
  let end = tokenEnd(text, pos);
  const version = Number(text.slice(pos, end));
  pos = end + 1;
  out.version = version;
  if (version !== 1) out.problems.push(`unsupported VERSION ${version} (read as version 1)`);

  const ts = readIsoTime(text.slice(pos), true);
  if (ts) {
    out.timeRaw = ts.raw;
    out.time = ts.iso;
    if (ts.problem) out.problems.push(ts.problem);
    pos += ts.length + 1;
  } else {
    let raw: string | null = null;
    if (pos <= text.length) {
      end = tokenEnd(text, pos);
      raw = text.slice(pos, end);
      pos = end + 1;
    }
    if (raw === null || raw === '') out.problems.push('header ends before TIMESTAMP');
    else if (raw !== '-') {
      out.timeRaw = raw;
      out.problems.push(`TIMESTAMP "${raw}" is not RFC 3339`);
    }
  }

  for (const [key, label, max] of FIELDS) {
    let token: string | null = null;
    if (pos <= text.length) {
      end = tokenEnd(text, pos);
      token = text.slice(pos, end);
      pos = end + 1;
    }
    if (token === null || (token === '' && pos > text.length)) {
      out.problems.push(`header ends before ${label}`);
      return;
    }
    if (token === '-') continue;
    out[key] = token;
    if (token === '') out.problems.push(`empty ${label} (extra space)`);
    else if (!PRINTUSASCII.test(token)) out.problems.push(`${label} has characters outside printable ASCII`);
    else if (token.length > max) out.problems.push(`${label} is longer than ${max} characters`);
  }

  if (pos > text.length) {
    out.problems.push('header ends before STRUCTURED-DATA');
    return;
  }
  const rest = text.slice(pos);
  const sd = readStructuredData(rest, out.problems);
  out.structured = sd.elements;
  if (sd.problem) {
    out.problems.push(sd.problem);
    // Keep the unreadable part verbatim: it may be a half-sent element or a sender that skipped SD.
    out.message = stripBom(rest.slice(sd.end));
    return;
  }
  const after = rest.slice(sd.end);
  if (after === '') return;
  if (!after.startsWith(' ')) out.problems.push('no space between STRUCTURED-DATA and MSG');
  out.message = stripBom(after.startsWith(' ') ? after.slice(1) : after);
}
