/**
 * An import rejection in the reader's language, by the stable `code` and `params` the core
 * gives it. A code this UI does not know (a newer core) shows the core's English reason.
 */
import type { AlarmRejection } from '../../../../../src/contract';

/** The codes the core's import produces; each has `alarms.import.rejection.<code>` in both languages. */
export const REJECTION_CODES = [
  'missing-field', 'field-not-text', 'field-too-long', 'field-control-chars',
  'bad-kind', 'bad-severity', 'bad-action', 'event-not-one-shot', 'alarm-not-raise-or-clear',
  'time-no-offset', 'time-invalid', 'bad-op-id',
  'line-too-long', 'not-json', 'not-json-object', 'csv-malformed-row', 'csv-field-count',
  'xml-too-large', 'xml-dtd-forbidden', 'xml-encoding', 'xml-malformed', 'xml-entity', 'xml-namespace', 'xml-too-deep', 'xml-unreadable',
  'isapi-no-event-type', 'isapi-bad-event-state', 'isapi-no-date-time', 'isapi-no-device', 'isapi-not-alert', 'isapi-no-alert',
  'multipart-no-boundary',
  'onvif-no-topic', 'onvif-no-message', 'onvif-no-utc-time', 'onvif-no-device', 'onvif-no-notification',
] as const;

/**
 * Codes whose sentence is general while the core's reason names the exact spot (the JSON, CSV or
 * XML parser's own diagnostic): the UI offers the core's reason as a tooltip for these.
 */
const GENERAL = new Set<string>(['not-json', 'csv-malformed-row', 'xml-too-large', 'xml-encoding', 'xml-malformed', 'xml-entity', 'xml-namespace', 'xml-too-deep', 'xml-unreadable']);

const KNOWN = new Set<string>(REJECTION_CODES);

/** What to show for one rejection: a key with values (and the parser's detail), or the raw reason. */
export type RejectionText =
  | { key: string; values: Record<string, string | number>; detail: string | null }
  | { raw: string };

/** The text for one rejection. */
export function rejectionText(r: Pick<AlarmRejection, 'reason' | 'code' | 'params'>): RejectionText {
  // An older core sends no code.
  if (typeof r.code !== 'string' || !KNOWN.has(r.code)) return { raw: r.reason };
  return { key: `alarms.import.rejection.${r.code}`, values: { ...(r.params ?? {}) }, detail: GENERAL.has(r.code) ? r.reason : null };
}
