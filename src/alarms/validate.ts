import { ALARM_ACTIONS, ALARM_KINDS, ALARM_SEVERITIES, type AlarmAction, type AlarmKind } from '../contract/alarms';
import type { AlarmSeverity } from '../contract';
import { parseAlarmTime } from './time';
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

/**
 * Checks one record of FieldKit's own format (a JSON object or a CSV row by
 * header name). Returns the record or one sentence saying what is wrong.
 */
export function validateRecord(obj: Record<string, unknown>): AlarmRecordInput | string {
  const fields: Record<string, string | undefined> = {};
  const spec: [Field, number, boolean][] = [
    ['device', LIMITS.device, true],
    ['type', LIMITS.type, true],
    ['kind', 20, true],
    ['severity', 20, true],
    ['action', 20, true],
    ['time', 60, true],
    ['message', LIMITS.message, false],
    ['source', LIMITS.source, false],
    ['seId', LIMITS.seId, false],
  ];
  for (const [key, max, required] of spec) {
    const v = str(pick(obj, key), ALIASES[key][0]!, max, required);
    if (typeof v === 'object') return v.error;
    fields[key] = v;
  }
  const kind = fields.kind!.toLowerCase() as AlarmKind;
  if (!ALARM_KINDS.includes(kind)) return `kind "${fields.kind}" is not alarm or event`;
  const severity = fields.severity!.toLowerCase() as AlarmSeverity;
  if (!ALARM_SEVERITIES.includes(severity)) return `severity "${fields.severity}" is not one of ${ALARM_SEVERITIES.join(', ')}`;
  const action = fields.action!.toLowerCase() as AlarmAction;
  if (!ALARM_ACTIONS.includes(action)) return `action "${fields.action}" is not raise, clear or event`;
  if (kind === 'event' && action !== 'event') return `an event cannot be "${action}" (events are one-shot: action must be event)`;
  if (kind === 'alarm' && action === 'event') return 'an alarm must be raise or clear (use kind event for one-shot records)';
  const time = parseAlarmTime(fields.time!);
  if (typeof time === 'string') return time;

  let opId: number | undefined;
  const rawOp = pick(obj, 'opId');
  if (rawOp !== undefined && rawOp !== null && rawOp !== '') {
    const n = typeof rawOp === 'number' ? rawOp : typeof rawOp === 'string' && /^\s*\d{1,16}\s*$/.test(rawOp) ? Number(rawOp) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) return `op_id "${String(rawOp).slice(0, 30)}" is not a non-negative integer`;
    opId = n;
  }
  const rec: AlarmRecordInput = {
    device: fields.device!,
    kind,
    type: fields.type!,
    severity,
    action,
    time: time.iso,
    message: fields.message ?? '',
  };
  if (fields.source !== undefined) rec.source = fields.source;
  if (fields.seId !== undefined) rec.seId = fields.seId;
  if (opId !== undefined) rec.opId = opId;
  return rec;
}
