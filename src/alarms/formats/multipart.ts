import { lineCounter } from './lines';

/** One body part of a multipart stream: its headers, bytes, and the line it starts on. */
export interface MimePart {
  line: number;
  contentType: string;
  body: Uint8Array;
}

/** Why a stream yielded no part: the sentence and, when one was found, the boundary tried. */
export interface MultipartFailure {
  reason: string;
  boundary?: string;
}

/**
 * Splits a multipart/mixed stream (Hikvision's /ISAPI/Event/notification/alertStream,
 * as saved by curl, optionally with the HTTP response head) into parts. Binary parts
 * (snapshots) are returned like any other: the caller picks by content type. Works on
 * bytes, with a latin1 view so offsets are byte offsets.
 *
 * The declared boundary is tried first; when the body never uses it (firmware that writes
 * `boundary=--name`, or a header that names another boundary), the boundary of the body's
 * first delimiter line is used. A stream in which no part is found is a failure, never an
 * empty success.
 */
export function splitMultipart(bytes: Uint8Array): { boundary: string; parts: MimePart[] } | MultipartFailure {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const header = /content-type:\s*multipart\/[\w-]+;[^\r\n]*?boundary="?([^";\r\n]+)"?[^\r\n]*/i.exec(text.slice(0, 4096));
  const declared = header?.[1]?.trim();
  // The body starts after the declaring header line, whose "boundary=--x" must not pass for a delimiter.
  const bodyFrom = header ? header.index + header[0].length : 0;
  const firstLine = /(?:^|\n)[ \t]*--([^\r\n]*?\S)[ \t]*\r?(?:\n|$)/g;
  firstLine.lastIndex = bodyFrom;
  const seen = firstLine.exec(text)?.[1];
  const candidates = [...new Set([declared, seen].filter((b): b is string => b !== undefined && b !== ''))];
  if (candidates.length === 0) return { reason: 'no multipart boundary found' };
  for (const boundary of candidates) {
    const parts = partsOf(buf, text, boundary, bodyFrom);
    if (parts.length > 0) return { boundary, parts };
  }
  const tried = candidates.map((b) => `"--${b}"`).join(' or ');
  const boundary = declared ?? candidates[0]!;
  return {
    boundary,
    reason: declared !== undefined
      ? `no part found: the declared boundary "${declared}" never delimits a part (no ${tried} line is followed by a part)`
      : `no part found: no ${tried} line is followed by a part`,
  };
}

/** The parts delimited by `--boundary` lines in `text` (the latin1 view of `buf`) from offset `from` on. */
function partsOf(buf: Buffer, text: string, boundary: string, from: number): MimePart[] {
  const delim = `--${boundary}`;
  const parts: MimePart[] = [];
  const lineAt = lineCounter(text);
  let pos = text.indexOf(delim, from);
  while (pos !== -1) {
    let start = pos + delim.length;
    if (text.startsWith('--', start)) break;
    start = text.indexOf('\n', start);
    if (start === -1) break;
    start++;
    // Header lines run to a blank line; a part may have none (its body starts at once).
    let headers = '';
    let bodyStart = start;
    if (!/^\s*</.test(text.slice(start, start + 64))) {
      const blank = /\r?\n\r?\n/g;
      blank.lastIndex = start;
      const h = text.startsWith('\r\n', start) || text.startsWith('\n', start) ? null : blank.exec(text);
      if (h) {
        headers = text.slice(start, h.index);
        bodyStart = h.index + h[0].length;
      } else bodyStart = start + (text.startsWith('\r\n', start) ? 2 : text.startsWith('\n', start) ? 1 : 0);
    }
    const length = /content-length:\s*(\d+)/i.exec(headers)?.[1];
    let bodyEnd: number;
    let next: number;
    const byLength = length === undefined ? -1 : bodyStart + Number(length);
    const afterLength = byLength >= 0 && byLength <= text.length ? text.indexOf(delim, byLength) : -1;
    // Trust Content-Length only when the next boundary follows it (some firmware miscounts).
    if (byLength >= 0 && byLength <= text.length && text.slice(byLength, afterLength === -1 ? text.length : afterLength).trim() === '') {
      bodyEnd = byLength;
      next = afterLength;
    } else {
      next = text.indexOf(delim, bodyStart);
      bodyEnd = next === -1 ? text.length : next;
    }
    parts.push({
      line: lineAt(pos),
      contentType: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim().toLowerCase() ?? '',
      body: buf.subarray(bodyStart, bodyEnd),
    });
    pos = next;
  }
  return parts;
}
