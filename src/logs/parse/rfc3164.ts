import { stripBom } from './rfc5424';
import { readBsdTime, readIsoTime } from './time';
import type { FoundTime } from './time';
import type { SyslogMessage } from './types';

/**
 * A TAG token: `name:`, `name[pid]:` or `name[pid]` followed by a space or the end. The name may not
 * contain spaces, brackets or colons, which keeps an IPv6 host (`fe80::1`) from looking like a TAG.
 */
const TAG = /^([^\s[\]:]{1,64})(?:\[([^\]\s]{0,128})\])?(:)?(?: |$)/;

/** A HOSTNAME token: a name, an IPv4 address or an IPv6 address, as RFC 3164 allows. */
const HOST = /^[A-Za-z0-9][A-Za-z0-9._:%-]{0,254}$/;

interface Tag {
  app: string;
  procid: string | null;
  length: number;
}

/** A TAG at the start of `s`, or null. A bare word needs `[pid]` or `:` to count, or every word would be a TAG. */
function readTag(s: string): Tag | null {
  const m = TAG.exec(s);
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  return { app: m[1] ?? '', procid: m[2] || null, length: m[0].length };
}

/** The first space-delimited token of `s`. */
const firstToken = (s: string): string => s.split(' ', 1)[0] ?? '';

function readTime(text: string, received: Date): FoundTime | null {
  return readBsdTime(text, received) ?? readIsoTime(text, false);
}

function takeTag(rest: string, out: SyslogMessage): void {
  const tag = readTag(rest);
  if (!tag) {
    out.message = stripBom(rest);
    return;
  }
  out.app = tag.app;
  out.procid = tag.procid;
  out.message = stripBom(rest.slice(tag.length));
}

/**
 * Parse what follows the PRI of an RFC 3164 (BSD) message into `out`:
 * `Mmm dd hh:mm:ss HOST TAG[PID]: MSG`. Tolerates what cameras and embedded syslogds actually send:
 * no TIMESTAMP (`<14>kernel: ...`), no HOSTNAME (`<30>Nov 22 11:39:44 chronyd[11]: ...`, busybox), an
 * ISO timestamp instead of the BSD one, a year in the BSD timestamp, and no TAG. The word after the
 * timestamp is read as HOSTNAME unless it is a TAG, so a sender with neither (`<14>Nov  3 08:15:02
 * Recording started`) gets its first word as host, as rsyslog does: nothing in the bytes says
 * otherwise, and `raw` keeps the original. Returns whether a
 * timestamp was found, which the caller uses to tell a PRI-less BSD message from garbage.
 */
export function parseRfc3164(text: string, out: SyslogMessage, received: Date): boolean {
  out.format = 'rfc3164';
  const ts = readTime(text, received);
  if (!ts) {
    out.problems.push('no TIMESTAMP');
    // Without a timestamp a leading word is as likely prose as a hostname, so only a TAG is taken.
    takeTag(text, out);
    return false;
  }
  out.timeRaw = ts.raw;
  out.time = ts.iso;
  if (ts.problem) out.problems.push(ts.problem);
  const rest = text.slice(ts.length).replace(/^ +/, '');
  if (rest === '') {
    out.problems.push('no HOSTNAME');
    return true;
  }
  if (readTag(rest)) {
    out.problems.push('no HOSTNAME');
    takeTag(rest, out);
    return true;
  }
  const host = firstToken(rest);
  if (!HOST.test(host)) {
    out.problems.push('no HOSTNAME');
    out.message = stripBom(rest);
    return true;
  }
  out.host = host;
  takeTag(rest.slice(host.length + 1), out);
  return true;
}
