import type { AlarmImportFormat, AlarmImportReport, AlarmRejection } from '../../../../../src/contract';

/**
 * The browser host carries one RPC message of at most 8 MiB over its WebSocket
 * (src/hosts/web/server.ts), and `alarms.importText` takes the whole file as
 * one string. So a large JSONL or CSV file goes up in parts of about 1 MiB cut
 * at record boundaries (CSV parts repeat the header): each is one short
 * transaction in the core with its own progress, and the core's per-part line
 * numbers are mapped back to the file's. XML cannot be cut safely, so an XML
 * file must fit in one message.
 */

/** How a file can be cut: by line (JSONL), by CSV record, or not at all (XML). */
export type UploadKind = 'jsonl' | 'csv' | 'xml';

/** Space kept for the call's envelope (method path, id, options) around the content. */
export const ENVELOPE_BYTES = 4096;
/** Largest message the browser host's WebSocket accepts (ws `maxPayload`): the limit for an XML file. */
export const BROWSER_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Size of the parts a JSONL or CSV file goes up in over the browser host. */
export const BROWSER_PART_BYTES = 1024 * 1024;
/** Electron IPC has no such limit; stay well under the contract's 64 MiB string. */
export const ELECTRON_MESSAGE_BYTES = 32 * 1024 * 1024;
/** Rejections kept for the report in total (the core lists at most 1 000 per call). */
export const MAX_REJECTIONS = 1000;

/** The cutting rule for a chosen format, sniffing the content when `auto`. */
export function uploadKind(text: string, format: AlarmImportFormat): UploadKind {
  if (format === 'jsonl' || format === 'csv') return format;
  if (format === 'onvif-xml' || format === 'isapi-xml') return 'xml';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'jsonl';
  if (start.startsWith('<') || start.startsWith('--')) return 'xml';
  const head = start.slice(0, 4096).toLowerCase();
  if (/^content-type:|multipart/.test(head)) return 'xml';
  return 'csv';
}

/** Bytes a string takes inside a JSON message (UTF-8, with JSON's escapes). */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += c === 0x0a || c === 0x0d || c === 0x09 || c === 0x08 || c === 0x0c ? 2 : 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6; // lone surrogate: JSON.stringify writes \udxxx
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** One piece of a file to upload. */
export interface UploadPart {
  text: string;
  /** Add to a line number the core reports for this part to get the file's line (CSV: not for line 1, the header). */
  lineShift: number;
  /** Part repeats the CSV header as its line 1. */
  csvHeader: boolean;
}

export type SplitResult = { parts: UploadPart[] } | { error: 'xml-too-large' | 'record-too-large'; line: number };

/** Whether a CSV line leaves a quoted field open (an odd number of quotes so far). */
const togglesQuote = (line: string) => {
  let odd = false;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 0x22) odd = !odd;
  return odd;
};

/**
 * Cuts `text` into parts whose JSON encoding fits `budget` bytes. A file that
 * fits goes whole. Cuts fall between records only: between lines for JSONL,
 * outside quoted fields for CSV.
 */
export function splitForUpload(text: string, kind: UploadKind, budget: number): SplitResult {
  if (jsonStringBytes(text) <= budget) return { parts: [{ text, lineShift: 0, csvHeader: false }] };
  if (kind === 'xml') return { error: 'xml-too-large', line: 1 };
  const lines = text.split('\n');
  const header = kind === 'csv' ? (lines[0] ?? '') : '';
  const headerBytes = kind === 'csv' ? jsonStringBytes(header) + 2 : 2;
  const firstData = kind === 'csv' ? 1 : 0;
  const parts: UploadPart[] = [];
  let start = firstData;
  let size = headerBytes;
  let inQuote = false;
  // `cut` is the last index where a record ends (a safe place to end a part).
  let cut = -1;
  let cutSize = 0;
  const flush = (endInclusive: number) => {
    const body = lines.slice(start, endInclusive + 1).join('\n');
    // A trailing newline leaves an empty last line: nothing to send.
    if (body.trim() === '') return;
    parts.push(
      kind === 'csv'
        ? { text: `${header}\n${body}`, lineShift: start + 1 - 2, csvHeader: true }
        : { text: body, lineShift: start, csvHeader: false },
    );
  };
  for (let i = firstData; i < lines.length; i++) {
    const line = lines[i]!;
    // The two quote bytes jsonStringBytes counts stand for the escaped "\n" that joins lines.
    const bytes = jsonStringBytes(line);
    if (size + bytes > budget && cut >= start) {
      flush(cut);
      start = cut + 1;
      size = headerBytes + (size - cutSize);
      cut = -1;
    }
    // Even alone in a part, the record that starts at `start` would not fit.
    if (size + bytes > budget) return { error: 'record-too-large', line: start + 1 };
    size += bytes;
    if (kind === 'csv' && togglesQuote(line)) inQuote = !inQuote;
    if (!inQuote) {
      cut = i;
      cutSize = size;
    }
  }
  // The rest; an unterminated quote at the end goes as it is and the core says what is wrong.
  if (start < lines.length) flush(lines.length - 1);
  return { parts };
}

/** A line the core reported for a part, as a line of the whole file. */
export function fileLine(part: UploadPart, line: number): number {
  if (part.csvHeader && line <= 1) return 1;
  return line + part.lineShift;
}

/** The reports of all parts of one file, added up. Gaps are left to the caller (they change part by part). */
export interface ImportSummary {
  file: string;
  format: AlarmImportReport['format'] | null;
  parts: number;
  read: number;
  imported: number;
  duplicates: number;
  skipped: number;
  orphanClears: number;
  timeFlagged: number;
  rejected: AlarmRejection[];
  /** More rejections happened than are listed. */
  rejectedTruncated: boolean;
  /** Parts the core refused whole (strict mode, cancel). */
  refusedParts: number;
}

export function emptySummary(file: string, parts: number): ImportSummary {
  return { file, format: null, parts, read: 0, imported: 0, duplicates: 0, skipped: 0, orphanClears: 0, timeFlagged: 0, rejected: [], rejectedTruncated: false, refusedParts: 0 };
}

/** Adds one part's report to the summary (lines mapped to the file's). */
export function addPartReport(sum: ImportSummary, part: UploadPart, r: AlarmImportReport): ImportSummary {
  const room = MAX_REJECTIONS - sum.rejected.length;
  const mapped = r.rejected.slice(0, Math.max(0, room)).map((x) => ({ ...x, line: fileLine(part, x.line) }));
  return {
    ...sum,
    format: sum.format ?? r.format,
    read: sum.read + r.read,
    imported: sum.imported + r.imported,
    duplicates: sum.duplicates + r.duplicates,
    skipped: sum.skipped + r.skipped,
    orphanClears: sum.orphanClears + r.orphanClears,
    timeFlagged: sum.timeFlagged + r.timeFlagged,
    rejected: [...sum.rejected, ...mapped],
    // The core lists at most 1 000 per call; a full list means there may be more.
    rejectedTruncated: sum.rejectedTruncated || r.rejected.length > room || r.rejected.length >= 1000,
    refusedParts: sum.refusedParts + (r.refused ? 1 : 0),
  };
}
