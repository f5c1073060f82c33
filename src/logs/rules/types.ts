import type { AlarmSeverity } from '../../contract/logs';

/**
 * A rule turning a log line into an alarm record. It matches when `pattern` finds the message and
 * every field condition holds. A named group `key` in the pattern (e.g. the interface name) makes
 * the flow id specific, so `eth0` down and `eth1` down are two alarms, and `eth0` up clears the first.
 */
export interface LogRule {
  id: string;
  description: string;
  kind: 'alarm' | 'event';
  /** Alarm type; a clear rule uses the type of the alarm it clears. */
  type: string;
  severity: AlarmSeverity;
  action: 'raise' | 'clear' | 'event';
  /** Tested against the message (the first {@link RULE_TEXT_LIMIT} characters). */
  pattern: RegExp;
  /**
   * Optional cheap first test: a pattern that matches every text `pattern` matches (typically the
   * words one of which any match must contain, with the same flags). Lines it rejects skip
   * `pattern`, which for most lines is the costlier scan.
   */
  hint?: RegExp;
  /** Optional field conditions. */
  where?: {
    app?: RegExp;
    host?: RegExp;
    /** Only lines at this syslog severity or more severe (0..7); lines without a severity pass. */
    maxSeverity?: number;
    transport?: 'udp' | 'tcp' | 'serial';
  };
}

/** Rules look at the start of a message only, so a 64 KiB line cannot make matching slow. */
export const RULE_TEXT_LIMIT = 2048;
