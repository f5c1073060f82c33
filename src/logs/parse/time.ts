/** A timestamp found at the start of a header: its text, its ISO form (null if invalid), and why not. */
export interface FoundTime {
  /** Characters consumed from the input (the timestamp itself, not the following space). */
  length: number;
  raw: string;
  iso: string | null;
  problem: string | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

/** Range-check calendar and clock fields; returns a reason or null. Leap second 60 is refused, as RFC 5424 says. */
function checkFields(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  if (mo < 1 || mo > 12) return `month ${mo} is out of range`;
  if (d < 1 || d > daysInMonth(y, mo)) return `day ${d} does not exist in ${y}-${pad(mo)}`;
  if (h > 23 || mi > 59 || s > 59) return `time ${pad(h)}:${pad(mi)}:${pad(s)} is out of range`;
  return null;
}

/** `+0800` / `+08:00` / `Z` → `+08:00` / `Z`; null if the offset is impossible. */
function normaliseOffset(off: string): string | null {
  if (off === '' || off.toUpperCase() === 'Z') return off.toUpperCase();
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(off);
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return `${m[1]}${m[2]}:${m[3]}`;
}

/**
 * An RFC 3339 / ISO timestamp at the start of `text`, followed by a space or the end. `strict`
 * (RFC 5424) requires the `T` and an offset; otherwise a space separator (`2026-11-22 11:39:44`) and
 * a missing or colon-less offset are accepted, as some camera firmwares send them in RFC 3164 headers.
 * Fractions of more than 6 digits are accepted: nanosecond senders exist and lose nothing.
 */
const ISO_STRICT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})(?= |$)/;
const ISO_LOOSE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})?(?= |$)/;

export function readIsoTime(text: string, strict: boolean): FoundTime | null {
  // Every RFC 5424 message passes here: no intermediate arrays or object spreads.
  const m = (strict ? ISO_STRICT : ISO_LOOSE).exec(text);
  if (!m) return null;
  const raw = m[0];
  const y = m[1]!, mo = m[2]!, d = m[3]!, h = m[4]!, mi = m[5]!, s = m[6]!;
  const frac = m[7] ?? '';
  const off = m[8] ?? '';
  const offset = off === 'Z' || (off.length === 6 && off[3] === ':' && +off.slice(1, 3) <= 23 && +off.slice(4) <= 59) ? off : normaliseOffset(off);
  if (offset === null) return { length: raw.length, raw, iso: null, problem: `invalid UTC offset in "${raw}"` };
  const bad = checkFields(+y, +mo, +d, +h, +mi, +s);
  if (bad) return { length: raw.length, raw, iso: null, problem: `invalid timestamp "${raw}": ${bad}` };
  // Already in the normal form (upper-case T, offset with a colon): the text is the ISO form.
  const iso = offset === off && raw[10] === 'T' ? raw : `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${offset}`;
  return { length: raw.length, raw, iso, problem: null };
}

/**
 * The year an RFC 3164 `Mmm dd` belongs to, judged from the receive date: a December message
 * received in January is from last year; a January message received in December (sender clock a
 * little ahead) is from next year.
 */
export function resolveYear(month: number, received: Date): number {
  const year = received.getUTCFullYear();
  const receivedMonth = received.getUTCMonth() + 1;
  if (month - receivedMonth > 6) return year - 1;
  if (receivedMonth - month > 6) return year + 1;
  return year;
}

/**
 * A BSD timestamp `Mmm dd hh:mm:ss` (day space-padded, or zero-padded, or unpadded) at the start of
 * `text`, followed by a space or the end. Also accepts an optional year before the time
 * (`Nov 22 2026 11:39:44`, Cisco style) and fractional seconds. The result has no offset because the
 * sender sent none.
 */
export function readBsdTime(text: string, received: Date): FoundTime | null {
  const m = /^([A-Za-z]{3}) +(\d{1,2}) +(?:(\d{4}) +)?(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?= |$)/.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf((m[1] ?? '').toLowerCase()) + 1;
  if (month === 0) return null;
  const raw = m[0];
  const [d, h, mi, s] = [m[2], m[4], m[5], m[6]].map(Number) as [number, number, number, number];
  const year = m[3] ? Number(m[3]) : resolveYear(month, received);
  const bad = checkFields(year, month, d, h, mi, s);
  const base = { length: raw.length, raw };
  if (bad) return { ...base, iso: null, problem: `invalid timestamp "${raw}": ${bad}` };
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${m[7] ?? ''}`;
  return { ...base, iso, problem: null };
}
