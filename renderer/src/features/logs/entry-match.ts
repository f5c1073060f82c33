import type { LogEntry, LogFilter } from '../../../../src/contract';
import { indexText } from '../../../../src/logs/store/fts-text';
import { matchesPhrases, searchPhrases } from './fts-match';
import { SEVERITY_KEYS } from './severity';

function severityCode(s: LogFilter['severity']): number | undefined {
  if (s === undefined) return undefined;
  return typeof s === 'number' ? s : SEVERITY_KEYS.indexOf(s);
}

/**
 * The texts the core's full-text search reads for an entry, as the log writer indexes them
 * (toWire in src/logs/store/rows.ts): message, app, msgid and structured values in one column, the
 * host in another. The order matters because a phrase may run from one field into the next.
 */
export function searchColumns(e: LogEntry): string[] {
  const values = e.structured.flatMap((el) => Object.values(el.params).flat());
  return [indexText([e.message, e.app, e.msgid, ...values]), indexText([e.host])];
}

/**
 * Whether a live entry belongs in the tail under `f`: the same rules as the core's search
 * (src/logs/store/filter.ts), so what appears live is what a fresh search would show.
 */
export function entryMatches(e: LogEntry, f: LogFilter): boolean {
  if (f.host !== undefined && e.host !== f.host) return false;
  if (f.source !== undefined && e.source !== f.source && e.sourceAddress !== f.source) return false;
  if (f.transport !== undefined && e.transport !== f.transport) return false;
  if (f.deviceId !== undefined && e.device?.id !== f.deviceId) return false;
  const sev = severityCode(f.severity);
  if (sev !== undefined && (e.severity === null || e.severity > sev)) return false;
  if (f.facility !== undefined && e.facility !== f.facility) return false;
  const at = Date.parse(e.receivedAt);
  if (f.since !== undefined && at < Date.parse(f.since)) return false;
  if (f.until !== undefined && at > Date.parse(f.until)) return false;
  if (f.malformed !== undefined && e.malformed !== f.malformed) return false;
  if (f.text !== undefined && f.text.trim() !== '') {
    const phrases = searchPhrases(f.text);
    // Text with nothing searchable (only punctuation) is a plain substring filter in the core too.
    if (phrases === null) return e.message.toLowerCase().includes(f.text.trim().toLowerCase());
    if (!matchesPhrases(searchColumns(e), phrases)) return false;
  }
  return true;
}
