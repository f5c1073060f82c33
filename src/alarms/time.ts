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

/** Parses ISO 8601 with a mandatory offset (Z or ±hh:mm); returns a reason string when it cannot. */
export function parseAlarmTime(text: string): AlarmTime | string {
  const s = text.trim();
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
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), Number(frac.slice(0, 3).padEnd(3, '0')));
  const check = new Date(local);
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
