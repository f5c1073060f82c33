import type { AlarmDeviceCount, AlarmHourCount } from '../../../../../src/contract';

const HOUR_MS = 3_600_000;

/** One bar of the time chart: `hours` consecutive hours starting at `startMs`. */
export interface TimeBucket {
  startMs: number;
  count: number;
}

export interface TimeBuckets {
  startMs: number;
  endMs: number;
  /** Hours per bar: 1 when the span fits, more for long spans (a year is 8 760 hours). */
  hoursPerBar: number;
  buckets: TimeBucket[];
  max: number;
  total: number;
}

/**
 * Groups the core's per-hour counts into at most `maxBars` equal bars over the
 * whole span (hours without alarms are gaps, not skipped), so a year stays
 * readable and a day shows every hour.
 */
export function timeBuckets(hours: AlarmHourCount[], maxBars: number): TimeBuckets | null {
  const points = hours.map((h) => ({ ms: Date.parse(h.hour), count: h.count })).filter((p) => !Number.isNaN(p.ms));
  if (points.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const p of points) {
    first = Math.min(first, p.ms);
    last = Math.max(last, p.ms);
  }
  const span = Math.round((last - first) / HOUR_MS) + 1;
  const hoursPerBar = Math.max(1, Math.ceil(span / Math.max(1, maxBars)));
  const bars = Math.ceil(span / hoursPerBar);
  const buckets: TimeBucket[] = Array.from({ length: bars }, (_, i) => ({ startMs: first + i * hoursPerBar * HOUR_MS, count: 0 }));
  let total = 0;
  for (const p of points) {
    const i = Math.min(bars - 1, Math.floor(Math.round((p.ms - first) / HOUR_MS) / hoursPerBar));
    buckets[i]!.count += p.count;
    total += p.count;
  }
  const max = buckets.reduce((m, b) => Math.max(m, b.count), 0);
  return { startMs: first, endMs: first + bars * hoursPerBar * HOUR_MS, hoursPerBar, buckets, max, total };
}

/** A round axis maximum at or above `n` (1, 2, 5 × 10^k). */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/**
 * The bars as one SVG path (thousands of <rect>s would be thousands of DOM
 * nodes): x in 0..width, y down from 0 at the top to `height` at the axis.
 */
export function barsPath(b: TimeBuckets, width: number, height: number, yMax: number): string {
  const w = width / b.buckets.length;
  const gap = w > 3 ? 1 : 0;
  let d = '';
  b.buckets.forEach((bar, i) => {
    if (bar.count === 0) return;
    const h = Math.max(1, (bar.count / yMax) * height);
    d += `M${(i * w).toFixed(2)} ${height}v${(-h).toFixed(2)}h${(w - gap).toFixed(2)}v${h.toFixed(2)}z`;
  });
  return d;
}

/** The bar under an x position (0..width), clamped. */
export function barAt(x: number, width: number, bars: number): number {
  if (bars <= 0) return 0;
  return Math.min(bars - 1, Math.max(0, Math.floor((x / width) * bars)));
}

/** The states stacked in a device bar, in drawing order. */
export const DEVICE_SEGMENTS = ['active', 'acked', 'cleared', 'events'] as const;
export type DeviceSegment = (typeof DEVICE_SEGMENTS)[number];

/** Left edge and width of each state's segment of one device bar, scaled to `width` for `max`. */
export function deviceSegments(d: AlarmDeviceCount, max: number, width: number): { segment: DeviceSegment; x: number; w: number; count: number }[] {
  const out: { segment: DeviceSegment; x: number; w: number; count: number }[] = [];
  let x = 0;
  for (const s of DEVICE_SEGMENTS) {
    const count = d[s];
    if (!count) continue;
    const w = (count / Math.max(1, max)) * width;
    out.push({ segment: s, x, w, count });
    x += w;
  }
  return out;
}
