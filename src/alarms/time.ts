/**
 * Alarm times: the device's ISO 8601 string is kept as written (its offset says
 * where the site is) and a UTC epoch in ms is derived for sorting and ranges.
 */

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Earliest plausible alarm time; anything before is a device with an unset clock. */
export const EPOCH_2000_MS = Date.UTC(2000, 0, 1);
/** Clock skew tolerated before a time counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

/** A parsed time: the original text and its UTC instant. */
export interface AlarmTime {
  iso: string;
  ms: number;
}

/** Two ASCII digits at i as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The common shape `YYYY-MM-DDTHH:MM:SS[.fff]Z|±hh:mm`, valid and in range, without a regular
 * expression or a Date (an import parses one per record). Anything else, including every invalid
 * time, returns null and goes through the general parser, which words the reason.
 */
function parseCommon(s: string): AlarmTime | null {
  const n = s.length;
  if (n < 20 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return null;
  const y1 = digits2(s, 0), y2 = digits2(s, 2), month = digits2(s, 5), day = digits2(s, 8);
  const hour = digits2(s, 11), minute = digits2(s, 14), second = digits2(s, 17);
  // Years below 1000 (Date.UTC maps 0-99 to 19xx) and leap seconds take the general path.
  if (y1 < 10 || y2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const year = y1 * 100 + y2;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return null;
  let i = 19;
  let frac = 0;
  if (s[i] === '.' || s[i] === ',') {
    let k = 0;
    for (i++; i < n && k < 10; i++, k++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (k < 3) frac += d * (k === 0 ? 100 : k === 1 ? 10 : 1);
    }
    if (k === 0 || k > 9) return null;
  }
  let offsetMin = 0;
  if (s[i] === 'Z' && i + 1 === n) offsetMin = 0;
  else if ((s[i] === '+' || s[i] === '-') && i + 6 === n && s[i + 3] === ':') {
    const oh = digits2(s, i + 1), om = digits2(s, i + 4);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return null;
    offsetMin = (s[i] === '-' ? -1 : 1) * (oh * 60 + om);
  } else return null;
  return { iso: s, ms: Date.UTC(year, month - 1, day, hour, minute, second, frac) - offsetMin * 60_000 };
}

/** Parses ISO 8601 with a mandatory offset (Z or ±hh:mm); returns a reason string when it cannot. */
export function parseAlarmTime(text: string): AlarmTime | string {
  const s = text.trim();
  const common = parseCommon(s);
  if (common) return common;
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) {
    return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)
      ? `time "${s.slice(0, 40)}" has no UTC offset (write Z or +hh:mm)`
      : `time "${s.slice(0, 40)}" is not ISO 8601`;
  }
  const [, y, mo, d, h, mi, sec = '0', frac = '0', tz = 'Z'] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return `time "${s.slice(0, 40)}" is out of range`;
  }
  let offsetMin = 0;
  if (tz.toUpperCase() !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 14 || om > 59) return `time "${s.slice(0, 40)}" has an impossible offset`;
    offsetMin = sign * (oh * 60 + om);
  }
  // Not Date.UTC(year, ...): it maps years 0-99 to 1900-1999, so "0024-..." became 1924.
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  check.setUTCHours(hour, minute, Math.min(second, 59), Number(frac.slice(0, 3).padEnd(3, '0')));
  const local = check.getTime();
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return `time "${s.slice(0, 40)}" is not a real date`;
  return { iso: s, ms: local - offsetMin * 60_000 };
}

/** Flag bits stored with records and instances. */
export const FLAG = { orphanClear: 1, future: 2, before2000: 4 } as const;

/** Time flags for an instant relative to `nowMs`. */
export function timeFlags(ms: number, nowMs: number): number {
  if (ms < EPOCH_2000_MS) return FLAG.before2000;
  if (ms > nowMs + FUTURE_TOLERANCE_MS) return FLAG.future;
  return 0;
}

/** Flag bits to their names for the contract. */
export function flagNames(bits: number): ('orphan-clear' | 'future-time' | 'before-2000')[] {
  const out: ('orphan-clear' | 'future-time' | 'before-2000')[] = [];
  if (bits & FLAG.orphanClear) out.push('orphan-clear');
  if (bits & FLAG.future) out.push('future-time');
  if (bits & FLAG.before2000) out.push('before-2000');
  return out;
}
