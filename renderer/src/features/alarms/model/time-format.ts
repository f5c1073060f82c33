/**
 * Alarm times are shown as the device wrote them: its wall clock and its UTC
 * offset (where the site is), not converted to the laptop's zone, so the
 * technician reads the same time the NVR and the site staff see.
 */
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Date, time and offset of an ISO 8601 string; null when it is not one. */
export function splitIso(iso: string): { date: string; time: string; offset: string } | null {
  const m = ISO.exec(iso.trim());
  if (!m) return null;
  const [, date, time, tz] = m;
  const offset = tz!.toUpperCase() === 'Z' ? 'UTC' : tz!.length === 3 ? `${tz}:00` : tz!.includes(':') ? tz! : `${tz!.slice(0, 3)}:${tz!.slice(3)}`;
  return { date: date!, time: time!.length === 5 ? `${time}:00` : time!, offset };
}

/** Milliseconds since the epoch of an ISO string with offset, or null. */
export function isoMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Raise → clear in ms, or null when either end is missing. */
export function durationBetween(from: string | null, to: string | null): number | null {
  const a = isoMs(from);
  const b = isoMs(to);
  return a === null || b === null ? null : b - a;
}

/** A duration's two most significant units, for "3 h 12 min" style text. */
export type DurationUnit = 'd' | 'h' | 'min' | 's';
export interface DurationParts {
  /** True below one second (shown as "under 1 s"). */
  underSecond: boolean;
  negative: boolean;
  parts: { unit: DurationUnit; value: number }[];
}

export function durationParts(ms: number): DurationParts {
  const negative = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  if (s === 0) return { underSecond: true, negative, parts: [] };
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const min = Math.floor(s / 60);
  s -= min * 60;
  const all: { unit: DurationUnit; value: number }[] = [
    { unit: 'd', value: d },
    { unit: 'h', value: h },
    { unit: 'min', value: min },
    { unit: 's', value: s },
  ];
  const first = all.findIndex((p) => p.value > 0);
  const parts = all.slice(first, first + 2).filter((p) => p.value > 0);
  return { underSecond: false, negative, parts };
}

/** A short, language-neutral file stamp: 20240305-140327. */
export function fileStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
