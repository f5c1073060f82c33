import { ALARM_SEVERITIES } from '../contract/alarms';
import type { AlarmSeverity } from '../contract';

/** Stored as a rank so "most severe first" is an integer sort: critical 0 … info 4. */
export function severityRank(s: AlarmSeverity): number {
  return ALARM_SEVERITIES.indexOf(s);
}

/** The name of a stored rank. */
export function severityName(rank: number): AlarmSeverity {
  return ALARM_SEVERITIES[rank] ?? 'info';
}
