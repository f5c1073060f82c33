/** Facility keywords as used by util-linux `logger` and rsyslog, indexed by facility code. */
export const FACILITY_NAMES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6',
  'local7',
] as const;

/** Severity keywords indexed by severity code (0 = most severe). */
export const SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

/** The largest valid PRI: facility 23 (local7) * 8 + severity 7 (debug). */
export const MAX_PRI = 191;

/** Result of reading a `<PRI>` prefix. */
export interface PriResult {
  /** Characters consumed, including `<` and `>`. */
  length: number;
  /** The PRI value, or null when the brackets held something invalid. */
  value: number | null;
  /** Why the PRI is not valid, or null. */
  problem: string | null;
}

/**
 * Read the `<PRI>` at the start of `text`. Returns null when there is no `<digits>` prefix at all
 * (the caller then treats the whole text as PRI-less). A bracketed value over 191, longer than three
 * digits or with a leading zero is consumed but reported.
 */
export function readPri(text: string): PriResult | null {
  const m = /^<(\d{1,5})>/.exec(text);
  if (!m) return null;
  const digits = m[1] ?? '';
  const value = Number(digits);
  let problem: string | null = null;
  if (digits.length > 3 || value > MAX_PRI) problem = `PRI ${digits} is out of range 0..${MAX_PRI}`;
  else if (digits.length > 1 && digits.startsWith('0')) problem = `PRI ${digits} has a leading zero`;
  // A leading zero still names a facility unambiguously; only out-of-range values are unusable.
  const usable = digits.length <= 3 && value <= MAX_PRI;
  return { length: m[0].length, value: usable ? value : null, problem };
}

/** Split a PRI into facility and severity with their keywords. */
export function splitPri(pri: number): {
  facility: number;
  severity: number;
  facilityName: string;
  severityName: string;
} {
  const facility = Math.floor(pri / 8);
  const severity = pri % 8;
  return {
    facility,
    severity,
    facilityName: FACILITY_NAMES[facility] ?? `facility${facility}`,
    severityName: SEVERITY_NAMES[severity] ?? `severity${severity}`,
  };
}
