import type { AlarmRejection } from '../../contract/alarms';
import { XmlError } from '../../xml/safe-xml';
import { problem, type RecordProblem } from '../validate';

/** A rejection of the record starting on `line`, for `p`. */
export function rejection(line: number, p: RecordProblem): AlarmRejection {
  return { line, reason: p.reason, code: p.code, params: p.params };
}

/** Why an XML document could not be read: `xml-<reason>` from safe-xml's stable reason, else `xml-unreadable`. */
export function xmlProblem(e: unknown): RecordProblem {
  if (e instanceof XmlError) return problem(`xml-${e.reason}`, {}, e.message);
  return problem('xml-unreadable', {}, `unreadable XML: ${String(e)}`);
}
