import { lineCounter } from './lines';

/** One body part of a multipart stream: its headers, bytes, and the line it starts on. */
export interface MimePart {
  line: number;
  contentType: string;
  body: Uint8Array;
}

/**
 * Splits a multipart/mixed stream (Hikvision's /ISAPI/Event/notification/alertStream,
 * as saved by curl, optionally with the HTTP response head) into parts. Binary parts
 * (snapshots) are returned like any other: the caller picks by content type. Works on
 * bytes, with a latin1 view so offsets are byte offsets.
 */
export function splitMultipart(bytes: Uint8Array): { boundary: string; parts: MimePart[] } | string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  let boundary: string | undefined;
  const declared = /content-type:\s*multipart\/[\w-]+;[^\r\n]*?boundary="?([^";\r\n]+)"?/i.exec(text.slice(0, 4096));
  if (declared) boundary = declared[1]!.trim();
  else {
    const first = /^\s*--([^\r\n]+?)\s*\r?\n/.exec(text);
    if (first) boundary = first[1];
  }
  if (!boundary) return 'no multipart boundary found';
  const delim = `--${boundary}`;
  const parts: MimePart[] = [];
  const lineAt = lineCounter(text);
  let pos = text.indexOf(delim);
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
  return { boundary, parts };
}
