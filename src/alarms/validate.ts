import { ALARM_ACTIONS, ALARM_KINDS, ALARM_SEVERITIES, type AlarmAction, type AlarmKind } from '../contract/alarms';
import type { AlarmSeverity } from '../contract';
import { parseAlarmTime, type AlarmTime } from './time';
import { LIMITS, type AlarmRecordInput } from './types';

/** Field names accepted for each record property (FieldKit format uses snake_case; camelCase is tolerated). */
type Field = Exclude<keyof AlarmRecordInput, 'softClear'>;
const ALIASES: Record<Field, string[]> = {
  device: ['device'],
  source: ['source'],
  kind: ['kind'],
  type: ['type'],
  severity: ['severity'],
  action: ['action'],
  time: ['time'],
  message: ['message'],
  seId: ['se_id', 'seId'],
  opId: ['op_id', 'opId'],
};

function pick(obj: Record<string, unknown>, key: Field): unknown {
  for (const name of ALIASES[key]) if (Object.hasOwn(obj, name)) return obj[name];
  return undefined;
}

// Control characters other than tab would corrupt reports and terminals.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function str(v: unknown, name: string, max: number, required: boolean): string | undefined | { error: string } {
  if (v === undefined || v === null || v === '') return required ? { error: `missing ${name}` } : undefined;
  if (typeof v !== 'string') return { error: `${name} must be text` };
  const s = v.trim();
  if (s === '') return required ? { error: `missing ${name}` } : undefined;
  if (s.length > max) return { error: `${name} is longer than ${max} characters` };
  if (CONTROL.test(s)) return { error: `${name} contains control characters` };
  return s;
}

/** A checked record with its parsed time, so the ingest does not parse it again. */
export interface CheckedRecord {
  record: AlarmRecordInput;
  time: AlarmTime;
}

/**
 * Checks one record of FieldKit's own format (a JSON object or a CSV row by
 * header name). Returns the record or one sentence saying what is wrong.
 */
export function validateRecord(obj: Record<string, unknown>): AlarmRecordInput | string {
  const c = checkRecord(obj);
  return typeof c === 'string' ? c : c.record;
}

const text = (obj: Record<string, unknown>, key: Field, max: number, required: boolean): string | undefined | { error: string } =>
  str(pick(obj, key), ALIASES[key][0]!, max, required);

/** {@link validateRecord} that also returns the parsed time (the ingest's hot path for live records). */
export function checkRecord(obj: Record<string, unknown>): CheckedRecord | string {
  // One field at a time, in the order the reasons have always been reported.
  const device = text(obj, 'device', LIMITS.device, true);
  if (typeof device !== 'string') return (device as { error: string }).error;
  const type = text(obj, 'type', LIMITS.type, true);
  if (typeof type !== 'string') return (type as { error: string }).error;
  const rawKind = text(obj, 'kind', 20, true);
  if (typeof rawKind !== 'string') return (rawKind as { error: string }).error;
  const rawSeverity = text(obj, 'severity', 20, true);
  if (typeof rawSeverity !== 'string') return (rawSeverity as { error: string }).error;
  const rawAction = text(obj, 'action', 20, true);
  if (typeof rawAction !== 'string') return (rawAction as { error: string }).error;
  const rawTime = text(obj, 'time', 60, true);
  if (typeof rawTime !== 'string') return (rawTime as { error: string }).error;
  const message = text(obj, 'message', LIMITS.message, false);
  if (typeof message === 'object') return message.error;
  const source = text(obj, 'source', LIMITS.source, false);
  if (typeof source === 'object') return source.error;
  const seId = text(obj, 'seId', LIMITS.seId, false);
  if (typeof seId === 'object') return seId.error;

  const kind = rawKind.toLowerCase() as AlarmKind;
  if (!ALARM_KINDS.includes(kind)) return `kind "${rawKind}" is not alarm or event`;
  const severity = rawSeverity.toLowerCase() as AlarmSeverity;
  if (!ALARM_SEVERITIES.includes(severity)) return `severity "${rawSeverity}" is not one of ${ALARM_SEVERITIES.join(', ')}`;
  const action = rawAction.toLowerCase() as AlarmAction;
  if (!ALARM_ACTIONS.includes(action)) return `action "${rawAction}" is not raise, clear or event`;
  if (kind === 'event' && action !== 'event') return `an event cannot be "${action}" (events are one-shot: action must be event)`;
  if (kind === 'alarm' && action === 'event') return 'an alarm must be raise or clear (use kind event for one-shot records)';
  const time = parseAlarmTime(rawTime);
  if (typeof time === 'string') return time;

  let opId: number | undefined;
  const rawOp = pick(obj, 'opId');
  if (rawOp !== undefined && rawOp !== null && rawOp !== '') {
    const n = typeof rawOp === 'number' ? rawOp : typeof rawOp === 'string' && /^\s*\d{1,16}\s*$/.test(rawOp) ? Number(rawOp) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) return `op_id "${String(rawOp).slice(0, 30)}" is not a non-negative integer`;
    opId = n;
  }
  const record: AlarmRecordInput = { device, kind, type, severity, action, time: time.iso, message: message ?? '' };
  if (source !== undefined) record.source = source;
  if (seId !== undefined) record.seId = seId;
  if (opId !== undefined) record.opId = opId;
  return { record, time };
}
