import type { LogExportPage, LogFilter } from '../../../../src/contract';

export const EXPORT_FORMATS = ['txt', 'csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MIME: Record<ExportFormat, string> = {
  txt: 'text/plain;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  jsonl: 'application/x-ndjson;charset=utf-8',
};

/** `fieldkit-logs-20240501-100000.csv` (local time, so it sorts with the technician's other files). */
export function exportFileName(format: ExportFormat, now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `fieldkit-logs-${stamp}.${format}`;
}

export function exportMime(format: ExportFormat): string {
  return MIME[format];
}

/** A finished export, ready to save. */
export interface ExportedFile {
  name: string;
  mime: string;
  content: string;
  count: number;
}

/** Fetches one export page (the core's `logs.export`). */
export type ExportPager = (args: { format: ExportFormat; filter: LogFilter; afterId: number }) => Promise<LogExportPage>;

/**
 * Collects every page of an export, oldest first. CSV gets a byte-order mark so spreadsheet programs
 * read the UTF-8 (Chinese text) correctly. `onProgress` hears the running count.
 */
export async function collectExport(
  pager: ExportPager,
  format: ExportFormat,
  filter: LogFilter,
  now: Date,
  onProgress?: (count: number) => void,
): Promise<ExportedFile> {
  const parts: string[] = format === 'csv' ? ['\uFEFF'] : [];
  let afterId = 0;
  let count = 0;
  for (;;) {
    const page = await pager({ format, filter, afterId });
    parts.push(page.content);
    count += page.count;
    onProgress?.(count);
    if (page.nextAfterId === null || page.count === 0) break;
    afterId = page.nextAfterId;
  }
  return { name: exportFileName(format, now), mime: exportMime(format), content: parts.join(''), count };
}
