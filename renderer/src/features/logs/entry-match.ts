import type { LogEntry, LogFilter } from '../../../../src/contract';
import { searchTokens, matchesAllTokens } from './search-terms';
import { SEVERITY_KEYS } from './severity';

function severityCode(s: LogFilter['severity']): number | undefined {
  if (s === undefined) return undefined;
  return typeof s === 'number' ? s : SEVERITY_KEYS.indexOf(s);
}

/** The fields the core's full-text index holds for an entry (message, app, msgid, host, structured values). */
export function searchableTexts(e: LogEntry): string[] {
  const out = [e.message];
  for (const v of [e.app, e.msgid, e.host]) if (v) out.push(v);
  for (const el of e.structured) {
    for (const p of Object.values(el.params)) out.push(...(Array.isArray(p) ? p : [p]));
  }
  return out;
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
    const tokens = searchTokens(f.text);
    // Text with nothing searchable (only punctuation) is a plain substring filter in the core too.
    if (tokens.length === 0) return e.message.toLowerCase().includes(f.text.trim().toLowerCase());
    if (!matchesAllTokens(searchableTexts(e), tokens)) return false;
  }
  return true;
}
