import type { LogFilter } from '../../../../src/contract';

/** Preset time ranges; `custom` uses the From/To fields. */
export const TIME_RANGES = ['all', '15m', '1h', '24h', '7d', 'custom'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

const RANGE_MS: Record<Exclude<TimeRange, 'all' | 'custom'>, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

/** The filter form as typed: strings and flags, checked only when applied. */
export interface FilterDraft {
  text: string;
  source: string;
  host: string;
  /** '' or a severity code '0'..'7' (that level or more severe). */
  severity: string;
  /** '' or a facility code '0'..'23'. */
  facility: string;
  transport: '' | 'udp' | 'tcp' | 'serial';
  deviceId: string;
  range: TimeRange;
  /** `datetime-local` values (local time, `2024-05-01T10:00`); used when range is `custom`. */
  since: string;
  until: string;
  malformedOnly: boolean;
}

export const EMPTY_DRAFT: FilterDraft = {
  text: '',
  source: '',
  host: '',
  severity: '',
  facility: '',
  transport: '',
  deviceId: '',
  range: 'all',
  since: '',
  until: '',
  malformedOnly: false,
};

/** Why a draft cannot be applied; the value is an i18n key under `logs.filter.errors`. */
export type FilterProblem = 'badSince' | 'badUntil' | 'sinceAfterUntil' | 'textTooLong';

export type DraftResult = { ok: true; filter: LogFilter } | { ok: false; problem: FilterProblem };

function localTime(value: string): string | null {
  // `datetime-local` has no zone: Date reads it as local time, which is what the technician meant.
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function intIn(s: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/**
 * Turns the form into the contract's filter: empty fields are left out, preset ranges become a
 * `since` relative to `now`, custom times are read as local time and must be in order.
 */
export function draftToFilter(d: FilterDraft, now: Date): DraftResult {
  const f: LogFilter = {};
  const text = d.text.trim();
  if (text.length > 500) return { ok: false, problem: 'textTooLong' };
  if (text) f.text = text;
  if (d.source.trim()) f.source = d.source.trim();
  if (d.host.trim()) f.host = d.host.trim();
  const severity = intIn(d.severity, 0, 7);
  if (severity !== undefined) f.severity = severity;
  const facility = intIn(d.facility, 0, 23);
  if (facility !== undefined) f.facility = facility;
  if (d.transport) f.transport = d.transport;
  if (d.deviceId) f.deviceId = d.deviceId;
  if (d.malformedOnly) f.malformed = true;
  if (d.range === 'custom') {
    if (d.since) {
      const since = localTime(d.since);
      if (!since) return { ok: false, problem: 'badSince' };
      f.since = since;
    }
    if (d.until) {
      const until = localTime(d.until);
      if (!until) return { ok: false, problem: 'badUntil' };
      f.until = until;
    }
    if (f.since && f.until && f.since > f.until) return { ok: false, problem: 'sinceAfterUntil' };
  } else if (d.range !== 'all') {
    f.since = new Date(now.getTime() - RANGE_MS[d.range]).toISOString();
  }
  return { ok: true, filter: f };
}

/** Whether the filter narrows anything down. */
export function isFiltered(f: LogFilter): boolean {
  return Object.values(f).some((v) => v !== undefined);
}
