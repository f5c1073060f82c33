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

/**
 * Why a record was refused: the English sentence (CLI, fallback) and a stable code with the
 * values it names, so a UI can word it in its own language.
 */
export interface RecordProblem {
  reason: string;
  code: string;
  params: Record<string, string | number>;
}

/** Builds a {@link RecordProblem}. */
export function problem(code: string, params: RecordProblem['params'], reason: string): RecordProblem {
  return { code, params, reason };
}

/** True for a {@link RecordProblem} (records and checked records have no `code`). */
export function isProblem(v: unknown): v is RecordProblem {
  return typeof v === 'object' && v !== null && 'code' in v && 'reason' in v;
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * The problem for a time {@link parseAlarmTime} refused with `reason`. The code is decided from
 * the value itself (a local time without offset is the common mistake), not from the wording.
 * `field` names the input field when it is not FieldKit's `time` (ISAPI dateTime, ONVIF UtcTime).
 */
export function timeProblem(value: string, reason: string, field = 'time'): RecordProblem {
  const shown = value.trim().slice(0, 40);
  const code = LOCAL_TIME.test(value.trim()) ? 'time-no-offset' : 'time-invalid';
  return problem(code, { field, value: shown }, field === 'time' ? reason : `${field}: ${reason}`);
}

function str(v: unknown, name: string, max: number, required: boolean): string | undefined | RecordProblem {
  if (v === undefined || v === null || v === '') return required ? problem('missing-field', { field: name }, `missing ${name}`) : undefined;
  if (typeof v !== 'string') return problem('field-not-text', { field: name }, `${name} must be text`);
  const s = v.trim();
  if (s === '') return required ? problem('missing-field', { field: name }, `missing ${name}`) : undefined;
  if (s.length > max) return problem('field-too-long', { field: name, max }, `${name} is longer than ${max} characters`);
  if (CONTROL.test(s)) return problem('field-control-chars', { field: name }, `${name} contains control characters`);
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
  const c = checkRecordDetailed(obj);
  return isProblem(c) ? c.reason : c.record;
}

/** {@link validateRecord} with the problem's code and values (file imports report them). */
export function validateRecordDetailed(obj: Record<string, unknown>): AlarmRecordInput | RecordProblem {
  const c = checkRecordDetailed(obj);
  return isProblem(c) ? c : c.record;
}

const text = (obj: Record<string, unknown>, key: Field, max: number, required: boolean): string | undefined | RecordProblem =>
  str(pick(obj, key), ALIASES[key][0]!, max, required);

/** {@link validateRecord} that also returns the parsed time (the ingest's hot path for live records). */
export function checkRecord(obj: Record<string, unknown>): CheckedRecord | string {
  const c = checkRecordDetailed(obj);
  return isProblem(c) ? c.reason : c;
}

/** {@link checkRecord} with the problem's code and values. */
export function checkRecordDetailed(obj: Record<string, unknown>): CheckedRecord | RecordProblem {
  // One field at a time, in the order the reasons have always been reported.
  const device = text(obj, 'device', LIMITS.device, true);
  if (typeof device !== 'string') return device as RecordProblem;
  const type = text(obj, 'type', LIMITS.type, true);
  if (typeof type !== 'string') return type as RecordProblem;
  const rawKind = text(obj, 'kind', 20, true);
  if (typeof rawKind !== 'string') return rawKind as RecordProblem;
  const rawSeverity = text(obj, 'severity', 20, true);
  if (typeof rawSeverity !== 'string') return rawSeverity as RecordProblem;
  const rawAction = text(obj, 'action', 20, true);
  if (typeof rawAction !== 'string') return rawAction as RecordProblem;
  const rawTime = text(obj, 'time', 60, true);
  if (typeof rawTime !== 'string') return rawTime as RecordProblem;
  const message = text(obj, 'message', LIMITS.message, false);
  if (typeof message === 'object') return message;
  const source = text(obj, 'source', LIMITS.source, false);
  if (typeof source === 'object') return source;
  const seId = text(obj, 'seId', LIMITS.seId, false);
  if (typeof seId === 'object') return seId;

  const kind = rawKind.toLowerCase() as AlarmKind;
  if (!ALARM_KINDS.includes(kind)) return problem('bad-kind', { value: rawKind }, `kind "${rawKind}" is not alarm or event`);
  const severity = rawSeverity.toLowerCase() as AlarmSeverity;
  if (!ALARM_SEVERITIES.includes(severity)) {
    const allowed = ALARM_SEVERITIES.join(', ');
    return problem('bad-severity', { value: rawSeverity, allowed }, `severity "${rawSeverity}" is not one of ${allowed}`);
  }
  const action = rawAction.toLowerCase() as AlarmAction;
  if (!ALARM_ACTIONS.includes(action)) return problem('bad-action', { value: rawAction }, `action "${rawAction}" is not raise, clear or event`);
  if (kind === 'event' && action !== 'event') return problem('event-not-one-shot', { action }, `an event cannot be "${action}" (events are one-shot: action must be event)`);
  if (kind === 'alarm' && action === 'event') return problem('alarm-not-raise-or-clear', {}, 'an alarm must be raise or clear (use kind event for one-shot records)');
  const time = parseAlarmTime(rawTime);
  if (typeof time === 'string') return timeProblem(rawTime, time);

  let opId: number | undefined;
  const rawOp = pick(obj, 'opId');
  if (rawOp !== undefined && rawOp !== null && rawOp !== '') {
    const n = typeof rawOp === 'number' ? rawOp : typeof rawOp === 'string' && /^\s*\d{1,16}\s*$/.test(rawOp) ? Number(rawOp) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) {
      const value = String(rawOp).slice(0, 30);
      return problem('bad-op-id', { value }, `op_id "${value}" is not a non-negative integer`);
    }
    opId = n;
  }
  const record: AlarmRecordInput = { device, kind, type, severity, action, time: time.iso, message: message ?? '' };
  if (source !== undefined) record.source = source;
  if (seId !== undefined) record.seId = seId;
  if (opId !== undefined) record.opId = opId;
  return { record, time };
}
