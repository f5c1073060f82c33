import { parseAlarmTime } from '../../alarms/time';

// ANSI escape sequences (CSI with its 7- and 8-bit introducers, OSC up to BEL or ST, and the short
// ESC forms), then every control character the alarm store refuses (tab, CR and LF are kept).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANSI = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HAS_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x9b]/;

/**
 * Text for an alarm record without ANSI sequences or control characters: serial consoles colour
 * their output, and the alarm store refuses a record holding control characters, so a matched
 * rule's alarm would be lost.
 */
export function recordText(s: string): string {
  return HAS_CONTROL.test(s) ? s.replace(ANSI, '').replace(CONTROL, '') : s;
}

/**
 * The time an alarm record gets: the device's own time when the alarm store accepts it (ISO 8601
 * with an offset, a real date, an offset up to ±14:00), else the receive time. A device time
 * without an offset cannot be placed on the timeline, and a syslog time the log parser takes but
 * the alarm store refuses (a +15:00 offset) would lose the alarm.
 */
export function recordTime(deviceTime: string | null, receivedAt: string | number): string {
  if (deviceTime && typeof parseAlarmTime(deviceTime) !== 'string') return deviceTime;
  return typeof receivedAt === 'number' ? new Date(receivedAt).toISOString() : receivedAt;
}
