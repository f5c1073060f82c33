import { parseCsv } from '../csv';
import type { ParseOutcome } from '../types';
import { isProblem, problem, validateRecordDetailed } from '../validate';
import { rejection } from './problems';

/** Columns of FieldKit's CSV format, in the order FieldKit writes them; `source` is optional. */
export const CSV_COLUMNS = ['device', 'op_id', 'se_id', 'kind', 'type', 'severity', 'action', 'time', 'message', 'source'] as const;
const REQUIRED = ['device', 'kind', 'type', 'severity', 'action', 'time'];

/** FieldKit CSV: a header row naming the columns (any order), then one record per row. */
export function parseFieldkitCsv(text: string): ParseOutcome | string {
  const rows = parseCsv(text);
  const out: ParseOutcome = { records: [], rejected: [], skipped: 0 };
  const header = rows[0];
  if (!header) return 'the CSV file is empty';
  if ('error' in header) return `the CSV header (line ${header.line}) is malformed: ${header.error}`;
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) return `the CSV header lacks column(s) ${missing.join(', ')} (expected ${CSV_COLUMNS.join(',')})`;
  for (const row of rows.slice(1)) {
    if ('error' in row) {
      // Every malformed row (csv.ts) is a quote out of place; its sentence says which.
      out.rejected.push(rejection(row.line, problem('csv-malformed-row', {}, row.error)));
      continue;
    }
    if (row.fields.length !== names.length) {
      out.rejected.push(rejection(row.line, problem('csv-field-count', { fields: row.fields.length, expected: names.length }, `has ${row.fields.length} fields, the header has ${names.length}`)));
      continue;
    }
    const obj: Record<string, unknown> = {};
    names.forEach((n, i) => (obj[n] = row.fields[i]));
    const rec = validateRecordDetailed(obj);
    if (isProblem(rec)) out.rejected.push(rejection(row.line, rec));
    else out.records.push({ line: row.line, record: rec });
  }
  return out;
}
