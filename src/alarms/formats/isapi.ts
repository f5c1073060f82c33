import { parseXml, type XmlElement } from '../../xml/safe-xml';
import type { AlarmSeverity } from '../../contract';
import { parseAlarmTime } from '../time';
import { isProblem, problem, timeProblem, type RecordProblem } from '../validate';
import { rejection, xmlProblem } from './problems';
import { LIMITS, type AlarmRecordInput, type ParseOutcome } from '../types';
import { lineCounter, offsetsOf } from './lines';
import { splitMultipart } from './multipart';
import { checkDerivedRecord } from './derived';

/** Namespaces Hikvision firmware writes on EventNotificationAlert (older, newer, none). */
const ISAPI_NS = new Set(['http://www.hikvision.com/ver20/XMLSchema', 'http://www.isapi.org/ver20/XMLSchema', 'http://www.hikvision.com/ver10/XMLSchema', '']);
const MAX_DOC = 4 * 1024 * 1024;

/** eventType → FieldKit type and severity; unknown types keep their name as info. */
const TYPES: Record<string, { type: string; severity: AlarmSeverity }> = {
  vmd: { type: 'motion', severity: 'warning' },
  motiondetection: { type: 'motion', severity: 'warning' },
  io: { type: 'digital-input', severity: 'major' },
  tamperdetection: { type: 'tamper', severity: 'major' },
  shelteralarm: { type: 'tamper', severity: 'major' },
  videoloss: { type: 'signal-loss', severity: 'critical' },
  linedetection: { type: 'line-crossing', severity: 'major' },
  fielddetection: { type: 'intrusion', severity: 'major' },
  diskfull: { type: 'disk-full', severity: 'critical' },
  diskerror: { type: 'disk-error', severity: 'critical' },
  hderror: { type: 'disk-error', severity: 'critical' },
  nicbroken: { type: 'network-down', severity: 'critical' },
  ipconflict: { type: 'ip-conflict', severity: 'major' },
  illaccess: { type: 'illegal-access', severity: 'major' },
  badvideo: { type: 'video-quality', severity: 'minor' },
};

function child(el: XmlElement, local: string): string | undefined {
  const c = el.children.find((x) => x.local === local && ISAPI_NS.has(x.ns));
  const t = c?.text.trim();
  return t === '' ? undefined : t;
}

function toRecord(alert: XmlElement, fallbackDevice: string | undefined): AlarmRecordInput | RecordProblem {
  const eventType = child(alert, 'eventType');
  if (!eventType) return problem('isapi-no-event-type', {}, 'EventNotificationAlert has no eventType');
  const stateText = child(alert, 'eventState')?.toLowerCase();
  if (stateText !== 'active' && stateText !== 'inactive') return problem('isapi-bad-event-state', { value: stateText ?? '' }, `eventState "${stateText ?? ''}" is not active or inactive`);
  const dateTime = child(alert, 'dateTime');
  if (!dateTime) return problem('isapi-no-date-time', {}, 'EventNotificationAlert has no dateTime');
  const time = parseAlarmTime(dateTime);
  if (typeof time === 'string') return timeProblem(dateTime, time, 'dateTime');
  const ip = child(alert, 'ipAddress') ?? child(alert, 'ipv6Address');
  const mac = child(alert, 'macAddress')?.toLowerCase();
  const device = ip ?? mac ?? fallbackDevice;
  if (!device) return problem('isapi-no-device', {}, 'no device: the alert has no ipAddress or macAddress');
  const channel = child(alert, 'channelID') ?? child(alert, 'dynChannelID');
  const io = child(alert, 'inputIOPortID');
  const known = TYPES[eventType.toLowerCase()];
  const action = stateText === 'active' ? 'raise' : 'clear';
  const source = ['isapi', channel && `ch${channel}`, child(alert, 'channelName'), io && `io${io}`, mac && ip && `mac ${mac}`].filter(Boolean).join(' ');
  const rec: AlarmRecordInput = {
    device: device.slice(0, LIMITS.device),
    kind: 'alarm',
    type: known?.type ?? eventType.toLowerCase().replace(/[^\w-]+/g, '-').slice(0, LIMITS.type),
    severity: known?.severity ?? 'info',
    action,
    time: time.iso,
    message: (child(alert, 'eventDescription') ?? `${eventType} ${stateText}`).slice(0, LIMITS.message),
    source: source.slice(0, LIMITS.source),
    seId: `isapi:${eventType.toLowerCase()}${channel ? `:ch${channel}` : ''}${io ? `:io${io}` : ''}`.slice(0, LIMITS.seId),
  };
  // Hikvision sends "videoloss inactive" every few seconds as a heartbeat.
  if (action === 'clear' && eventType.toLowerCase() === 'videoloss') rec.softClear = true;
  return rec;
}

