import type { AlarmImportFormat } from '../../contract/alarms';
import type { ParseOutcome } from '../types';
import { parseFieldkitCsv } from './csv';
import { looksMultipart, parseIsapi } from './isapi';
import { parseJsonl } from './jsonl';
import { parseOnvifXml } from './onvif';

/** A concrete import format. */
export type ConcreteFormat = Exclude<AlarmImportFormat, 'auto'>;

/**
 * Sniffs the format from the first few KB: JSON object lines, a multipart stream
 * or EventNotificationAlert (ISAPI), NotificationMessage (ONVIF), else a CSV
 * header naming FieldKit's columns. Returns a reason when nothing fits.
 */
export function detectFormat(bytes: Uint8Array): ConcreteFormat | string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16 * 1024)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const start = head.trimStart();
  if (start === '') return 'the file is empty';
  if (start.startsWith('{')) return 'jsonl';
  if (looksMultipart(head)) return 'isapi-xml';
  if (start.startsWith('<')) {
    if (/EventNotificationAlert[\s>]/.test(head)) return 'isapi-xml';
    if (/NotificationMessage[\s>]|[:<]Notify[\s>]|PullMessagesResponse/.test(head)) return 'onvif-xml';
    return 'XML that is neither an ONVIF notification nor a Hikvision EventNotificationAlert';
  }
  const firstLine = start.split(/\r?\n/, 1)[0]!.toLowerCase();
  if (firstLine.includes(',') && /\bdevice\b/.test(firstLine) && /\baction\b/.test(firstLine)) return 'csv';
  return 'unrecognised content (expected FieldKit JSONL or CSV, ONVIF notification XML, or Hikvision ISAPI alerts)';
}

/** Parses a whole file in the given format. Returns a reason when the file as a whole cannot be read. */
export function parseAlarmFile(bytes: Uint8Array, format: ConcreteFormat, opts: { device?: string } = {}): ParseOutcome | string {
  if (format === 'isapi-xml') return parseIsapi(bytes, opts);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'the file is not valid UTF-8 text';
  }
  if (format === 'jsonl') return parseJsonl(text);
  if (format === 'csv') return parseFieldkitCsv(text);
  return parseOnvifXml(text, opts);
}
