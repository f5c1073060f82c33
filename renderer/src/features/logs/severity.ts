/**
 * Syslog severity and facility codes (RFC 5424 §6.2.1). The keywords are protocol names, shown as
 * they are; severities also get a translated label (`logs.severity.<keyword>`).
 */

/** Severity keywords indexed by code: 0 is the most severe. */
export const SEVERITY_KEYS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;
export type SeverityKey = (typeof SEVERITY_KEYS)[number];

/** Facility keywords indexed by code (as util-linux `logger` and rsyslog name them). */
export const FACILITY_KEYS = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6',
  'local7',
] as const;

/** How loudly a severity is drawn: one colour per group, so a screen of lines reads at a glance. */
export type SeverityTone = 'critical' | 'error' | 'warning' | 'notice' | 'info' | 'debug' | 'none';

/** The tone for a severity code (null: console lines and messages without a PRI). */
export function severityTone(severity: number | null): SeverityTone {
  if (severity === null) return 'none';
  if (severity <= 2) return 'critical';
  if (severity === 3) return 'error';
  if (severity === 4) return 'warning';
  if (severity === 5) return 'notice';
  if (severity === 6) return 'info';
  return 'debug';
}

/** The keyword for a severity code, or null when there is none or it is out of range. */
export function severityKey(severity: number | null): SeverityKey | null {
  return severity === null ? null : (SEVERITY_KEYS[severity] ?? null);
}

/** `local0 (16)`: keyword and code, the way syslog users know facilities. */
export function facilityLabel(code: number): string {
  const key = FACILITY_KEYS[code];
  return key ? `${key} (${code})` : String(code);
}