function addAlert(out: ParseOutcome, line: number, body: Uint8Array | string, device: string | undefined): void {
  let root: XmlElement;
  try {
    root = parseXml(body, { maxSize: MAX_DOC });
  } catch (e) {
    out.rejected.push(rejection(line, xmlProblem(e)));
    return;
  }
  if (root.local !== 'EventNotificationAlert') {
    out.rejected.push(rejection(line, problem('isapi-not-alert', { element: root.local }, `<${root.local}> is not an EventNotificationAlert`)));
    return;
  }
  const built = toRecord(root, device);
  const rec = isProblem(built) ? built : checkDerivedRecord(built);
  if (isProblem(rec)) out.rejected.push(rejection(line, rec));
  else out.records.push({ line, record: rec });
}

/** Offset of the last XML declaration in latin[from, to), if any. */
function lastDeclaration(latin: string, from: number, to: number): number | undefined {
  let at: number | undefined;
  for (const m of latin.slice(from, to).matchAll(/<\?xml[\s?]/g)) at = from + m.index;
  return at;
}

/** True when the bytes look like a multipart alert stream rather than bare XML. */
export function looksMultipart(head: string): boolean {
  return /^\s*--\S/.test(head) || /^HTTP\/1\.[01] \d{3}/.test(head) || /^content-type:\s*multipart\//im.test(head.slice(0, 2048));
}

/**
 * Hikvision ISAPI EventNotificationAlert: a single document, several documents one
 * after another, or a multipart/mixed alert stream (non-XML parts such as JPEG
 * snapshots are skipped).
 */
export function parseIsapi(bytes: Uint8Array, opts: { device?: string } = {}): ParseOutcome {
  const out: ParseOutcome = { records: [], rejected: [], skipped: 0 };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin = buf.toString('latin1');
  if (looksMultipart(latin.slice(0, 4096))) {
    const split = splitMultipart(bytes);
    if (!('parts' in split)) {
      // No boundary, or one that delimits nothing: said once, on line 1, rather than a silent empty import.
      const params: Record<string, string> = split.boundary === undefined ? {} : { boundary: split.boundary };
      out.rejected.push(rejection(1, problem('multipart-no-boundary', params, split.reason)));
      return out;
    }
    for (const part of split.parts) {
      const isXml = part.contentType === '' ? /^\s*</.test(Buffer.from(part.body).toString('latin1', 0, 64)) : /xml/.test(part.contentType);
      if (!isXml) {
        out.skipped++;
        continue;
      }
      addAlert(out, part.line, part.body, opts.device);
    }
    return out;
  }
  const starts = offsetsOf(latin, /<(?:[\w.-]+:)?EventNotificationAlert[\s>]/g);
  if (starts.length === 0) {
    out.rejected.push(rejection(1, problem('isapi-no-alert', {}, 'no EventNotificationAlert element found')));
    return out;
  }
  const lineAt = lineCounter(latin);
  let begin = 0;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const to = starts[i + 1] ?? buf.length;
    // Each document keeps its own XML declaration (its encoding decides how the bytes decode,
    // as it does for a multipart part) and ends where the next document's declaration begins.
    const ownDecl = lastDeclaration(latin, begin, from);
    const nextDecl = latin.slice(from, to).search(/<\?xml[\s?]/);
    const end = nextDecl > 0 ? from + nextDecl : to;
    addAlert(out, lineAt(from), buf.subarray(ownDecl ?? from, end), opts.device);
    begin = end;
  }
  return out;
}
