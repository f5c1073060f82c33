import type { ParseOutcome } from '../types';
import { isProblem, problem, validateRecordDetailed } from '../validate';
import { rejection } from './problems';

/** Longest JSONL line accepted: far above a real record, small enough to refuse garbage quickly. */
const MAX_LINE = 64 * 1024;

/** FieldKit JSONL: one JSON object per line; blank lines and `#` comments are ignored. */
export function parseJsonl(text: string): ParseOutcome {
  const out: ParseOutcome = { records: [], rejected: [], skipped: 0 };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '').replace(/^\uFEFF/, '');
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    if (raw.length > MAX_LINE) {
      out.rejected.push(rejection(line, problem('line-too-long', { max: MAX_LINE }, `line is longer than ${MAX_LINE} characters`)));
      continue;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      out.rejected.push(rejection(line, problem('not-json', {}, `not JSON: ${(e as Error).message.slice(0, 120)}`)));
      continue;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      out.rejected.push(rejection(line, problem('not-json-object', {}, 'not a JSON object')));
      continue;
    }
    const rec = validateRecordDetailed(obj as Record<string, unknown>);
    if (isProblem(rec)) out.rejected.push(rejection(line, rec));
    else out.records.push({ line, record: rec });
  }
  return out;
}
