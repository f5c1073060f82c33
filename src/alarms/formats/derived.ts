import { isProblem, validateRecordDetailed, type RecordProblem } from '../validate';
import type { AlarmRecordInput } from '../types';

/**
 * Runs a record built from a device format (ISAPI, ONVIF) through the same field checks as a
 * JSONL or CSV record, so every format refuses the same text (control characters, over-long
 * fields) with the same code and reason. The result is the checked record; `softClear`, which
 * only device formats set, is carried over.
 */
export function checkDerivedRecord(rec: AlarmRecordInput): AlarmRecordInput | RecordProblem {
  const checked = validateRecordDetailed(rec as unknown as Record<string, unknown>);
  if (isProblem(checked)) return checked;
  if (rec.softClear) checked.softClear = true;
  return checked;
}
